import type { ChannelName } from '../../../shared/contract'
import { inSession } from '../../engine/in-session'
import { assertWritable } from '../../engine/connection/sessions'
import { copyRows } from '../../engine/transfer/clipboard/copy-rows'
import { runExport } from '../../engine/transfer/export/export'
import { runImport } from '../../engine/transfer/import/import'
import { inspectImport } from '../../engine/transfer/import/inspect'
import { transferJobs } from '../../engine/transfer/jobs'
import type { Handlers } from '../router'

type TransferChannel = Extract<ChannelName, `transfer.${string}`>

export const transferHandlers: Pick<Handlers, TransferChannel> = {
  'transfer.inspect': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => inspectImport(session, input)),

  // The job is registered before any work, so a cancel arriving at once still finds it.
  'transfer.import': (input, ctx) =>
    transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) => {
        assertWritable(session)
        return runImport({ engine: ctx.engine, session, jobId: input.jobId, signal }, input)
      }),
    ),

  'transfer.export': (input, ctx) =>
    transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) => runExport({ engine: ctx.engine, session, jobId: input.jobId, signal }, input)),
    ),

  'transfer.cancel': async ({ jobId }, ctx) => ({ cancelled: transferJobs(ctx.engine).cancel(jobId) }),

  'transfer.copyRows': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => copyRows(session, input)),
}
