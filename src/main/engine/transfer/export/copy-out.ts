import pg from 'pg'
import type { ColumnInfo } from '../../../../shared/contract'
import type { ExportFormat } from '../../../../shared/contract/transfer'
import { quoteIdentifier, replacePlaceholders } from '../../records/identifiers'
import { BindParams } from '../../records/sql'
import { selectExpression } from '../../records/value-codec'
import { rawConnection } from '../driver'
import { throwIfCancelled } from '../jobs'
import { csvFieldText, exportValue } from './export-format'
import { csvQuoter } from './fast-format'
import { selectionSql, type ExportPlan } from './pages'

type CsvFormat = Extract<Required<ExportFormat>, { kind: 'csv' }>

/**
 * PostgreSQL CSV by `COPY (SELECT …) TO STDOUT`: the server writes the CSV, Rowboat passes it on.
 * It is the same SELECT as every other path (the codec's lossless expressions, the records
 * engine's filters and order) and COPY's CSV quoting is the reference's (a field is quoted when it
 * holds the delimiter, a quote, CR or LF; the empty string is `""`, NULL an empty field), so only
 * what the codec writes differently from PostgreSQL's text is changed on the way:
 * - booleans are selected as `::text` (true/false, not t/f), binary as base64 (one line);
 * - floats are read back and written as the codec writes them (JavaScript's shortest digits,
 *   float32 digits, -0, NaN, Infinity): `rewrite` below;
 * - line ends become CRLF.
 * Not used (the array path is) for JSON Lines, spreadsheet-safe CSV, a one-column export (COPY
 * quotes a lone `\.`), a delimiter COPY does not take, or a database whose text is not UTF-8.
 */
export function canCopyOut(plan: ExportPlan, format: Required<ExportFormat>): format is CsvFormat {
  if (plan.target.dialect !== 'postgres' || format.kind !== 'csv' || format.spreadsheetSafe) return false
  const code = format.delimiter.charCodeAt(0)
  const plainAscii = format.delimiter.length === 1 && (code === 9 || (code >= 32 && code < 127)) && !'"\\'.includes(format.delimiter)
  return plainAscii && plan.columns.length > 1
}

/** Answers false (nothing written) when the connection's text is not UTF-8: the caller takes the array path. */
export async function copyOut(
  plan: ExportPlan,
  format: CsvFormat,
  write: (data: Buffer) => Promise<void>,
  onRows: (n: number) => void,
): Promise<boolean> {
  const connection = rawConnection('postgres', plan.transaction)
  const [encoding] = await connection.selectArrays(
    "SELECT current_setting('client_encoding') = 'UTF8' AND current_setting('server_encoding') = 'UTF8'",
    [],
  )
  if (encoding?.[0] !== true) return false
  const params = new BindParams('postgres')
  const select = selectionSql({ ...plan, selected: copySelectList(plan.columns) }, params, null, null, 0)
  const literals = inlineParams(select, params.values)
  if (literals === null) return false
  const delimiter = format.delimiter === "'" ? "''" : format.delimiter
  const stream = connection.copyTo!(`COPY (${literals}) TO STDOUT WITH (FORMAT csv, DELIMITER '${delimiter}')`)
  const rewriter = new CopyCsvRewriter(plan.columns, format.delimiter)

  // Cancel: PostgreSQL notices a cancel only between rows it sends, so the stream is read (and
  // dropped) until the server stops; pg_cancel_backend comes from another pooled connection.
  const stop: { cancelling: Promise<unknown> | null; failure: Error | null } = { cancelling: null, failure: null }
  const cancel = () => {
    stop.cancelling ??= plan.session.sequelize
      .query('SELECT pg_cancel_backend($1)', { bind: [connection.processId], plain: true, raw: true })
      .catch(() => undefined)
  }
  plan.signal.addEventListener('abort', cancel, { once: true })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (stop.cancelling) continue
      try {
        const out = rewriter.transform(chunk)
        onRows(rewriter.takeRows())
        await write(out)
      } catch (error) {
        // The file could not be written (or a value not rewritten): stop the COPY, report this error.
        stop.failure = error instanceof Error ? error : new Error(String(error))
        cancel()
      }
    }
  } catch (error) {
    if (!stop.cancelling) throw error
  } finally {
    plan.signal.removeEventListener('abort', cancel)
    await stop.cancelling
  }
  if (stop.failure) throw stop.failure
  throwIfCancelled(plan.signal, 'export')
  if (!rewriter.atRecordStart()) throw new Error('COPY ended inside a row')
  return true
}

/** The codec's expressions, except booleans as true/false and binary as one line of base64. */
function copySelectList(columns: readonly ColumnInfo[]): string {
  return columns
    .map((column, i) => {
      const q = quoteIdentifier('postgres', column.name)
      if (column.kind === 'boolean' && /^bool(ean)?$/i.test(column.type)) return `${q}::text AS c${i}`
      if (column.kind === 'binary' && /^bytea$/i.test(column.type)) return `translate(encode(${q}, 'base64'), E'\\n', '') AS c${i}`
      return selectExpression('postgres', column, i)
    })
    .join(', ')
}

/**
 * COPY takes no parameters: the values are written in as string literals, which PostgreSQL types
 * from their context as it types a parameter (a number written bare would be typed numeric
 * and could not be compared with text). Answers null for a value a literal would not carry the same
 * (binary, sent as a binary parameter by the driver).
 */
function inlineParams(sql: string, values: readonly unknown[]): string | null {
  const texts: Array<string | null> = []
  for (const value of values) {
    const prepared = prepareValue(value)
    if (prepared !== null && prepared !== undefined && typeof prepared !== 'string') return null
    texts.push(prepared === null || prepared === undefined ? null : prepared)
  }
  return replacePlaceholders('postgres', sql, (placeholder) => {
    const index = /^\$(\d+)$/.exec(placeholder)
    if (!index) return undefined
    const text = texts[Number(index[1]) - 1]
    return text === null ? 'NULL' : text === undefined ? undefined : pg.escapeLiteral(text)
  })
}

/** How node-postgres turns a parameter into the text it sends (pg exports it; @types/pg does not list it). */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue

const QUOTE = 0x22
const LF = 0x0a
const CRLF = Buffer.from('\r\n')

/**
 * COPY's CSV → the export's CSV, chunk by chunk (a chunk may end anywhere, even inside a field):
 * LF record ends become CRLF, and the fields of float columns are written again as the codec
 * writes them. A quote opens or closes a quoted field (a doubled quote closes and opens again), so
 * a delimiter or LF counts only outside quotes.
 */
export class CopyCsvRewriter {
  private readonly delimiter: number
  private readonly rewrites: Array<((field: string) => string) | null>
  private inQuote = false
  private field = 0
  private rows = 0
  /** Whether the current field is one to rewrite (its bytes are collected, not copied). */
  private collecting: boolean
  /** Bytes of the field being rewritten that came in earlier chunks. */
  private carried: Buffer[] = []

  constructor(columns: readonly ColumnInfo[], delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0)
    const quote = csvQuoter(delimiter)
    this.rewrites = columns.map((column) => (column.kind === 'float' ? floatRewrite(column, quote) : null))
    this.collecting = this.rewrites[0] !== null
  }

  atRecordStart(): boolean {
    return this.field === 0 && !this.inQuote && this.carried.length === 0
  }

  /** Rows completed since the last call. */
  takeRows(): number {
    const rows = this.rows
    this.rows = 0
    return rows
  }

  transform(chunk: Buffer): Buffer {
    const out: Buffer[] = []
    const delimiter = this.delimiter
    const rewrites = this.rewrites
    let inQuote = this.inQuote
    let field = this.field
    let rows = 0
    let copied = 0 // bytes before this are out (or collected)
    let collectFrom = this.collecting ? 0 : -1
    const length = chunk.length
    for (let i = 0; i < length; i++) {
      const byte = chunk[i]
      if (inQuote) {
        if (byte === QUOTE) inQuote = false
        continue
      }
      if (byte === QUOTE) {
        inQuote = true
        continue
      }
      const endOfRecord = byte === LF
      if (byte !== delimiter && !endOfRecord) continue
      if (collectFrom !== -1) {
        out.push(Buffer.from(this.rewriteField(field, chunk.subarray(collectFrom, i))))
        collectFrom = -1
        copied = i
      }
      if (endOfRecord) {
        out.push(chunk.subarray(copied, i), CRLF)
        copied = i + 1
        field = 0
        rows++
      } else {
        field++
      }
      if (rewrites[field]) {
        out.push(chunk.subarray(copied, i + 1))
        copied = i + 1
        collectFrom = i + 1
      }
    }
    if (collectFrom !== -1) {
      if (collectFrom < length) this.carried.push(Buffer.from(chunk.subarray(collectFrom)))
    } else {
      out.push(chunk.subarray(copied))
    }
    this.collecting = collectFrom !== -1
    this.inQuote = inQuote
    this.field = field
    this.rows += rows
    return Buffer.concat(out)
  }

  private rewriteField(field: number, tail: Buffer): string {
    const bytes = this.carried.length > 0 ? Buffer.concat([...this.carried, tail]) : tail
    this.carried = []
    return this.rewrites[field]!(bytes.toString('utf8'))
  }
}

/** A float field of COPY's CSV → the codec's CSV field (see export-format.ts and value-codec.ts). */
function floatRewrite(column: ColumnInfo, quote: (text: string | null) => string): (field: string) => string {
  // double precision is read natively by the codec (pg parses its text); real is read as text.
  const native = /^double precision$/i.test(column.type)
  const parse: (text: string) => unknown = native ? (pg.types.getTypeParser(701, 'text') as (text: string) => unknown) : (text) => text
  return (field) => {
    if (field === '') return '' // NULL
    const text = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field
    return quote(csvFieldText(exportValue(parse(text), column), column, false))
  }
}
