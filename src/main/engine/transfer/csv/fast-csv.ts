import { pipeline } from 'node:stream'
import Papa from 'papaparse'
import type { Parser } from 'csv-parse'
import type { CsvFormat } from '../../../../shared/contract/transfer'
import { csvError, csvParser, type CsvReadOptions, type CsvRecord } from './csv-reader'
import { headerDropper, readOptions } from './record-stream'
import { decoderFor, type OpenedSource } from './source'

/** Beyond this a runaway quote has likely swallowed the file: csv-parse says so (csv-reader.ts). */
const MAX_CARRY_CHARS = 64 * 1024 * 1024
/** Text read without finding the line break (each try reads it all again) before csv-parse takes over. */
const DISCOVERY_CHARS = 1024 * 1024

/**
 * Reads CSV text pushed in chunks, for imports: with Papa Parse, about four times quicker than
 * csv-parse (docs/benchmarks.md), wherever it is sure to read the text as csv-parse would, and
 * with csv-parse elsewhere. csv-parse stays the reference: previews, detection and the reading on
 * the engine's thread use it (csv-reader.ts), and the differential tests hold the two to the
 * same records.
 *
 * Papa Parse does not say whether an empty field was quoted, which decides NULL (unquoted) from
 * the empty string (`""`). So text holding a quoted empty field (or what may be one), text Papa
 * Parse reports a problem with, and delimiters it refuses, go to csv-parse: a chunk with `""`
 * standing alone is read by csv-parse alone; after any problem the rest of the file is, so its
 * errors (with their line numbers) are csv-parse's own.
 */
export class ChunkedCsvReader {
  private carry = ''
  private started = false
  private newline: '\n' | '\r\n' | '\r' | null = null
  private fallback: Watched | null = null
  /** Lines read before the fallback parser took over, to correct its error line numbers. */
  private linesBefore = 0
  /** Text Papa Parse could read differently (see suspiciousText); made once the line break is known. */
  private suspicious: RegExp | null = null

  constructor(private readonly options: Omit<CsvReadOptions, 'to'>) {
    // Papa Parse falls back to ',' for delimiters it refuses; those files go to csv-parse.
    if (Papa.BAD_DELIMITERS.includes(options.delimiter) || options.delimiter === options.quote) this.fallback = this.referenceParser()
  }

  /** The records completed by `text` (the last call passes `final`, with or without text). */
  async push(text: string, final: boolean): Promise<CsvRecord[]> {
    if (!this.started && text.length > 0) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (this.fallback) return this.readFallback(text, final)
    const input = this.carry + text
    this.carry = ''
    const newline = (this.newline ??= csvParseNewline(input, this.options))
    if (newline === null) {
      // Not one line break yet: wait for more, up to a point (a huge first field is csv-parse's).
      if (final) return this.readAlone(input)
      if (input.length <= DISCOVERY_CHARS) {
        this.carry = input
        return []
      }
      return this.switchToFallback(input, final)
    }
    // Old Mac line breaks, or a '\r' that is not part of the file's line break: the two parsers
    // can cut such text into records differently.
    if (newline === '\r' || strayCarriageReturn(input, newline)) return this.switchToFallback(input, final)
    const parser = new Papa.Parser({ delimiter: this.options.delimiter, quoteChar: this.options.quote, newline })
    const result = parser.parse(input, 0, !final) as { data: string[][]; errors: unknown[]; meta: { cursor: number } }
    if (result.errors.length > 0) return this.switchToFallback(input, final)
    const end = final ? input.length : result.meta.cursor
    if (input.length - end > MAX_CARRY_CHARS) return this.switchToFallback(input, final)
    const done = input.slice(0, end)
    this.carry = input.slice(end)
    this.suspicious ??= suspiciousText(this.options, newline)
    if (this.suspicious.test(done)) return this.readAlone(done)
    this.linesBefore += countNewlines(done)
    return this.records(result.data, final && input.endsWith(newline))
  }

  /** Papa Parse's rows as csv-parse gives them: '' (never quoted here) is NULL; blank lines skipped. */
  private records(rows: string[][], endsWithNewline: boolean): CsvRecord[] {
    // The text after a final newline is no record for csv-parse.
    if (endsWithNewline && rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop()
    const records: CsvRecord[] = []
    for (const row of rows) {
      if (this.options.skipEmptyLines && isBlank(row)) continue
      const record: CsvRecord = row
      for (let i = 0; i < row.length; i++) if (row[i] === '') record[i] = null
      records.push(record)
    }
    return records
  }

  /** csv-parse, told the line break found so far (a parser started mid-file would guess anew). */
  private referenceParser(): Watched {
    return watch(csvParser(this.newline ? { ...this.options, recordDelimiter: this.newline } : this.options))
  }

  /** Whole records (Papa Parse found where they end) read by csv-parse on their own. */
  private async readAlone(text: string): Promise<CsvRecord[]> {
    const reference = this.referenceParser()
    const records = await this.collect(reference, () => reference.parser.end(text))
    this.linesBefore += countNewlines(text)
    return records
  }

  private switchToFallback(text: string, final: boolean): Promise<CsvRecord[]> {
    this.fallback = this.referenceParser()
    return this.readFallback(text, final)
  }

  private readFallback(text: string, final: boolean): Promise<CsvRecord[]> {
    const { parser } = this.fallback!
    return this.collect(this.fallback!, () => {
      if (text) parser.write(text)
      if (final) parser.end()
    })
  }

  /**
   * Runs `feed` (which writes to the parser) and takes the records it made. The parser reports a
   * problem as an 'error' event on the next tick, so that is waited for.
   */
  private async collect(reference: Watched, feed: () => void): Promise<CsvRecord[]> {
    feed()
    await new Promise<void>((resolve) => setImmediate(resolve))
    const records: CsvRecord[] = []
    let record: CsvRecord | null
    while ((record = reference.parser.read() as CsvRecord | null) !== null) records.push(record)
    if (reference.failure) throw this.withLines(reference.failure)
    return records
  }

  /** csv-parse's error, its line number counted from the start of the file. */
  private withLines(error: unknown): unknown {
    if (error instanceof Error && 'lines' in error && typeof error.lines === 'number') error.lines += this.linesBefore
    return csvError(error) ?? error
  }
}

/** A csv-parse stream and the first error it reported (errors come as events, a tick later). */
interface Watched {
  parser: Parser
  failure: unknown
}

function watch(parser: Parser): Watched {
  const watched: Watched = { parser, failure: null }
  parser.on('error', (error) => (watched.failure ??= error))
  return watched
}

/**
 * What sends text to csv-parse: a quoted empty field (`""` alone between delimiters or line
 * breaks, which only csv-parse tells from NULL), and a quote followed by whitespace other than
 * the line break (Papa Parse trims whitespace after a closing quote; csv-parse keeps or refuses
 * it). Text that only looks like either goes to csv-parse too, which costs time, not correctness.
 */
function suspiciousText(options: { delimiter: string; quote: string }, newline: '\n' | '\r\n'): RegExp {
  const d = escapeRegExp(options.delimiter)
  const q = escapeRegExp(options.quote)
  const nl = escapeRegExp(newline)
  return new RegExp(`(?:^|${d}|\\n|\\r)${q}${q}(?:${d}|\\r|\\n|$)|${q}(?!${nl})\\s+(?=${d}|\\r|\\n|$)`)
}

function strayCarriageReturn(text: string, newline: '\n' | '\r\n'): boolean {
  if (newline === '\n') return text.includes('\r')
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    // A '\r' last may be the first half of a line break cut between chunks.
    if (at + 1 < text.length && text.charCodeAt(at + 1) !== 10) return true
  }
  return false
}

function isBlank(row: readonly string[]): boolean {
  return row.length === 1 && row[0] === ''
}

function countNewlines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++
  return count
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The data rows of a source, as dataRecordChunks (record-stream.ts) gives them, read by
 * ChunkedCsvReader: the CSV reading thread's reader (csv-worker.ts). The header row is left out.
 */
export async function* quickRecordChunks(
  source: OpenedSource,
  format: CsvFormat,
  csvWidth: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const input = source.stream()
  const decoded = decoderFor(format.encoding)
  // Set by the pipeline's callback; a holder, because TypeScript does not follow assignments in callbacks.
  const stream: { failure: Error | null } = { failure: null }
  pipeline(input, decoded, (error) => {
    if (error) stream.failure ??= error
  })
  const reader = new ChunkedCsvReader(readOptions(format, csvWidth))
  const withoutHeader = headerDropper(format.header)
  try {
    input.on('data', (chunk: Buffer) => onBytes?.(chunk.length))
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      const records = withoutHeader(await reader.push(chunk.toString('utf8'), false))
      if (records.length > 0) yield records
    }
    if (stream.failure) throw stream.failure
    const last = withoutHeader(await reader.push('', true))
    if (last.length > 0) yield last
  } finally {
    input.destroy()
    decoded.destroy()
  }
}

/**
 * The file's line break, as csv-parse finds it (the first one outside quotes), so both readers see
 * the same records: null until the text holds one. csv-parse has no public way to say what it
 * found; its `options.record_delimiter` (pinned 7.0.3) holds it. fast-csv.test.ts checks this
 * against every kind of line break, so an upgrade that moves it fails there, not in users' imports.
 */
export function csvParseNewline(text: string, options: Omit<CsvReadOptions, 'to'>): '\n' | '\r\n' | '\r' | null {
  const parser = csvParser(options)
  parser.on('error', () => undefined) // a damaged start is reported when the text is read
  // A '\r' last may be the first half of '\r\n': wait for what follows.
  parser.write(text.endsWith('\r') ? text.slice(0, -1) : text)
  const found = (parser.options as { record_delimiter?: Buffer[] }).record_delimiter?.[0]?.toString('utf8')
  parser.destroy()
  return found === '\n' || found === '\r\n' || found === '\r' ? found : null
}
