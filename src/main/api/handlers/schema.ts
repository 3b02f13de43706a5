import { inSession } from '../../engine/in-session'
import { describeTable, listTables } from '../../engine/schema'
import type { Handlers } from '../router'

export const schemaHandlers: Pick<Handlers, 'schema.tables' | 'schema.describe'> = {
  'schema.tables': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => listTables(session)),
  'schema.describe': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => describeTable(session, input.table)),
}
