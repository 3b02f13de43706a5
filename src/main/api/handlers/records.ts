import { AppError } from '../../../shared/errors'
import { inSession } from '../../engine/in-session'
import {
  bulkDelete,
  bulkUpdate,
  countRows,
  deleteRecord,
  getRecord,
  insertRecord,
  isDatabaseRefusal,
  operationIndexOf,
  queryFailed,
  readLabels,
  readPage,
  reviewBatch,
  runBatch,
  updateRecord,
} from '../../engine/records'
import { assertWritable, type Session } from '../../engine/connection/sessions'
import type { ApiContext, Handlers } from '../router'

type RecordChannels =
  | 'records.page'
  | 'records.count'
  | 'records.get'
  | 'records.labels'
  | 'records.insert'
  | 'records.update'
  | 'records.delete'
  | 'records.batch'
  | 'records.preview'
  | 'records.bulkUpdate'
  | 'records.bulkDelete'

/**
 * Session work with the records' last line of error mapping: connection failures are diagnosed by
 * inSession; a refusal the engine did not recognise becomes QUERY_FAILED with the database's words.
 */
async function withRecords<T>(ctx: ApiContext, sessionId: string, work: (session: Session) => Promise<T>): Promise<T> {
  try {
    return await inSession(ctx.engine, sessionId, work)
  } catch (error) {
    if (error instanceof AppError || !isDatabaseRefusal(error)) throw error
    const mapped = queryFailed(error, ctx.engine.sessions.get(sessionId).password)
    const operationIndex = operationIndexOf(error)
    if (operationIndex === undefined) throw mapped
    throw new AppError({ ...mapped.toData(), details: { ...mapped.details, operationIndex } })
  }
}

/** The same, for changes: a read-only session refuses before anything runs. */
function writing<T>(ctx: ApiContext, sessionId: string, work: (session: Session) => Promise<T>): Promise<T> {
  return withRecords(ctx, sessionId, (session) => {
    assertWritable(session)
    return work(session)
  })
}

export const recordHandlers: Pick<Handlers, RecordChannels> = {
  'records.page': (input, ctx) => withRecords(ctx, input.sessionId, (session) => readPage(session, input)),
  'records.count': (input, ctx) => withRecords(ctx, input.sessionId, (session) => countRows(session, input)),
  'records.get': (input, ctx) => withRecords(ctx, input.sessionId, (session) => getRecord(session, input.table, input.key)),
  'records.labels': (input, ctx) => withRecords(ctx, input.sessionId, (session) => readLabels(session, input)),
  'records.insert': (input, ctx) =>
    writing(ctx, input.sessionId, (session) => insertRecord(session, input.table, input.values, input.copyFrom)),
  'records.update': (input, ctx) => writing(ctx, input.sessionId, (session) => updateRecord(session, input.table, input)),
  'records.delete': (input, ctx) => writing(ctx, input.sessionId, (session) => deleteRecord(session, input.table, input)),
  'records.batch': (input, ctx) => writing(ctx, input.sessionId, (session) => runBatch(session, input.operations)),
  'records.preview': (input, ctx) => writing(ctx, input.sessionId, (session) => reviewBatch(session, input.operations)),
  'records.bulkUpdate': (input, ctx) => writing(ctx, input.sessionId, (session) => bulkUpdate(session, input.table, input, input.values)),
  'records.bulkDelete': (input, ctx) => writing(ctx, input.sessionId, (session) => bulkDelete(session, input.table, input)),
}
