import pg from 'pg'
import type { ColumnInfo } from '../../../../shared/contract'
import type { ExportFormat } from '../../../../shared/contract/transfer'
import { quoteIdentifier, replacePlaceholders } from '../../records/identifiers'
import { BindParams } from '../../records/sql'
import { selectExpression } from '../../records/value-codec'
import { rawConnection } from '../driver'
import { throwIfCancelled } from '../jobs'
import { selectionSql, type ExportPlan } from './pages'

type CsvFormat = Extract<Required<ExportFormat>, { kind: 'csv' }>

/**
 * PostgreSQL CSV by `COPY (SELECT …) TO STDOUT`: the server writes the CSV, Rowboat passes it on.
 * It is the same SELECT as every other path (the codec's lossless expressions, the records
 * engine's filters and order) and COPY's CSV quoting is the reference's (a field is quoted when it
 * holds the delimiter, a quote, CR or LF; the empty string is `""`, NULL an empty field), so only
 * what the codec writes differently from PostgreSQL's text is changed on the way:
 * - booleans are selected as `::text` (true/false, not t/f), binary as base64 (one line);
 * - floats that PostgreSQL writes with an exponent are written as JavaScript writes the same
 *   digits (`jsNumber`), in the SELECT, so the rows need no look in JavaScript;
 * - line ends become CRLF (`CopyCsvLines`).
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
  const lines = new CopyCsvLines()

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
        const out = lines.transform(chunk)
        onRows(lines.takeRows())
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
  if (!lines.atRecordStart()) throw new Error('COPY ended inside a row')
  return true
}

/** The codec's expressions, except booleans as true/false and binary as one line of base64. */
function copySelectList(columns: readonly ColumnInfo[]): string {
  return columns
    .map((column, i) => {
      const q = quoteIdentifier('postgres', column.name)
      if (column.kind === 'boolean' && /^bool(ean)?$/i.test(column.type)) return `${q}::text AS c${i}`
      if (column.kind === 'binary' && /^bytea$/i.test(column.type)) return `translate(encode(${q}, 'base64'), E'\\n', '') AS c${i}`
      // Between 1e-4 and 1e15 (and zero) PostgreSQL's shortest digits need no exponent, so the text
      // is not printed twice to look for one: the session prints every digit (output-settings.ts).
      if (/^double precision$/i.test(column.type))
        return (
          `CASE WHEN (abs(${q}) >= 1e-4::float8 AND abs(${q}) < 1e15::float8) OR ${q} = 0 THEN ${q}::text ` +
          `WHEN strpos(${q}::text, 'e') = 0 THEN ${q}::text ELSE ${jsNumber(`${q}::text`)} END AS c${i}`
        )
      if (/^real$/i.test(column.type)) {
        const t = `${q}::text`
        return `CASE WHEN strpos(${t}, 'e') = 0 OR ${t}::float8::float4::float8 <> ${t}::float8 THEN ${t} ELSE ${jsNumber(t)} END AS c${i}`
      }
      const expression = selectExpression('postgres', column, i)
      // COPY writes a value with its type's output function, which is what `::text` reads for these.
      return COPY_WRITES_AS_TEXT.test(column.type) && expression === `${q}::text AS c${i}` ? `${q} AS c${i}` : expression
    })
    .join(', ')
}

/**
 * Types whose cast to text is their output function (no cast function for them in pg_cast: unlike
 * boolean, bpchar, "char", name, inet and cidr), so COPY writes them as the codec's `::text` reads
 * them, without the cast's work per value. A domain is named by its own name and keeps its cast.
 */
const COPY_WRITES_AS_TEXT =
  /^(bigint|numeric(\(\d+(,\s*\d+)?\))?|timestamp(\(\d\))?( with(out)? time zone)?|date|time(\(\d\))?( with(out)? time zone)?|interval( .*)?|uuid|jsonb?)$/i

/**
 * PostgreSQL's shortest float text (`1e-05`, `1.5e+16`) written as JavaScript writes the same
 * digits (`0.00001`, `15000000000000000`): exponent notation only below 1e-6 or from 1e21, and the
 * exponent without leading zeros. The digits are the same: both print the shortest that read back
 * as the stored value. Used for the texts that hold an `e` only (the others are already alike).
 */
function jsNumber(text: string): string {
  const exponent = `(SELECT m[1] AS s, m[2] || coalesce(m[3], '') AS d, m[4]::int AS e FROM (SELECT regexp_match(${text}, '^(-?)(\\d)(?:\\.(\\d+))?e([-+]\\d+)$') AS m) parts)`
  return `(SELECT CASE
      WHEN e BETWEEN -6 AND -1 THEN s || '0.' || repeat('0', -e - 1) || d
      WHEN e BETWEEN 0 AND 20 THEN s || CASE WHEN length(d) <= e + 1 THEN d || repeat('0', e + 1 - length(d)) ELSE left(d, e + 1) || '.' || substr(d, e + 2) END
      ELSE s || left(d, 1) || CASE WHEN length(d) > 1 THEN '.' || substr(d, 2) ELSE '' END || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END || abs(e)::text
    END FROM ${exponent} number)`
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

/**
 * COPY's CSV → the export's CSV, chunk by chunk (a chunk may end anywhere, even inside a field):
 * LF record ends become CRLF; an LF inside a quoted field stays. Quotes split the text into parts
 * that are alternately outside and inside a quoted field (a doubled quote closes and opens again,
 * leaving an empty inside part), so only outside parts are touched. Bytes pass as latin1, one
 * character per byte, so UTF-8 goes through unchanged.
 */
export class CopyCsvLines {
  private inQuote = false
  private rows = 0

  atRecordStart(): boolean {
    return !this.inQuote && this.lastByte === LF
  }

  private lastByte = LF

  /** Rows completed since the last call. */
  takeRows(): number {
    const rows = this.rows
    this.rows = 0
    return rows
  }

  transform(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk
    const parts = chunk.toString('latin1').split('"')
    let rows = 0
    for (let i = this.inQuote ? 1 : 0; i < parts.length; i += 2) {
      const part = parts[i]
      let at = part.indexOf('\n')
      if (at === -1) continue
      while (at !== -1) {
        rows++
        at = part.indexOf('\n', at + 1)
      }
      parts[i] = part.replaceAll('\n', '\r\n')
    }
    if (parts.length % 2 === 0) this.inQuote = !this.inQuote
    this.rows += rows
    this.lastByte = chunk[chunk.length - 1]!
    return Buffer.from(parts.join('"'), 'latin1')
  }
}

const LF = 0x0a
