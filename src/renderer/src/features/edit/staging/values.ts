/**
 * Cell text for people and cell values for the engine. Dates, times and decimals are edited as the
 * text the server printed and sent back as text, so no precision is lost on the way.
 */
import type { ColumnInfo, ColumnKind } from '../../../../../shared/contract'
import { floatRounding, isBinaryCell, isSinglePrecisionType, type Cell } from '../../../../../shared/cells'
import { storedDateValue, toServerForm } from '../../../../../shared/datetime'
import type { EditValue } from './model'

export type Parsed = { ok: true; value: EditValue } | { ok: false; message: string }

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const DATE = /^(\d{4,})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/
const ZONE = /^(?:Z|[+-]\d{2}(?::?\d{2})?)$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The columns the grid can edit in place. */
export const isEditableKind = (kind: ColumnKind): boolean => kind !== 'binary'

export function parseCellText(column: ColumnInfo, text: string): Parsed {
  const trimmed = text.trim()
  switch (column.kind) {
    case 'integer':
      if (!INTEGER.test(trimmed)) return fail('Enter a whole number, e.g. 42.')
      return { ok: true, value: exactNumber(trimmed.replace(/^\+/, '')) }
    case 'decimal':
      if (!DECIMAL.test(trimmed)) return fail('Enter a decimal number, e.g. 12.50.')
      return { ok: true, value: trimmed.replace(/^\+/, '') }
    case 'float': {
      // Kept as the text typed (a JS number would round it here, silently); the database converts
      // it, and the editor warns when the column cannot hold those digits (floatWarning).
      if (/^[+-]?(Infinity|NaN)$/.test(trimmed)) return { ok: true, value: trimmed.replace(/^\+/, '') }
      if (!FLOAT.test(trimmed)) return fail('Enter a number, e.g. 3.14 or 1e-3.')
      if (!Number.isFinite(Number(trimmed))) return fail('That number is too large.')
      return { ok: true, value: trimmed.replace(/^\+/, '') }
    }
    case 'boolean': {
      const lowered = trimmed.toLowerCase()
      if (['true', '1', 'yes', 't'].includes(lowered)) return { ok: true, value: true }
      if (['false', '0', 'no', 'f'].includes(lowered)) return { ok: true, value: false }
      return fail('Choose true or false.')
    }
    case 'date':
    case 'time':
    case 'datetime':
      return parseDateCell(column, trimmed)
    case 'json':
      try {
        JSON.parse(text)
        return { ok: true, value: text }
      } catch (error) {
        return fail(`Not valid JSON: ${error instanceof Error ? error.message : 'check the brackets and quotes'}.`)
      }
    case 'uuid':
      return UUID.test(trimmed) ? { ok: true, value: trimmed } : fail('Enter a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000.')
    case 'binary':
      return fail('Binary values cannot be edited as text.')
    case 'text':
    case 'other':
      if (column.maxLength !== null && [...text].length > column.maxLength) {
        return fail(`At most ${column.maxLength} characters (this is ${[...text].length}).`)
      }
      return { ok: true, value: text }
  }
}

/**
 * A float column cannot hold every decimal: the digits it will store instead, as a warning shown
 * while editing (the value can still be staged; the Review shows it again before Commit).
 */
export function floatWarning(column: ColumnInfo, text: string): string | null {
  if (column.kind !== 'float') return null
  const single = isSinglePrecisionType(column.type)
  const stored = floatRounding(text, single)
  if (stored === null) return null
  return `This column keeps about ${single ? 7 : 16} significant digits: it will store ${stored}.`
}

function fail(message: string): Parsed {
  return { ok: false, message }
}

/** A JS number when it is exactly the integer typed, else the digits as text. */
function exactNumber(digits: string): number | string {
  const number = Number(digits)
  return Number.isSafeInteger(number) ? number : digits
}

function validDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1) return false
  const year = Number(match[1])
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31
  return day <= days
}

function validClock(text: string): boolean {
  const match = TIME.exec(text)
  if (!match) return false
  // 24:00:00 is a valid end-of-day time in PostgreSQL; 60 seconds allows a leap second.
  return Number(match[1]) <= 24 && Number(match[2]) <= 59 && Number(match[3] ?? 0) <= 60
}

/** `13:45`, `13:45:10.123456`, `13:45:10+02`, `13:45:10 +02:00`. */
function validTime(text: string): boolean {
  const match = /^(\S+?)\s?((?:Z|[+-]\d{2}(?::?\d{2})?))?$/.exec(text)
  if (!match?.[1]) return false
  return validClock(match[1]) && (match[2] === undefined || ZONE.test(match[2]))
}

function validDateTime(text: string): boolean {
  const match = /^(\S+)[ T](.+)$/.exec(text)
  if (!match?.[1] || !match[2]) return validDate(text)
  return validDate(match[1]) && validTime(match[2])
}

const DATE_HELP: Record<'date' | 'time' | 'datetime', string> = {
  date: 'Enter a date as YYYY-MM-DD.',
  time: 'Enter a time as HH:MM[:SS] (fractions are kept).',
  datetime: 'Enter a date and time as YYYY-MM-DD HH:MM[:SS] (fractions are kept; a zone such as Z or +02:00 is optional).',
}

/**
 * A SQLite date column (the schema names its form) stages exactly what will be stored, in that
 * form, so the grid shows it before Commit (`2025-04-05T06:07` becomes `2025-04-05 06:07:00.000000`
 * in an SQLAlchemy table). MySQL and PostgreSQL get the text as typed, which the engine sends in
 * plain SQL form with the same rules (shared/datetime.ts).
 */
function parseDateCell(column: ColumnInfo, text: string): Parsed {
  const kind = column.kind as 'date' | 'time' | 'datetime'
  if (column.storedForm) {
    const stored = storedDateValue(text, { ...column, kind }, 'sqlite')
    return stored.ok ? { ok: true, value: stored.value } : fail(`This value ${stored.reason}. ${DATE_HELP[kind]}`)
  }
  const legacy = kind === 'date' ? validDate(text) : kind === 'time' ? validTime(text) : validDateTime(text)
  const mysql = toServerForm(text, column, 'mysql')
  const postgres = toServerForm(text, column, 'postgres')
  if (legacy || mysql.ok || postgres.ok) return { ok: true, value: text }
  return fail(DATE_HELP[kind])
}

/** The text an editor starts from: what the grid shows, unabridged. */
export function editText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (isBinaryCell(cell)) return ''
  return String(cell)
}

/** Grid cells show at most this much text; the viewer shows the rest. */
export const CELL_TEXT_LIMIT = 200

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** One line of text for a cell (null is drawn separately); `long` when the viewer has more. */
export function cellSummary(cell: Cell): { text: string; long: boolean } {
  if (cell === null) return { text: 'NULL', long: false }
  if (isBinaryCell(cell)) return { text: `binary · ${formatBytes(cell.bytes)}`, long: true }
  if (typeof cell === 'boolean') return { text: cell ? 'true' : 'false', long: false }
  const text = String(cell)
  const multiline = text.includes('\n')
  const long = text.length > CELL_TEXT_LIMIT || multiline
  const line = (long ? text.slice(0, CELL_TEXT_LIMIT) : text).replace(/\r?\n/g, ' ⏎ ')
  return { text: long ? `${line}…` : line, long }
}

/** Turns filter text into the value the engine compares with, typed like the column. */
export function filterValue(kind: ColumnKind, text: string): Cell {
  const trimmed = text.trim()
  if (kind === 'boolean') return trimmed === 'true'
  if (kind === 'integer' && INTEGER.test(trimmed)) return exactNumber(trimmed)
  if (kind === 'float' && FLOAT.test(trimmed)) return Number(trimmed)
  return text
}
