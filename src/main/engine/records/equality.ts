import type { ColumnInfo } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'
import { sqliteAffinity } from '../schema/kinds'
import { sortRefusal } from '../schema/ordering'
import { comparableExpression, comparedValue, type BindParams } from './sql'
import { columnRef, invalidInput, type SqlTarget } from './target'

/**
 * An equals filter finds the rows whose cell the grid shows as `value` (a value copied from the grid
 * finds its row). The plain `column = value` misses where the shown form is not what the database
 * compares: MariaDB BIT (shown as bytes), FLOAT (shown with 6 significant digits), SQLite ±Infinity
 * (shown as text), and SQLite columns holding several storage classes (integer 5 and text '5' both
 * show as 5); PostgreSQL types without `=` (xml, point) compare by their text.
 */
export function displayedEquals(
  target: SqlTarget,
  column: ColumnInfo,
  value: Exclude<Cell, null>,
  params: BindParams,
  field: string,
): string {
  if (column.equalityRefusal) throw invalidInput(column.equalityRefusal, field, 'Use "contains" or another column.')
  const quoted = columnRef(target, column)
  if (target.dialect === 'mysql') {
    const type = column.type.toLowerCase()
    if (/^bit\b/.test(type)) return `${quoted}+0 = CAST(${params.add(bitNumber(value))} AS UNSIGNED)`
    if (/^float\b/.test(type) && (typeof value === 'number' || typeof value === 'string')) {
      // The stored float nearest the value, or the value as MariaDB's 6-digit text shows it.
      const exact = `${quoted} = CAST(${params.add(String(value))} AS FLOAT)`
      return `(${exact} OR CAST(CAST(${quoted} AS CHAR) AS DOUBLE) = CAST(${params.add(String(value))} AS DOUBLE))`
    }
  }
  if (target.dialect === 'postgres' && column.kind === 'other' && sortRefusal(target.dialect, column)) {
    return `${quoted}::text = ${params.add(typeof value === 'object' ? '' : String(value))}`
  }
  if (target.dialect === 'sqlite') {
    const alternatives = sqliteAlternatives(quoted, column, value, params)
    if (alternatives.length > 0)
      return `(${[`${comparableExpression(target, column)} = ${comparedValue(target, column, value, params)}`, ...alternatives].join(' OR ')})`
  }
  return `${comparableExpression(target, column)} = ${comparedValue(target, column, value, params)}`
}

/** A BIT value as shown (bytes, or a number) → its unsigned decimal text. */
function bitNumber(value: Exclude<Cell, null>): string {
  if (typeof value === 'object') return BigInt(`0x${Buffer.from(value.base64, 'base64').toString('hex') || '0'}`).toString()
  return String(typeof value === 'boolean' ? Number(value) : value)
}

const INT64 = /^-?\d{1,19}$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * SQLite: the other stored values the grid shows the same way. Each is compared without affinity
 * (a literal or a bound value), so text stays text and numbers stay numbers.
 */
function sqliteAlternatives(quoted: string, column: ColumnInfo, value: Exclude<Cell, null>, params: BindParams): string[] {
  if (typeof value === 'number') {
    // Text that reads as an integer is shown as that number.
    return Number.isSafeInteger(value) ? [`(typeof(${quoted}) = 'text' AND ${quoted} = ${params.add(String(value))})`] : []
  }
  if (typeof value !== 'string') return []
  // A TEXT column holds no reals (it would store ∞ as the text 'Inf'): the text compares as it is.
  const holdsReals = sqliteAffinity(column.type) !== 'TEXT'
  if (value === 'Infinity' && holdsReals) return [`${quoted} = 9e999`]
  if (value === '-Infinity' && holdsReals) return [`${quoted} = -9e999`]
  // A 64-bit integer beyond JS's exact range is shown as its digits.
  if (INT64.test(value) && BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n) return [`${quoted} = ${BigInt(value).toString()}`]
  // A date alone names midnight, as MySQL and PostgreSQL read it; a text DATETIME column spells
  // midnight its own way ('2024-01-02 00:00:00', '…T00:00:00.000Z', '… 00:00:00.000 +00:00').
  if (column.kind === 'datetime' && DATE_ONLY.test(value)) {
    const date = params.add(value)
    const time = `substr(${quoted}, 12)`
    return [
      `(typeof(${quoted}) = 'text' AND substr(${quoted}, 1, 10) = ${date} AND substr(${quoted}, 11, 1) IN (' ', 'T') AND substr(${time}, 1, 5) = '00:00' AND substr(ltrim(${time}, '0:.') || ' ', 1, 1) IN (' ', 'Z', '+', '-'))`,
    ]
  }
  return []
}
