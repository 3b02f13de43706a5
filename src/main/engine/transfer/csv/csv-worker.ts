/**
 * The CSV reading thread (a bundle of its own: see csv-thread.ts). It reads, decodes and parses
 * the file (with the quicker reader of fast-csv.ts, held to csv-parse's records by its tests), and
 * sends the records on, packed, while the engine's thread checks and writes the ones before them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { CsvThreadJob, FromCsvThread, ToCsvThread } from './csv-thread-protocol'
import { describeError } from './csv-thread-protocol'
import { packRecords, transferables } from './record-packing'
import { quickRecordChunks } from './fast-csv'
import { openSource } from './source'

const port = parentPort
if (!port) throw new Error('csv-worker runs as a worker thread only')
const job = workerData as CsvThreadJob
const send = (message: FromCsvThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

let credits = job.window
let wake: (() => void) | null = null
port.on('message', (message: ToCsvThread) => {
  if (message.kind !== 'taken') return
  credits++
  wake?.()
})

async function read(): Promise<void> {
  const source = await openSource(job.source)
  let bytes = 0
  for await (const records of quickRecordChunks(source, job.format, job.csvWidth, (read) => (bytes += read))) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
    credits--
    const packed = packRecords(records, bytes)
    bytes = 0
    send({ kind: 'records', packed }, transferables(packed))
  }
  send({ kind: 'end', bytes })
}

read().then(
  () => port.close(),
  (error: unknown) => {
    send({ kind: 'error', error: describeError(error) })
    port.close()
  },
)
