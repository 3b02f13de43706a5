import type { ChannelName, ParsedInputOf } from '../../../shared/contract'
import { inSession } from '../../engine/in-session'
import { assertWritable } from '../../engine/connection/sessions'
import { copyRows } from '../../engine/transfer/clipboard/copy-rows'
import { runExport } from '../../engine/transfer/export/export'
import { runImport } from '../../engine/transfer/import/import'
import { inspectImport } from '../../engine/transfer/import/inspect'
import { transferJobs } from '../../engine/transfer/jobs'
import type { Handlers } from '../router'
import type { FileGrants } from '../file-grants'
import type { SourceInput } from '../../engine/transfer/csv/source'

type TransferChannel = Extract<ChannelName, `transfer.${string}`>

export const transferHandlers: Pick<Handlers, TransferChannel> = {
  'transfer.inspect': async (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) => inspectImport(session, { ...input, source: readable(ctx.files, input.source) })),

  // The job is registered before any work, so a cancel arriving at once still finds it.
  // A read grant outlives one import: the import screen runs the same file again (a dry run, then
  // insert-only, then upsert). It ends when unused for an hour or when the app closes, and an
  // upload is deleted then (file-grants.ts).
  'transfer.import': async (input, ctx) => {
    const source = readable(ctx.files, input.source)
    return transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) => {
        assertWritable(session)
        return runImport({ engine: ctx.engine, session, jobId: input.jobId, signal }, { ...input, source })
      }),
    )
  },

  'transfer.export': async (input, ctx) => {
    const destination = ctx.files.claimWrite(input.destination)
    return transferJobs(ctx.engine).run(input.jobId, (signal) =>
      inSession(ctx.engine, input.sessionId, (session) =>
        runExport({ engine: ctx.engine, session, jobId: input.jobId, signal }, { ...input, destination }),
      ),
    )
  },

  'transfer.cancel': async ({ jobId }, ctx) => ({ cancelled: transferJobs(ctx.engine).cancel(jobId) }),

  'transfer.copyRows': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => copyRows(session, input)),
}

/** The contract's source with its grant resolved to a checked path (pasted text passes through). */
function readable(files: FileGrants, source: ParsedInputOf<'transfer.import'>['source']): SourceInput {
  return 'file' in source ? { path: files.resolve(source.file, 'read', 'source.file').path } : source
}
