/**
 * Dates and times on their way into a table: each typed value is parsed (never through a JS Date,
 * which would read the host's time zone) and written in the column's own form (shared/datetime.ts):
 * SQLite in the form its values already use, MySQL/PostgreSQL as plain SQL text with every digit.
 * Only written values pass here; conditions and keyset cursors compare the stored text as read.
 */
import type { ColumnInfo } from '../../../shared/contract'
import { isDateKind, storedDateValue } from '../../../shared/datetime'
import { AppError } from '../../../shared/errors'
import type { CellInput } from '../../../shared/values'
import type { WriteValues } from './statements'
import { columnOf, type SqlTarget } from './target'

/** The values with every date/time written as its column stores it; VALIDATION names a value that is no date. */
export function inColumnForms(target: SqlTarget, values: WriteValues): WriteValues {
  // Object.fromEntries keeps a column named __proto__ an own property.
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, inColumnForm(target, columnOf(target, name, `values.${name}`), value)]),
  )
}

export function inColumnForm(target: SqlTarget, column: ColumnInfo, value: CellInput): CellInput {
  if (value === null || !isDateKind(column.kind)) return value
  if (typeof value !== 'string' && typeof value !== 'number') throw notADate(column, value, 'is not a date or time')
  const stored = storedDateValue(value, { ...column, kind: column.kind }, target.dialect)
  if (!stored.ok) throw notADate(column, value, stored.reason)
  return stored.value
}

function notADate(column: ColumnInfo, value: CellInput, reason: string): AppError {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value)
  const message = `"${column.name}" ${reason}: ${shown}.`
  return new AppError({
    code: 'VALIDATION',
    message,
    hint: 'Type a date as YYYY-MM-DD, a date and time as YYYY-MM-DD HH:MM[:SS[.ffffff]] (a zone such as Z or +02:00 is optional), a time as HH:MM[:SS].',
    field: column.name,
    details: { fields: [{ field: column.name, message, rule: 'datetime' }] },
  })
}

/** The columns an app's models stamp on every write (Sequelize's and Flask-SQLAlchemy's usual names). */
const CREATED = 'created_at'
const UPDATED = 'updated_at'

/**
 * The model tables' timestamps, set as their ORM would (the moment of the write, in UTC) but in the
 * column's own form, and only where the table has the column and the user did not give a value.
 */
export function withTimestamps(target: SqlTarget, values: WriteValues, kind: 'insert' | 'update', now = new Date()): WriteValues {
  const stamped: WriteValues = Object.fromEntries(Object.entries(values))
  const names = kind === 'insert' ? [CREATED, UPDATED] : [UPDATED]
  for (const name of names) {
    const column = target.table.columns.find((c) => c.name === name)
    if (!column || column.kind !== 'datetime' || Object.hasOwn(values, name)) continue
    stamped[name] = inColumnForm(target, column, now.toISOString())
  }
  return stamped
}
