import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo } from '../../../../shared/contract'
import { storedDateValue } from '../../../../shared/datetime'
import { Invalid, show } from './invalid'

/**
 * Dates and times in the forms all three databases read the same way: ISO 8601
 * (`2024-05-01`, `2024-05-01T12:30:00.123456Z`) and SQL's `2024-05-01 12:30:00[.ffffff][+02:00]`.
 * Other spellings (`05/01/2024`) mean different days to different readers and are reported.
 * Answers the text to bind: MySQL gets its own layout; SQLite the form its column already uses
 * (ColumnInfo.storedForm: SQLAlchemy's, Sequelize's, ISO…), as every other write does.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
export const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i
const TIME = /^(-)?(\d{1,3}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

export function checkDate(raw: string, column?: ColumnInfo, dialect?: Dialect): string | number | Invalid {
  if (column && dialect === 'sqlite') return sqliteStored(raw, column)
  const text = raw.trim()
  const match = DATE.exec(text)
  if (!match) return new Invalid(`is not a date (YYYY-MM-DD): ${show(raw)}`)
  return validDay(Number(match[1]), Number(match[2]), Number(match[3])) ? text : new Invalid(`is not a real date: ${show(raw)}`)
}

export function checkDateTime(raw: string, column: ColumnInfo, dialect: Dialect): string | number | Invalid {
  if (dialect === 'sqlite') return sqliteStored(raw, column)
  const text = raw.trim()
  const match = plainDateTime(text) ?? DATETIME.exec(text)
  if (!match) return new Invalid(`is not a date and time (YYYY-MM-DD HH:MM:SS): ${show(raw)}`)
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match
  if (!validDay(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return new Invalid(`is not a real date and time: ${show(raw)}`)
  }
  const fractionIssue = checkFraction(fraction, column, dialect)
  if (fractionIssue) return fractionIssue
  const offset = zone === undefined ? 0 : offsetMinutes(zone)
  const zoned = hasTimeZone(column, dialect)
  if (offset !== 0 && !zoned) {
    return new Invalid(`has a time zone offset (${zone}), but ${column.type} stores no time zone: give the time without it, or in UTC`)
  }
  if (dialect === 'postgres') return text
  // MySQL/MariaDB: sessions run in UTC (connect.ts); a TIMESTAMP given with an offset is moved to UTC.
  const base = `${y}-${mo}-${d} ${h}:${mi}:${s}`
  const utc = offset === 0 ? base : shiftMinutes(base, -offset)
  return fraction ? `${utc}.${fraction}` : utc
}

/**
 * The usual spelling, `YYYY-MM-DD HH:MM:SS[.fraction]` (or with `T`), split as DATETIME would
 * split it, without the regular expression: an import checks millions of these, and this is
 * several times quicker. Anything else answers null and goes to DATETIME.
 */
export function plainDateTime(text: string): Array<string | undefined> | null {
  const length = text.length
  if (length < 19 || (length > 19 && (length === 20 || text.charCodeAt(19) !== DOT))) return null
  const separator = text.charCodeAt(10)
  if (separator !== SPACE && separator !== UPPER_T && separator !== LOWER_T) return null
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    const expected = PLAIN_LAYOUT[i]
    if (expected === undefined) {
      if (i > 19 && (code < ZERO || code > NINE)) return null
    } else if (expected === DIGIT ? code < ZERO || code > NINE : expected !== code && i !== 10) {
      return null
    }
  }
  const fraction = length > 19 ? text.slice(20) : undefined
  return [
    text,
    text.slice(0, 4),
    text.slice(5, 7),
    text.slice(8, 10),
    text.slice(11, 13),
    text.slice(14, 16),
    text.slice(17, 19),
    fraction,
    undefined,
  ]
}

const [ZERO, NINE, DOT, SPACE, UPPER_T, LOWER_T] = [48, 57, 46, 32, 84, 116]
const DIGIT = -1
/** Per position of `YYYY-MM-DD HH:MM:SS.`: a digit, or the character code that must be there. */
const PLAIN_LAYOUT = [...'dddd-dd-dd dd:dd:dd.'].map((c) => (c === 'd' ? DIGIT : c.charCodeAt(0)))

export function checkTime(raw: string, column: ColumnInfo, dialect: Dialect): string | number | Invalid {
  if (dialect === 'sqlite') return sqliteStored(raw, column)
  const text = raw.trim()
  const match = TIME.exec(text)
  if (!match) return new Invalid(`is not a time (HH:MM:SS): ${show(raw)}`)
  const [, minus, h = '', mi = '', s = '00', fraction = '', zone] = match
  // MySQL's TIME is also a duration (-838:59:59 to 838:59:59).
  const maxHour = dialect === 'mysql' ? 838 : 23
  if ((minus && dialect !== 'mysql') || Number(h) > maxHour || Number(mi) > 59 || Number(s) > 59) {
    return new Invalid(`is not a real time: ${show(raw)}`)
  }
  const fractionIssue = checkFraction(fraction, column, dialect)
  if (fractionIssue) return fractionIssue
  if (zone !== undefined && !(dialect === 'postgres' && hasTimeZone(column, dialect))) {
    return new Invalid(`has a time zone (${zone}), but ${column.type} stores none`)
  }
  return text
}

/**
 * SQLite stores text as given, so the value is written in the column's own form: the app that owns
 * the table (SQLAlchemy refuses `T`; it reads `.5` as 5 microseconds) reads back what the file said.
 */
function sqliteStored(raw: string, column: ColumnInfo): string | number | Invalid {
  if (column.kind !== 'date' && column.kind !== 'time' && column.kind !== 'datetime') return raw
  const stored = storedDateValue(raw, { ...column, kind: column.kind }, 'sqlite')
  return stored.ok ? stored.value : new Invalid(`${stored.reason}: ${show(raw)}`)
}

/** Fractional seconds the column would cut or round are reported, not lost. */
function checkFraction(fraction: string, column: ColumnInfo, dialect: Dialect): Invalid | null {
  if (fraction === '' || dialect === 'sqlite') return null
  const significant = fraction.replace(/0+$/, '').length
  const kept = fractionalDigits(column, dialect)
  if (significant <= kept) return null
  return new Invalid(
    kept === 0
      ? `has fractions of a second, but ${column.type} keeps whole seconds`
      : `has ${significant} digits of fractional seconds, but ${column.type} keeps ${kept}`,
  )
}

/** Fractional-second digits the column keeps: the declared precision, else the dialect's default. */
export function fractionalDigits(column: ColumnInfo, dialect: Dialect): number {
  const declared = /\(\s*(\d)\s*\)/.exec(column.type)
  if (declared) return Number(declared[1])
  return dialect === 'mysql' ? 0 : 6
}

function hasTimeZone(column: ColumnInfo, dialect: Dialect): boolean {
  const type = column.type.toLowerCase()
  if (dialect === 'postgres') return type.includes('with time zone') || type === 'timestamptz' || type === 'timetz'
  return dialect === 'mysql' && type.startsWith('timestamp')
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? -minutes : minutes
}

function shiftMinutes(base: string, minutes: number): string {
  const [date, time] = base.split(' ') as [string, string]
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number]
  const shifted = new Date(Date.UTC(y, mo - 1, d, h, mi + minutes, s))
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return day <= days
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
