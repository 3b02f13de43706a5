import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { csvFieldText, exportValue, type CsvWriteOptions, type ExportValue } from './export-format'

/**
 * The export's formatting without the per-row detours of the reference path (export-format.ts:
 * toCell → plainCell → csv-stringify's per-field option merging): one function per column, made
 * once, that turns the driver's value into the finished field. The common cases (NULL, text,
 * integers, finite doubles) are written directly; everything else goes through the reference
 * functions themselves, so a value the fast case does not know is formatted exactly as before.
 * The integration test transfer-export-exact holds the two paths to the same bytes.
 */

/** Kinds whose driver strings the codec turns into something else (float digits, 0/1 → booleans). */
const REWRITTEN_KINDS: ReadonlySet<ColumnKind> = new Set(['float', 'boolean'])
const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float'])
/** What escapeFormula looks for at the start of a value. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** Whether the fast CSV writer supports this delimiter (csv-stringify's rules for one plain character). */
export function fastCsvDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter !== '"' && delimiter !== '\r' && delimiter !== '\n'
}

/** csv-stringify's quoting for one field (export-format.ts csvLines): null empty, '' quoted, specials quoted. */
export function csvQuoter(delimiter: string): (text: string | null) => string {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`)
  return (text) => {
    if (text === null) return ''
    if (text === '') return '""'
    return special.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
}

export type FieldFormatter = (raw: unknown) => string

/** The finished CSV field of one column's driver value (as `selectColumns` reads it). */
export function csvFieldFormatter(column: ColumnInfo, options: CsvWriteOptions): FieldFormatter {
  const quote = csvQuoter(options.delimiter)
  const reference: FieldFormatter = (raw) => quote(csvFieldText(exportValue(raw, column), column, options.spreadsheetSafe))
  const textAsIs = !REWRITTEN_KINDS.has(column.kind)
  // Spreadsheet-safe text needs a look at its first character; numbers never do.
  const escapes = options.spreadsheetSafe && !NUMERIC_KINDS.has(column.kind) && column.kind !== 'binary'
  return (raw) => {
    if (raw === null || raw === undefined) return ''
    if (typeof raw === 'string' && textAsIs && !(escapes && FORMULA_START.test(raw))) return quote(raw)
    if (typeof raw === 'number' && column.kind !== 'boolean' && Number.isFinite(raw) && !Object.is(raw, -0)) return quote(String(raw))
    return reference(raw)
  }
}

/** A whole CSV line (CRLF-terminated) of one row's driver values, in column order. */
export function csvLineFormatter(columns: readonly ColumnInfo[], options: CsvWriteOptions): (values: readonly unknown[]) => string {
  const fields = columns.map((column) => csvFieldFormatter(column, options))
  const delimiter = options.delimiter
  const count = fields.length
  return (values) => {
    let line = fields[0](values[0])
    for (let i = 1; i < count; i++) line += delimiter + fields[i](values[i])
    return `${line}\r\n`
  }
}

/**
 * A JSON Lines line of one row's driver values, equal to the reference's JSON.stringify of a
 * prototype-less object: the keys in the order such an object lists them (integer-like names
 * first), a name given twice holds its last value.
 */
export function jsonLineFormatter(columns: readonly ColumnInfo[]): (values: readonly unknown[]) => string {
  const order = Object.create(null) as Record<string, number>
  columns.forEach((column, i) => {
    order[column.name] = i
  })
  const keys = Object.keys(order).map((name) => ({ prefix: `${JSON.stringify(name)}:`, index: order[name] }))
  const value = (raw: unknown, column: ColumnInfo): string => {
    if (raw === null || raw === undefined) return 'null'
    if (typeof raw === 'string' && !REWRITTEN_KINDS.has(column.kind) && !NUMBER_TEXT_KINDS.has(column.kind)) return JSON.stringify(raw)
    return JSON.stringify(exportValue(raw, column) satisfies ExportValue)
  }
  return (values) => {
    let line = '{'
    for (let k = 0; k < keys.length; k++) {
      const { prefix, index } = keys[k]
      line += (k === 0 ? '' : ',') + prefix + value(values[index], columns[index])
    }
    return `${line}}\n`
  }
}

/** Kinds whose integer-looking strings the codec makes numbers (value-codec.ts NUMBER_KINDS): JSON tells them apart. */
const NUMBER_TEXT_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float', 'boolean', 'date', 'time', 'datetime', 'other'])
