import { inSession } from '../../engine/in-session'
import { exportQuery } from '../../engine/query/export-result'
import { closeResult, fetchResult } from '../../engine/query/open-results'
import { transferJobs } from '../../engine/transfer/jobs'
import { fileExists } from './transfer'
import { cancelQuery, runQuery } from '../../engine/query/run'
import { describeTable, listTables } from '../../engine/schema'
import type { Handlers } from '../router'

/** Completion names are read for at most this many tables (a huge schema completes what it can). */
const SCHEMA_TABLE_LIMIT = 300

export const queryHandlers: Pick<
  Handlers,
  | 'query.run'
  | 'query.cancel'
  | 'query.fetch'
  | 'query.close'
  | 'query.export'
  | 'query.history'
  | 'query.draft'
  | 'query.saveDraft'
  | 'query.schema'
> = {
  'query.run': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) =>
      runQuery(ctx.engine, session, input, (entries) => ctx.consoleFiles.record(session.info.display, entries)),
    ),
  'query.fetch': (input, ctx) => inSession(ctx.engine, input.sessionId, () => fetchResult(ctx.engine, input)),
  'query.close': async (input, ctx) => ({ closed: await closeResult(ctx.engine, input.resultId, input.sessionId) }),
  // As transfer.export: a single-use write grant, replaced only when the user said so; a transfer job (transfer.cancel stops it).
  'query.export': async (input, ctx) => {
    const grant = ctx.files.resolve(input.destination.file, 'write', 'destination.file')
    const replace = grant.existed && (grant.overwriteConfirmed || input.destination.overwrite)
    if (grant.existed && !replace) throw fileExists(grant.name)
    ctx.files.release(grant.id)
    return transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) =>
        exportQuery(
          { engine: ctx.engine, session, jobId: input.jobId, signal },
          { sql: input.sql, format: input.format, destination: { path: grant.path, replace } },
        ),
      ),
    )
  },
  'query.cancel': async (input, ctx) => ({ cancelled: await cancelQuery(ctx.engine, input.sessionId, input.runId) }),
  'query.history': async (input, ctx) =>
    ctx.consoleFiles.history(ctx.engine.sessions.get(input.sessionId).info.display, input.search, input.limit),
  'query.draft': async (input, ctx) => ({ text: ctx.consoleFiles.draft(ctx.engine.sessions.get(input.sessionId).info.display) }),
  'query.saveDraft': async (input, ctx) => {
    ctx.consoleFiles.saveDraft(ctx.engine.sessions.get(input.sessionId).info.display, input.text)
    return { saved: true }
  },
  'query.schema': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, async (session) => {
      const tables = (await listTables(session)).slice(0, SCHEMA_TABLE_LIMIT)
      const described = []
      for (const table of tables)
        described.push({ name: table.name, columns: (await describeTable(session, table.name)).columns.map((c) => c.name) })
      return described
    }),
}
