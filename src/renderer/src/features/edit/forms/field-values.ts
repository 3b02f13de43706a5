/**
 * The pure side of the record forms: what a field holds while edited, which fields changed, what
 * is sent, and the checks made as the user types. The engine's validation is the authority; these
 * checks only warn early.
 */
import type { ColumnInfo, TableInfo } from '../../../../../shared/contract'
import { cellOf, floatRounding, isSinglePrecisionType, setCell, type Cell, type CellInput, type Row } from '../../../../../shared/cells'

/** A field while edited: text as typed (numbers too, so nothing is rounded), a checkbox, or NULL. */
export type FieldValue = string | boolean | null
export type Draft = Record<string, FieldValue>

/** Set by the models on every save; shown read-only. */
export const TIMESTAMP_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'updated_at'])

const LABELS: Record<string, string> = {
  id: 'ID',
  is_active: 'Active',
  user_id: 'Author',
  created_at: 'Created',
  updated_at: 'Updated',
}

export function labelOf(column: string): string {
  const known = LABELS[column]
  if (known) return known
  const words = column.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function isEditable(column: ColumnInfo): boolean {
  return !(column.primaryKey && column.autoIncrement) && !TIMESTAMP_COLUMNS.has(column.name)
}

/** A value must be given: NOT NULL, no default, not filled in by the database. */
export function isRequired(column: ColumnInfo): boolean {
  return !column.nullable && column.default === null && !column.autoIncrement
}

const NUMBER_KINDS: ReadonlySet<string> = new Set(['integer', 'decimal', 'float'])
export const isNumeric = (column: ColumnInfo): boolean => NUMBER_KINDS.has(column.kind)
export const isEmailColumn = (column: ColumnInfo): boolean => column.kind === 'text' && column.name === 'email'

export function toFieldValue(cell: Cell | undefined): FieldValue {
  if (cell === undefined || cell === null) return null
  if (typeof cell === 'boolean' || typeof cell === 'string') return cell
  if (typeof cell === 'number') return String(cell)
  // The app's tables have no binary columns; a form never edits one.
  return null
}

/** `true`, `1`, `'1'`, `b'1'`… as the databases print a boolean default. */
function defaultBoolean(sql: string | null): boolean | null {
  if (sql === null) return null
  const text = sql
    .replace(/^\(+|\)+$/g, '')
    .replace(/^b?'|'$/g, '')
    .toLowerCase()
  if (text === 'true' || text === '1') return true
  if (text === 'false' || text === '0') return false
  return null
}

/** What a new record's field starts with: booleans from their default, required text empty, the rest NULL (the default applies). */
export function initialValue(column: ColumnInfo): FieldValue {
  if (column.kind === 'boolean') return defaultBoolean(column.default) ?? (column.nullable ? null : false)
  return isRequired(column) ? '' : null
}

export function draftOf(table: TableInfo, row: Row | null): Draft {
  // Own-property reads and defined writes: a column may be called __proto__ or constructor.
  const draft: Draft = {}
  for (const column of table.columns) {
    if (!isEditable(column)) continue
    setCell(draft, column.name, row ? toFieldValue(cellOf(row, column.name)) : initialValue(column))
  }
  return draft
}

/** The editable fields whose value differs from `base` (what was loaded, or a new record's start). */
export function changedFields(table: TableInfo, draft: Draft, base: Draft): string[] {
  return table.columns.filter((c) => isEditable(c) && cellOf(draft, c.name) !== cellOf(base, c.name)).map((c) => c.name)
}

/** The value sent for a field: text as typed (numbers trimmed, empty number = NULL). */
export function toCellInput(column: ColumnInfo, value: FieldValue): CellInput {
  if (typeof value === 'string' && isNumeric(column)) {
    const text = value.trim()
    return text === '' && column.nullable ? null : text
  }
  return value
}

/** The values of an insert: every field the user set, and every required one (so the engine names what is missing). */
export function insertValues(table: TableInfo, draft: Draft): Record<string, CellInput> {
  const start = draftOf(table, null)
  const values: Record<string, CellInput> = {}
  for (const column of table.columns) {
    if (!isEditable(column)) continue
    const value = cellOf(draft, column.name) ?? null
    if (value !== cellOf(start, column.name) || isRequired(column)) setCell(values, column.name, toCellInput(column, value))
  }
  return values
}

export function pick(row: Row, names: string[]): Row {
  return Object.fromEntries(names.map((name) => [name, cellOf(row, name) ?? null]))
}

export function draftCells(table: TableInfo, draft: Draft, names: string[]): Row {
  const row: Row = {}
  for (const name of names) {
    const column = table.columns.find((c) => c.name === name)
    const value = cellOf(draft, name) ?? null
    setCell(row, name, column ? (toCellInput(column, value) as Cell) : value)
  }
  return row
}

/**
 * Takes the database's row as the new base while keeping the user's own edits: fields the user
 * changed keep their value, the others follow the database (so nobody else's change is undone).
 */
export function rebase(table: TableInfo, draft: Draft, oldBase: Draft, theirs: Row): Draft {
  const mine = new Set(changedFields(table, draft, oldBase))
  const next = draftOf(table, theirs)
  for (const name of mine) setCell(next, name, cellOf(draft, name) ?? null)
  return next
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/
const DECIMAL_SHAPE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const INTEGER_SHAPE = /^[+-]?\d+$/

/** The early check of one field, or null when it looks fine. */
export function checkField(column: ColumnInfo, value: FieldValue, label = labelOf(column.name)): string | null {
  const text = typeof value === 'string' ? value : null
  if (isRequired(column) && (value === null || (text !== null && text.trim() === ''))) return `${label} is required`
  if (text === null || text === '') return null
  if (column.maxLength !== null && [...text].length > column.maxLength) return `${label} can be at most ${column.maxLength} characters`
  if (isEmailColumn(column) && !EMAIL_SHAPE.test(text.trim())) return `${label} must be a valid email address`
  if (column.kind === 'integer' && !INTEGER_SHAPE.test(text.trim())) return `${label} must be a whole number`
  if (isNumeric(column) && !DECIMAL_SHAPE.test(text.trim())) return `${label} must be a number`
  return null
}

/** "Required · at most 80 characters · unique": the constraints shown under a field. */
export function constraintsOf(column: ColumnInfo): string {
  const parts: string[] = []
  if (isRequired(column)) parts.push('Required')
  else if (column.nullable) parts.push('Optional')
  if (column.maxLength !== null) parts.push(`at most ${column.maxLength} characters`)
  if (isEmailColumn(column)) parts.push('an email address')
  if (isNumeric(column)) parts.push(numberConstraint(column))
  if (column.unique) parts.push('unique')
  return parts.join(' · ')
}

/**
 * What a number field keeps. Only an unconstrained DECIMAL keeps any digits typed; a scale rounds,
 * and a float holds about 16 (single precision: 7) significant digits (the Review shows the result).
 */
function numberConstraint(column: ColumnInfo): string {
  if (column.kind === 'integer') return 'a whole number'
  if (column.kind === 'float')
    return `a number with about ${isSinglePrecisionType(column.type) ? 7 : 16} significant digits (more are rounded)`
  const scale = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(column.type)?.[1]
  if (scale !== undefined) return `a number with at most ${scale} decimal places (more are rounded)`
  return 'a number, saved exactly as typed'
}

/** Under a number field, when the column will not keep the digits typed: what it will store instead (null otherwise). */
export function roundingNote(column: ColumnInfo, value: FieldValue): string | null {
  if (column.kind !== 'float' || typeof value !== 'string') return null
  const stored = floatRounding(value, isSinglePrecisionType(column.type))
  return stored === null ? null : `Will be stored as ${stored}`
}

/** `users` → `user`, for messages about one row. */
export function singular(table: string): string {
  return table.endsWith('s') ? table.slice(0, -1) : table
}
