import { pipeline } from 'node:stream'
import type { CsvFormat } from '../../../../shared/contract/transfer'
import { csvError, csvParser, type CsvReadOptions, type CsvRecord } from './csv-reader'
import { decoderFor, type OpenedSource } from './source'

/**
 * The data rows of a source, streamed: file → decoder → csv-parse, with backpressure (the file is
 * read further only as rows are taken). Rows come in arrays of whatever the parser has ready
 * (about one file chunk's worth), which spares a promise per row. The header row is left out.
 * `onBytes` sees every chunk read, for progress.
 */
export async function* dataRecordChunks(
  source: OpenedSource,
  format: CsvFormat,
  csvWidth: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const input = source.stream()
  if (onBytes) input.on('data', (chunk: Buffer) => onBytes(chunk.length))
  const parser = csvParser(readOptions(format, csvWidth))
  let ended = false
  // Set by the stream callbacks; a holder, because TypeScript does not follow assignments in callbacks.
  const stream: { failure: Error | null } = { failure: null }
  parser.on('end', () => (ended = true))
  parser.on('error', (error) => (stream.failure ??= error))
  // Errors of any stage end the whole chain and arrive here.
  pipeline(input, decoderFor(format.encoding), parser, (error) => {
    if (error) stream.failure ??= error
  })
  const withoutHeader = headerDropper(format.header)
  try {
    for (;;) {
      const records: CsvRecord[] = []
      let record: CsvRecord | null
      while ((record = parser.read() as CsvRecord | null) !== null) records.push(record)
      withoutHeader(records)
      if (records.length > 0) {
        yield records
        continue
      }
      if (stream.failure) throw stream.failure
      if (ended || parser.destroyed) return
      await new Promise<void>((resolve) => {
        const wake = () => {
          parser.off('readable', wake)
          parser.off('end', wake)
          parser.off('close', wake)
          resolve()
        }
        parser.on('readable', wake)
        parser.on('end', wake)
        parser.on('close', wake)
      })
      // Widened again: the wait above is where the callbacks may have set it.
      const late = stream.failure as Error | null
      if (late) throw late
    }
  } catch (error) {
    throw csvError(error) ?? error
  } finally {
    // Stopping early (cancel, abort) closes the file.
    input.destroy()
    parser.destroy()
  }
}

/** How a format's data rows are read: blank lines are skipped in files of several columns (in a one-column file they are NULLs). */
export function readOptions(format: CsvFormat, csvWidth: number): Omit<CsvReadOptions, 'to'> {
  return { delimiter: format.delimiter, quote: format.quote, skipEmptyLines: csvWidth > 1 }
}

/** Takes the header row (when the format has one) out of the first records that arrive; answers them. */
export function headerDropper(header: boolean): (records: CsvRecord[]) => CsvRecord[] {
  let pending = header
  return (records) => {
    if (pending && records.length > 0) {
      records.shift()
      pending = false
    }
    return records
  }
}

/** One row at a time (previews). */
export async function* dataRecords(source: OpenedSource, format: CsvFormat, csvWidth: number): AsyncGenerator<CsvRecord> {
  for await (const records of dataRecordChunks(source, format, csvWidth)) yield* records
}
