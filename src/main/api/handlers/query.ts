import { inSession } from '../../engine/in-session'
import { closeResult, fetchResult } from '../../engine/query/open-results'
import { cancelQuery, runQuery } from '../../engine/query/run'
import { describeTable, listTables } from '../../engine/schema'
import type { Handlers } from '../router'

/** Completion names are read for at most this many tables (a huge schema completes what it can). */
const SCHEMA_TABLE_LIMIT = 300

export const queryHandlers: Pick<
  Handlers,
  'query.run' | 'query.cancel' | 'query.fetch' | 'query.close' | 'query.history' | 'query.draft' | 'query.saveDraft' | 'query.schema'
> = {
  'query.run': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) =>
      runQuery(ctx.engine, session, input, (entries) => ctx.consoleFiles.record(session.info.display, entries)),
    ),
  'query.fetch': (input, ctx) => inSession(ctx.engine, input.sessionId, () => fetchResult(ctx.engine, input)),
  'query.close': async (input, ctx) => ({ closed: await closeResult(ctx.engine, input.resultId, input.sessionId) }),
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
