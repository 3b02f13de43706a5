import { Worker } from 'node:worker_threads'
import type { CsvFormat } from '../../../../shared/contract/transfer'
import type { SourceInput } from './source'
import type { CsvRecord } from './csv-reader'
import { reviveError, type CsvThreadJob, type FromCsvThread, type ToCsvThread } from './csv-thread-protocol'
import { unpackRecords } from './record-packing'

/** Chunks (about 64 KiB of file each) the thread may read ahead of the engine. */
const READ_AHEAD_CHUNKS = 4

/**
 * The data rows of a source, read and parsed on a thread of their own (csv-worker.ts): the same
 * rows, in the same chunks, as dataRecordChunks (record-stream.ts) gives on the engine's thread.
 *
 * Why a thread: parsing is about as much work as the database's whole bulk load (docs/benchmarks.md),
 * and on one thread it adds up with checking and writing. The read-ahead is a few chunks, so
 * memory stays bounded; returning early (cancel, a bad row) stops the thread.
 */
export async function* threadRecordChunks(
  workerFile: string,
  source: SourceInput,
  format: CsvFormat,
  csvWidth: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const job: CsvThreadJob = { source, format, csvWidth, window: READ_AHEAD_CHUNKS }
  const worker = new Worker(workerFile, { workerData: job })
  const inbox: FromCsvThread[] = []
  let wake: (() => void) | null = null
  const deliver = (message: FromCsvThread) => {
    inbox.push(message)
    wake?.()
  }
  worker.on('message', deliver)
  worker.on('error', (error) => deliver({ kind: 'error', error: { message: `The CSV reader failed: ${error.message}` } }))
  worker.on('exit', () => deliver({ kind: 'error', error: { message: 'The CSV reader stopped before the end of the file.' } }))
  const taken: ToCsvThread = { kind: 'taken' }
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      wake = null
      const message = inbox.shift()!
      if (message.kind === 'error') throw reviveError(message.error)
      onBytes?.(message.kind === 'end' ? message.bytes : message.packed.bytes)
      if (message.kind === 'end') return
      worker.postMessage(taken)
      yield unpackRecords(message.packed)
    }
  } finally {
    worker.removeAllListeners()
    await worker.terminate()
  }
}
