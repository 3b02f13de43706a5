import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { toDbValue } from '../../records/value-codec'
import { sqliteAffinity } from '../../schema/kinds'
import type { CsvField } from '../csv/csv-reader'
import { checkDateTime, checkDate, checkTime } from './validate-dates'
import { Invalid, show } from './invalid'

export { Invalid } from './invalid'

/**
 * CSV text → the value to bind, per column, checked the way the database would check it, so a
 * bad value is reported with its row and column before anything is written (and nothing is
 * rounded or cut silently). Numbers, dates and decimals are bound as text: the database converts
 * them exactly.
 */

/** Bind marker: write the column's DEFAULT (SQL keyword) instead of a value. */
export const USE_DEFAULT: unique symbol = Symbol('DEFAULT')

export type Converter = (field: CsvField) => unknown

/** The converter for one column. Each returns the value to bind, USE_DEFAULT, or an Invalid. */
export function converterFor(column: ColumnInfo, dialect: Dialect): Converter {
  const whenNull = nullValue(column, dialect)
  const convert = textConverter(column, dialect)
  return (field) => (field === null ? whenNull : convert(field))
}

/** What an unquoted empty field (NULL) becomes in this column. */
function nullValue(column: ColumnInfo, dialect: Dialect): unknown {
  if (column.nullable) return null
  // SQLite's only generated column is the rowid alias, which NULL fills in; its VALUES have no DEFAULT.
  if (column.autoIncrement) return dialect === 'sqlite' ? null : USE_DEFAULT
  if (column.default !== null && dialect !== 'sqlite') return USE_DEFAULT
  return new Invalid(
    column.default !== null
      ? 'is empty, and SQLite cannot fill in the column default in a multi-row insert: give a value'
      : 'is required (the column does not allow NULL)',
  )
}

function textConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  switch (column.kind) {
    case 'integer':
      return integerConverter(column, dialect)
    case 'decimal':
      return decimalConverter(column, dialect)
    case 'float':
      return floatConverter(column, dialect)
    case 'boolean':
      return booleanConverter(column, dialect)
    case 'date':
      return checked(column, dialect, (text) => checkDate(text, column, dialect))
    case 'datetime':
      return checked(column, dialect, (text) => checkDateTime(text, column, dialect))
    case 'time':
      return checked(column, dialect, (text) => checkTime(text, column, dialect))
    case 'json':
      return jsonConverter(column, dialect)
    case 'uuid':
      return checked(column, dialect, (text) => (UUID.test(text.trim()) ? text.trim() : new Invalid('is not a UUID')))
    case 'binary':
      return binaryConverter(column, dialect)
    case 'text':
      return textLengthConverter(column, dialect)
    default:
      return pgText(dialect, (text) => encode(text, column, dialect))
  }
}

/**
 * Runs a check that answers the text to bind (possibly normalised). Dates, times and UUIDs never
 * look like numbers, so the codec's SQLite guard has nothing to say about them and is skipped.
 */
function checked(_column: ColumnInfo, _dialect: Dialect, check: (text: string) => string | number | Invalid): (text: string) => unknown {
  return check
}

/** The shared value codec (it refuses what SQLite would round); its refusal becomes an Invalid. */
function encode(value: string | boolean, column: ColumnInfo, dialect: Dialect): unknown {
  try {
    return toDbValue(value, column, dialect)
  } catch (error) {
    if (error instanceof AppError) return new Invalid(`cannot be stored as written: ${error.message}`)
    throw error
  }
}

const INTEGER = /^[+-]?\d+$/

function integerConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  const [min, max] = integerRange(column.type, dialect)
  return (raw) => {
    const text = raw.trim()
    if (!INTEGER.test(text)) return new Invalid(`is not a whole number: ${show(raw)}`)
    // Short values cannot be out of range of any integer type with 16 bits or more; skip BigInt for them.
    if (text.length > 4 || min > -32768n || max < 32767n) {
      const value = BigInt(text)
      if (value < min || value > max) return new Invalid(`${text} is out of range for ${column.type} (${min} to ${max})`)
    }
    // In range, so stored exactly everywhere (SQLite's integers are 64-bit): no codec guard needed.
    return text
  }
}

/** The range of an integer type as the database declares it (SQLite: always 64-bit). */
export function integerRange(type: string, dialect: Dialect): [bigint, bigint] {
  const t = type.toLowerCase()
  let bits = 64
  if (dialect !== 'sqlite') {
    if (/^(tinyint)/.test(t)) bits = 8
    else if (/^(smallint|int2|smallserial)/.test(t)) bits = 16
    else if (/^mediumint/.test(t)) bits = 24
    else if (/^(bigint|int8|bigserial)/.test(t)) bits = 64
    else if (/^(int|integer|int4|serial)\b/.test(t)) bits = 32
  }
  if (/unsigned/.test(t)) return [0n, 2n ** BigInt(bits) - 1n]
  return [-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n]
}

const DECIMAL = /^[+-]?(\d*)(?:\.(\d*))?$/
const DECIMAL_WITH_EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/

function decimalConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  const declared = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(column.type)
  // MySQL's DECIMAL without arguments is DECIMAL(10,0); PostgreSQL's NUMERIC is unbounded; SQLite checks nothing.
  const precision = declared ? Number(declared[1]) : dialect === 'mysql' ? 10 : null
  const scale = declared ? Number(declared[2] ?? 0) : dialect === 'mysql' ? 0 : null
  const bounded = dialect !== 'sqlite' && precision !== null && scale !== null
  return (raw) => {
    const text = raw.trim()
    const match = DECIMAL.exec(text)
    if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
      if (DECIMAL_WITH_EXPONENT.test(text)) return encode(text, column, dialect)
      return new Invalid(`is not a number: ${show(raw)}`)
    }
    if (bounded) {
      const whole = (match[1] ?? '').replace(/^0+/, '')
      const fraction = (match[2] ?? '').replace(/0+$/, '')
      if (whole.length > precision - scale) return new Invalid(`${text} is too large for ${column.type}`)
      if (fraction.length > scale) {
        return new Invalid(`${text} has more than ${scale} decimal place${scale === 1 ? '' : 's'}; ${column.type} would round it`)
      }
    }
    return encode(text, column, dialect)
  }
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const PG_SPECIAL_FLOAT = /^[+-]?(nan|inf|infinity)$/i

function floatConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  // SQLite reads number text with a conversion that is not correctly rounded near halfway points: the
  // double JavaScript makes goes instead (import-writer.ts sends it exactly), except an integer SQLite
  // keeps as an exact 64-bit integer.
  const affinity = dialect === 'sqlite' ? sqliteAffinity(column.type) : null
  const asDouble = affinity === 'REAL' || affinity === 'NUMERIC' || affinity === 'INTEGER'
  return (raw) => {
    const text = raw.trim()
    if (dialect === 'postgres' && PG_SPECIAL_FLOAT.test(text)) return text
    if (!FLOAT.test(text)) return new Invalid(`is not a number: ${show(raw)}`)
    const number = Number(text)
    if (!Number.isFinite(number)) return new Invalid(`${text} is too large for ${column.type}`)
    // Binary floating point is what the column type promises on every database: no guard.
    if (!asDouble || (affinity !== 'REAL' && /^[+-]?\d+$/.test(text))) return text
    return number
  }
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'on'])
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'off'])

function booleanConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  const yes = toDbValue(true, column, dialect)
  const no = toDbValue(false, column, dialect)
  return (raw) => {
    const word = raw.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return yes
    if (FALSE_WORDS.has(word)) return no
    return new Invalid(`is not true or false: ${show(raw)}`)
  }
}

function jsonConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  return (text) => {
    try {
      JSON.parse(text)
    } catch {
      return new Invalid('is not valid JSON')
    }
    return pgNul(dialect, text) ?? encode(text, column, dialect)
  }
}

const UUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i

function binaryConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  return (text) => {
    try {
      return toDbValue({ base64: text }, column, dialect)
    } catch (error) {
      if (error instanceof AppError) return new Invalid('is not base64-encoded binary data')
      throw error
    }
  }
}

/** MySQL's TEXT types are limited in bytes, not characters. */
const MYSQL_TEXT_BYTES: Record<string, number> = { tinytext: 255, text: 65_535, mediumtext: 16_777_215 }

function textLengthConverter(column: ColumnInfo, dialect: Dialect): (text: string) => unknown {
  // SQLite stores any length whatever the declared type says, so only the servers are checked.
  const maxChars = dialect === 'sqlite' ? null : column.maxLength
  const maxBytes = dialect === 'mysql' ? (MYSQL_TEXT_BYTES[column.type.toLowerCase().replace(/\s.*$/, '')] ?? null) : null
  return (text) => {
    if (maxChars !== null && text.length > maxChars) {
      // length counts UTF-16 units; the databases count characters (an emoji is one).
      const characters = countCharacters(text)
      if (characters > maxChars) return new Invalid(`is ${characters} characters long; ${column.type} holds at most ${maxChars}`)
    }
    if (maxBytes !== null && text.length * 3 > maxBytes) {
      const bytes = Buffer.byteLength(text, 'utf8')
      if (bytes > maxBytes) return new Invalid(`is ${bytes} bytes long; ${column.type} holds at most ${maxBytes}`)
    }
    return pgNul(dialect, text) ?? text
  }
}

function pgText(dialect: Dialect, next: (text: string) => unknown): (text: string) => unknown {
  return (text) => pgNul(dialect, text) ?? next(text)
}

/** PostgreSQL text cannot hold the NUL character (it would refuse the whole batch). */
function pgNul(dialect: Dialect, text: string): Invalid | null {
  return dialect === 'postgres' && text.includes('\u0000')
    ? new Invalid('contains a NUL character, which PostgreSQL cannot store in text')
    : null
}

export function countCharacters(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    count++
  }
  return count
}
