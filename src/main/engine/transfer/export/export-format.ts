import { stringify } from 'csv-stringify/sync'
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import type { Cell } from '../../../../shared/values'
import { toCell } from '../../records/value-codec'

/**
 * Values for files and the clipboard: the grid's cells (values codec: big integers, decimals and
 * dates as text), except binary, which goes out WHOLE as base64 text (the grid cuts it).
 */
export type ExportValue = null | boolean | number | string

export function exportValue(raw: unknown, column: ColumnInfo): ExportValue {
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')
  return plainCell(toCell(raw, column))
}

/** A grid cell for export; binary cells must be whole (the caller fetches cut ones again). */
export function plainCell(cell: Cell): ExportValue {
  if (cell !== null && typeof cell === 'object') return cell.base64
  return cell
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float'])

export interface CsvWriteOptions {
  delimiter: string
  /** Prefix formula-looking text with ' so spreadsheets show it instead of running it. */
  spreadsheetSafe: boolean
}

/**
 * CSV text of rows, RFC 4180: fields holding the delimiter, a quote, CR or LF are quoted, quotes
 * doubled, lines end CRLF. NULL is an empty field; the empty string is "" (see contract/transfer.ts).
 */
export function csvLines(rows: ReadonlyArray<readonly ExportValue[]>, columns: readonly ColumnInfo[], options: CsvWriteOptions): string {
  const records = rows.map((row) => row.map((value, i) => csvFieldText(value, columns[i], options.spreadsheetSafe)))
  return stringify(records, {
    delimiter: options.delimiter,
    record_delimiter: '\r\n',
    quote_record_delimiter: true,
    // csv-stringify writes null and '' alike unless told: quote just the empty strings.
    cast: { string: (value) => (value === '' ? { value: '', quoted_empty: true } : value) },
  })
}

export function csvHeader(columns: readonly ColumnInfo[], delimiter: string): string {
  return csvLines(
    [columns.map((c) => c.name)],
    columns.map(() => TEXT_COLUMN),
    { delimiter, spreadsheetSafe: false },
  )
}

const TEXT_COLUMN = { kind: 'text' } as ColumnInfo

/** A value's CSV text before quoting (null: an empty field). */
export function csvFieldText(value: ExportValue, column: ColumnInfo, spreadsheetSafe: boolean): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return String(value)
  if (spreadsheetSafe && !NUMERIC_KINDS.has(column.kind) && column.kind !== 'binary') return escapeFormula(value)
  return value
}

/** OWASP's CSV-injection advice: a leading = + - @ tab or CR (or their full-width forms) gets a '. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text
}

/** One JSON object per line: column → value (numbers only when exact; see exportValue). */
export function jsonLines(rows: ReadonlyArray<readonly ExportValue[]>, columns: readonly ColumnInfo[]): string {
  let text = ''
  for (const row of rows) {
    // No prototype: a column named __proto__ is just a column.
    const object = Object.create(null) as Record<string, ExportValue>
    columns.forEach((column, i) => {
      object[column.name] = row[i]!
    })
    text += `${JSON.stringify(object)}\n`
  }
  return text
}
