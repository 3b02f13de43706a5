import type { Session } from '../../engine/connection/sessions'
import type { Engine } from '../../engine/engine'
import { inSession } from '../../engine/in-session'
import { exportQuery } from '../../engine/query/export-result'
import { closeResult, fetchResult } from '../../engine/query/open-results'
import { transferJobs } from '../../engine/transfer/jobs'
import { findTab } from '../../engine/query/console-tabs'
import type { ConsoleFiles } from '../../engine/query/history'
import { cancelQuery, runQuery } from '../../engine/query/run'
import { splitStatements, statementsInRange } from '../../engine/query/split'
import { tabConnection, transactionStep, type TabConnection } from '../../engine/query/tab-connections'
import { describeTable, listTables } from '../../engine/schema'
import type { Handlers } from '../router'

/** Completion names are read for at most this many tables (a huge schema completes what it can). */
const SCHEMA_TABLE_LIMIT = 300

export const queryHandlers: Pick<
  Handlers,
  'query.run' | 'query.cancel' | 'query.fetch' | 'query.close' | 'query.export' | 'query.history' | 'query.schema'
> = {
  'query.run': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, async (session) => {
      const held = await manualConnection(ctx.engine, ctx.consoleFiles, session, input)
      return runQuery(ctx.engine, session, input, (entries) => ctx.consoleFiles.record(session.info.display, entries), held)
    }),
  'query.fetch': (input, ctx) => inSession(ctx.engine, input.sessionId, () => fetchResult(ctx.engine, input)),
  'query.close': async (input, ctx) => ({ closed: await closeResult(ctx.engine, input.resultId, input.sessionId) }),
  // As transfer.export: a single-use write grant (FileGrants.claimWrite); a transfer job (transfer.cancel stops it).
  'query.export': async (input, ctx) => {
    const destination = ctx.files.claimWrite(input.destination)
    return transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) =>
        exportQuery({ engine: ctx.engine, session, jobId: input.jobId, signal }, { sql: input.sql, format: input.format, destination }),
      ),
    )
  },
  'query.cancel': async (input, ctx) => ({ cancelled: await cancelQuery(ctx.engine, input.sessionId, input.runId) }),
  'query.history': async (input, ctx) =>
    ctx.consoleFiles.history(ctx.engine.sessions.get(input.sessionId).info.display, input.search, input.limit),
  'query.schema': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, async (session) => {
      const tables = (await listTables(session)).slice(0, SCHEMA_TABLE_LIMIT)
      const described = []
      for (const table of tables)
        described.push({ name: table.name, columns: (await describeTable(session, table.name)).columns.map((c) => c.name) })
      return described
    }),
}

/**
 * A tab in manual mode runs on its own connection, inside a transaction: one is begun first unless
 * the text itself starts one, so nothing commits until Commit (or a COMMIT in the text).
 */
async function manualConnection(
  engine: Engine,
  files: ConsoleFiles,
  session: Session,
  input: { tabId?: string; sql: string; range?: { from: number; to: number } },
): Promise<TabConnection | undefined> {
  if (!input.tabId || findTab(files, session.info.display, input.tabId).mode !== 'manual') return undefined
  const connection = await tabConnection(engine, session, input.tabId)
  if (!connection.transactionOpen) {
    const all = splitStatements(input.sql, session.config.dialect)
    const first = (input.range ? statementsInRange(all, input.range) : all)[0]
    if (first && !/^\s*(BEGIN|START\s+TRANSACTION)\b/i.test(first.sql)) await transactionStep(engine, session, input.tabId, 'begin')
  }
  return connection
}
