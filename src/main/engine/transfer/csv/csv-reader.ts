import { parse, type Parser } from 'csv-parse'
import { AppError } from '../../../../shared/errors'

/** A parsed field: text, or null for an empty field without quotes (see contract/transfer.ts). */
export type CsvField = string | null
export type CsvRecord = CsvField[]

export interface CsvReadOptions {
  delimiter: string
  quote: string
  /** Blank lines are skipped in files of several columns (in a one-column file they are NULLs). */
  skipEmptyLines: boolean
  /** Stop after this many records (previews, detection). */
  to?: number
  /** The line break, when already known (fast-csv.ts); otherwise csv-parse finds it in the first record. */
  recordDelimiter?: '\n' | '\r\n' | '\r'
}

/** One cell can be this big (a base64 image…); beyond it a stray quote has likely swallowed the file. */
const MAX_RECORD_CHARS = 64 * 1024 * 1024

/**
 * A csv-parse stream for the format. Every field arrives as a string except an unquoted empty
 * field, which arrives as null: csv-parse reports whether a field was quoted to its `cast` hook.
 */
export function csvParser(options: CsvReadOptions): Parser {
  const parser = parse({
    delimiter: options.delimiter,
    quote: options.quote,
    escape: options.quote,
    bom: true,
    relax_column_count: true,
    // A quote inside an unquoted field (5" screen) is kept as text rather than refused.
    relax_quotes: true,
    skip_empty_lines: options.skipEmptyLines,
    max_record_size: MAX_RECORD_CHARS,
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.recordDelimiter !== undefined ? { record_delimiter: options.recordDelimiter } : {}),
    cast: (value, context) => (value === '' && !context.quoting ? null : value),
  })
  lightenCastContext(parser)
  return parser
}

/**
 * csv-parse builds the `cast` hook's context by spreading three objects of ~20 properties for
 * every field, which makes parsing about ten times slower (1M rows: 48 s instead of 4 s). The
 * hook here reads only `quoting`, so the parser is given a context builder that makes just that.
 * This touches csv-parse's internals (pinned at 7.0.3): if they change, the parser keeps its own
 * builder and is only slower; transfer's tests check NULL vs empty either way.
 */
function lightenCastContext(parser: Parser): void {
  type Api = { __infoField?: unknown; state?: { wasQuoting?: unknown } }
  const api = (parser as unknown as { api?: Api }).api
  if (!api || typeof api.__infoField !== 'function' || typeof api.state?.wasQuoting !== 'boolean') return
  api.__infoField = function (this: Api) {
    return { quoting: this.state?.wasQuoting === true }
  }
}

/** Parses a small complete text (detection, tests). */
export async function parseText(text: string, options: CsvReadOptions): Promise<CsvRecord[]> {
  const parser = csvParser(options)
  const records: CsvRecord[] = []
  parser.end(text)
  for await (const record of parser) records.push(record as CsvRecord)
  return records
}

/** csv-parse's errors (unclosed quote, record too big…) as an AppError naming the line. */
export function csvError(error: unknown): AppError | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string' || !error.code.startsWith('CSV_')) return null
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : null
  const why =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? 'a row is far too long (a quote may be missing)'
        : error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
          ? 'a quote appears in the middle of a field'
          : error.message
  return new AppError({
    code: 'INVALID_INPUT',
    message: `The CSV cannot be read${line !== null ? ` at line ${line}` : ''}: ${why}.`,
    hint: 'Check the delimiter and quote character, or fix the file there.',
    field: 'source',
  })
}
