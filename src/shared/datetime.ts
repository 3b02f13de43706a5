/**
 * Dates and times as people type them, and as the app that owns a table stores them
 * (docs/architecture.md, "The column's own form"). No Node, DOM or zod: the engine writes with it
 * and the renderer shows with it what will be stored before anything is sent.
 *
 * No JS Date is ever built from typed text: `new Date('2025-01-02 03:04:05')` reads the host's
 * time zone, which is how a value used to move by five hours in New York. Parts stay parts; only
 * an explicit offset is ever converted, and only to UTC.
 */

export interface TimeParts {
  hour: number
  minute: number
  second: number
  /** The fraction digits as typed ('' when none); never rounded. */
  fraction: string
  /** Minutes east of UTC when the text named a zone (Z = 0), otherwise null. */
  offset: number | null
}

export interface DateTimeParts {
  year: number
  month: number
  day: number
  /** Null when only a date was typed. */
  time: TimeParts | null
}

/** How a SQLite date/time column (TEXT or numbers underneath) stores its values. */
export type SqliteDateForm =
  'sqlalchemy' | 'python' | 'sequelize' | 'iso-utc' | 'iso-local' | 'date' | 'time' | 'time-sqlalchemy' | 'epoch-seconds' | 'epoch-millis'

export const SQLITE_DATE_FORMS: Record<SqliteDateForm, { label: string; pattern: string }> = {
  sqlalchemy: { label: 'SQLAlchemy', pattern: 'YYYY-MM-DD HH:MM:SS.ffffff' },
  python: { label: 'Python / SQLite text', pattern: 'YYYY-MM-DD HH:MM:SS[.ffffff]' },
  sequelize: { label: 'Sequelize', pattern: 'YYYY-MM-DD HH:MM:SS.SSS +00:00' },
  'iso-utc': { label: 'ISO 8601 in UTC', pattern: 'YYYY-MM-DDTHH:MM:SS.SSSZ' },
  'iso-local': { label: 'ISO 8601', pattern: 'YYYY-MM-DDTHH:MM:SS[.ffffff]' },
  date: { label: 'Date', pattern: 'YYYY-MM-DD' },
  time: { label: 'Time', pattern: 'HH:MM:SS[.ffffff]' },
  'time-sqlalchemy': { label: 'SQLAlchemy time', pattern: 'HH:MM:SS.ffffff' },
  'epoch-seconds': { label: 'Unix time', pattern: 'seconds since 1970-01-01 UTC' },
  'epoch-millis': { label: 'Unix time', pattern: 'milliseconds since 1970-01-01 UTC' },
}

/** What the schema says about a SQLite date/time column's form (ColumnInfo.storedForm). */
export interface StoredDateForm {
  form: SqliteDateForm
  /** True when read from the column's values; false when implied by its declared type (no values yet). */
  detected: boolean
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const ZONE = String.raw`(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)`
const TIME_TEXT = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`
const DATETIME_INPUT = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)${TIME_TEXT}(?:\s*${ZONE})?)?$`, 'i')
const TIME_INPUT = new RegExp(String.raw`^${TIME_TEXT}(?:\s*${ZONE})?$`, 'i')

/** `2025-04-05`, `2025-04-05 6:07`, `2025-04-05T06:07:08.5Z`, `2025-04-05 06:07:08.123456 +02:00`… */
export function parseDateTime(text: string): Parsed<DateTimeParts> {
  const match = DATETIME_INPUT.exec(text.trim())
  if (!match) return { ok: false, reason: 'is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DD HH:MM[:SS[.ffffff]])' }
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const parts: DateTimeParts = { year: Number(y), month: Number(mo), day: Number(d), time: null }
  if (!realDay(parts.year, parts.month, parts.day)) return { ok: false, reason: 'is not a real date' }
  if (h === undefined) return { ok: true, value: parts }
  const time = timeParts(h, mi, s, fraction, zone)
  if (!time.ok) return time
  return { ok: true, value: { ...parts, time: time.value } }
}

/** `6:07`, `06:07:08.25`, `06:07:08+02:00`. */
export function parseTime(text: string): Parsed<TimeParts> {
  const match = TIME_INPUT.exec(text.trim())
  if (!match) return { ok: false, reason: 'is not a time (HH:MM[:SS[.ffffff]])' }
  const [, h, mi, s, fraction, zone] = match
  return timeParts(h, mi, s, fraction, zone)
}

function timeParts(
  h: string,
  mi: string,
  s: string | undefined,
  fraction: string | undefined,
  zone: string | undefined,
): Parsed<TimeParts> {
  const time: TimeParts = { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), fraction: fraction ?? '', offset: null }
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return { ok: false, reason: 'is not a real time of day' }
  if (zone !== undefined) {
    const offset = offsetMinutes(zone)
    if (offset === null) return { ok: false, reason: `has a time zone offset that does not exist (${zone})` }
    time.offset = offset
  }
  return { ok: true, value: time }
}

function offsetMinutes(zone: string): number | null {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone)
  if (!match) return null
  const hours = Number(match[2])
  const minutes = Number(match[3] ?? 0)
  if (hours > 15 || minutes > 59) return null
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

function realDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
}

/** The same moment in UTC (offset 0), or the parts unchanged when they name no zone. */
export function inUtc(parts: DateTimeParts): DateTimeParts {
  const time = parts.time
  if (!time || time.offset === null || time.offset === 0)
    return time && time.offset === 0 ? { ...parts, time: { ...time, offset: 0 } } : parts
  // Date.UTC only does calendar arithmetic here: no host time zone is involved.
  const shifted = new Date(Date.UTC(parts.year, parts.month - 1, parts.day, time.hour, time.minute - time.offset, time.second))
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    time: {
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      fraction: time.fraction,
      offset: 0,
    },
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

export const dateText = (p: DateTimeParts): string => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
export const clockText = (t: TimeParts): string => `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`

/** The fraction's digits that matter (trailing zeros dropped). */
export const significantFraction = (fraction: string): string => fraction.replace(/0+$/, '')

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** Midnight for a date typed alone. */
export const timeOrMidnight = (p: DateTimeParts): TimeParts => p.time ?? { hour: 0, minute: 0, second: 0, fraction: '', offset: null }

/**
 * The fraction written with exactly `digits` digits, or a reason when that would drop digits that
 * matter (`.123456` into a column that keeps milliseconds): no precision is ever lost silently.
 */
export function fixedFraction(fraction: string, digits: number, keeps: string): Parsed<string> {
  const significant = significantFraction(fraction)
  if (significant.length > digits) {
    return { ok: false, reason: `has ${significant.length} digits of fractional seconds, but this column keeps ${keeps}` }
  }
  return { ok: true, value: significant.padEnd(digits, '0') }
}

/** Six digits when there is a fraction that matters, none otherwise (Python's isoformat). */
function optionalMicros(fraction: string): Parsed<string> {
  if (significantFraction(fraction) === '') return { ok: true, value: '' }
  const fixed = fixedFraction(fraction, 6, 'microseconds')
  return fixed.ok ? { ok: true, value: `.${fixed.value}` } : fixed
}

/**
 * Typed text → what a SQLite column in this form stores. Values with a zone are moved to UTC (every
 * form here is UTC or zone-less, as the ORMs that write them are); values without one are stored as
 * typed, never shifted.
 */
export function toSqliteForm(text: string, form: SqliteDateForm): Parsed<string | number> {
  if (form === 'time' || form === 'time-sqlalchemy') {
    const parsed = parseTime(text)
    if (!parsed.ok) return parsed
    const t = parsed.value
    if (t.offset !== null && t.offset !== 0)
      return { ok: false, reason: 'has a time zone offset, but this column stores times without one' }
    if (form === 'time') {
      const micros = optionalMicros(t.fraction)
      return micros.ok ? { ok: true, value: clockText(t) + micros.value } : micros
    }
    const micros = fixedFraction(t.fraction, 6, 'microseconds')
    return micros.ok ? { ok: true, value: `${clockText(t)}.${micros.value}` } : micros
  }
  const parsed = parseDateTime(text)
  if (!parsed.ok) return parsed
  const parts = inUtc(parsed.value)
  const time = timeOrMidnight(parts)
  const day = dateText(parts)
  switch (form) {
    case 'date': {
      if (time.hour || time.minute || time.second || significantFraction(time.fraction)) {
        return { ok: false, reason: 'has a time of day, but this column stores dates only' }
      }
      return { ok: true, value: day }
    }
    case 'sqlalchemy': {
      const micros = fixedFraction(time.fraction, 6, 'microseconds')
      return micros.ok ? { ok: true, value: `${day} ${clockText(time)}.${micros.value}` } : micros
    }
    case 'python':
    case 'iso-local': {
      const micros = optionalMicros(time.fraction)
      return micros.ok ? { ok: true, value: `${day}${form === 'python' ? ' ' : 'T'}${clockText(time)}${micros.value}` } : micros
    }
    case 'sequelize':
    case 'iso-utc': {
      const millis = fixedFraction(time.fraction, 3, 'milliseconds')
      if (!millis.ok) return millis
      return {
        ok: true,
        value: form === 'sequelize' ? `${day} ${clockText(time)}.${millis.value} +00:00` : `${day}T${clockText(time)}.${millis.value}Z`,
      }
    }
    case 'epoch-seconds':
    case 'epoch-millis': {
      const millis = fixedFraction(
        time.fraction,
        form === 'epoch-seconds' ? 0 : 3,
        form === 'epoch-seconds' ? 'whole seconds' : 'milliseconds',
      )
      if (!millis.ok) return millis
      const seconds = Date.UTC(parts.year, parts.month - 1, parts.day, time.hour, time.minute, time.second) / 1000
      // Years 0-99: Date.UTC maps them to 1900-1999; setUTCFullYear is not worth it for Unix time.
      return { ok: true, value: form === 'epoch-seconds' ? seconds : seconds * 1000 + Number(millis.value) }
    }
  }
}

const DAY = String.raw`\d{4}-\d{2}-\d{2}`
const CLOCK = String.raw`\d{2}:\d{2}:\d{2}`
const STORED_FORMS: Array<[SqliteDateForm, RegExp]> = [
  ['date', new RegExp(`^${DAY}$`)],
  ['sqlalchemy', new RegExp(String.raw`^${DAY} ${CLOCK}\.\d{6}$`)],
  ['python', new RegExp(String.raw`^${DAY} ${CLOCK}$`)],
  ['sequelize', new RegExp(String.raw`^${DAY} ${CLOCK}\.\d{3} [+-]\d{2}:\d{2}$`)],
  ['iso-utc', new RegExp(String.raw`^${DAY}T${CLOCK}(\.\d{1,6})?Z$`)],
  ['iso-local', new RegExp(String.raw`^${DAY}T${CLOCK}(\.\d{1,6})?$`)],
  ['time-sqlalchemy', new RegExp(String.raw`^${CLOCK}\.\d{6}$`)],
  ['time', new RegExp(String.raw`^${CLOCK}(\.\d{1,6})?$`)],
]

/** The form one stored value is in, or null when it is in none we know. */
export function formOfStoredValue(value: unknown): SqliteDateForm | null {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value)
    if (!Number.isInteger(n)) return null
    // 1e11 seconds is the year 5138; 1e11 milliseconds is March 1973: no real column mixes the two.
    return Math.abs(n) < 1e11 ? 'epoch-seconds' : 'epoch-millis'
  }
  if (typeof value !== 'string') return null
  for (const [form, pattern] of STORED_FORMS) if (pattern.test(value)) return form
  return null
}

/** Forms that always write six digits, and the form that writes them only when they matter. */
const FAMILIES: Array<[SqliteDateForm, SqliteDateForm]> = [
  ['sqlalchemy', 'python'],
  ['time-sqlalchemy', 'time'],
]

/**
 * The form most of these stored values use, or null when none is recognised. `sqlalchemy` and
 * `python` are one family (SQLAlchemy always writes six digits; SQLite's CURRENT_TIMESTAMP none):
 * a column holding both takes `python`, which every reader of either reads back exactly.
 */
export function formOfStoredValues(values: readonly unknown[]): SqliteDateForm | null {
  const counts = new Map<SqliteDateForm, number>()
  for (const value of values) {
    const form = formOfStoredValue(value)
    if (form) counts.set(form, (counts.get(form) ?? 0) + 1)
  }
  for (const [exact, loose] of FAMILIES) {
    if (!counts.has(exact) || !counts.has(loose)) continue
    counts.set(loose, counts.get(loose)! + counts.get(exact)!)
    counts.delete(exact)
  }
  let best: SqliteDateForm | null = null
  for (const [form, count] of counts) if (best === null || count > counts.get(best)!) best = form
  return best
}

/**
 * The form an empty SQLite column takes from its declared type. SQLAlchemy and Sequelize both
 * declare DATETIME; SQLAlchemy's six-digit form is the one both read back exactly (Sequelize parses
 * it as UTC; SQLAlchemy misreads Sequelize's three digits as microseconds).
 */
export function formOfDeclaredType(kind: 'date' | 'time' | 'datetime'): SqliteDateForm {
  if (kind === 'date') return 'date'
  if (kind === 'time') return 'time'
  return 'sqlalchemy'
}

/** What the date helpers need to know of a column (a ColumnInfo fits). */
export interface DateColumn {
  kind: string
  type: string
  storedForm?: StoredDateForm | null
}

export type DateKind = 'date' | 'time' | 'datetime'
export const isDateKind = (kind: string): kind is DateKind => kind === 'date' || kind === 'time' || kind === 'datetime'

/** PostgreSQL keeps the instant of a zoned value; every other column here keeps no zone. */
export function keepsZone(column: DateColumn, dialect: string): boolean {
  if (dialect !== 'postgres') return false
  const type = column.type.toLowerCase()
  return type.includes('with time zone') || type === 'timestamptz' || type === 'timetz'
}

/**
 * Typed text → the text MySQL/MariaDB or PostgreSQL should be sent. A value without a zone is sent
 * as typed (no shift); a zone is kept where the column keeps one, and otherwise converted to UTC,
 * which is what the ORMs' own sessions run in. Values the server has its own words for (PostgreSQL
 * `infinity`, BC dates; MySQL zero dates and TIME durations) pass unchanged.
 */
export function toServerForm(text: string, column: DateColumn, dialect: 'mysql' | 'postgres'): Parsed<string> {
  const trimmed = text.trim()
  if (dialect === 'postgres' && (/^[+-]?infinity$/i.test(trimmed) || /\sBC$/i.test(trimmed))) return { ok: true, value: trimmed }
  if (dialect === 'mysql' && /^0000-00-00( 00:00:00(\.0+)?)?$/.test(trimmed)) return { ok: true, value: trimmed }
  const zoned = keepsZone(column, dialect)
  if (column.kind === 'time') {
    if (
      dialect === 'mysql' &&
      /^-?\d{1,3}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(trimmed) &&
      (trimmed.startsWith('-') || Number(trimmed.split(':')[0]) > 23)
    ) {
      return { ok: true, value: trimmed } // a duration, which MySQL's TIME also is
    }
    const parsed = parseTime(trimmed)
    if (!parsed.ok) return parsed
    const t = parsed.value
    if (t.offset !== null && t.offset !== 0 && !zoned)
      return { ok: false, reason: 'has a time zone offset, but this column stores times without one' }
    const fraction = serverFraction(t.fraction)
    if (!fraction.ok) return fraction
    return { ok: true, value: `${clockText(t)}${fraction.value}${zoned && t.offset !== null ? offsetText(t.offset) : ''}` }
  }
  const parsed = parseDateTime(trimmed)
  if (!parsed.ok) return parsed
  const parts = zoned ? parsed.value : inUtc(parsed.value)
  const time = timeOrMidnight(parts)
  if (column.kind === 'date') {
    if (parts.time && (time.hour || time.minute || time.second || significantFraction(time.fraction))) {
      return { ok: false, reason: 'has a time of day, but this column stores dates only' }
    }
    return { ok: true, value: dateText(parts) }
  }
  const fraction = serverFraction(time.fraction)
  if (!fraction.ok) return fraction
  const zone = zoned && time.offset !== null ? offsetText(time.offset) : ''
  return { ok: true, value: `${dateText(parts)} ${clockText(time)}${fraction.value}${zone}` }
}

/** The fraction's digits that matter, up to microseconds (the finest both servers keep). */
function serverFraction(fraction: string): Parsed<string> {
  const significant = significantFraction(fraction)
  if (significant.length > 6)
    return { ok: false, reason: `has ${significant.length} digits of fractional seconds; the database keeps at most 6` }
  return { ok: true, value: significant ? `.${significant}` : '' }
}

/** The form a SQLite column stores dates in: the detected one, else the one its declared type implies. */
export function sqliteFormOf(column: DateColumn & { kind: DateKind }): SqliteDateForm {
  return column.storedForm?.form ?? formOfDeclaredType(column.kind)
}

/**
 * What a date/time typed into this column will be stored as (the engine writes exactly this; the
 * editor shows it before anything is sent). Numbers only for SQLite columns in Unix time.
 */
export function storedDateValue(input: string | number, column: DateColumn & { kind: DateKind }, dialect: string): Parsed<string | number> {
  if (dialect === 'sqlite') {
    const form = sqliteFormOf(column)
    if (typeof input === 'number' || /^-?\d+$/.test(input.trim())) {
      if (form === 'epoch-seconds' || form === 'epoch-millis')
        return { ok: true, value: typeof input === 'number' ? input : Number(input.trim()) }
      return { ok: false, reason: `is a number, but this column stores ${SQLITE_DATE_FORMS[form].pattern}` }
    }
    return toSqliteForm(input, form)
  }
  if (typeof input === 'number') return { ok: false, reason: 'is a number, not a date or time' }
  return toServerForm(input, column, dialect === 'mysql' ? 'mysql' : 'postgres')
}
