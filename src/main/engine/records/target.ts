import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo, TableInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { CellInput } from '../../../shared/values'

/**
 * Everything SQL building needs to know about one table, and nothing that touches a database,
 * so the builders can be unit-tested. Identifiers come only from `table` (the introspected schema).
 */
export interface SqlTarget {
  dialect: Dialect
  table: TableInfo
  /** Quotes one identifier (Sequelize's queryGenerator in production). */
  quote: (identifier: string) => string
  /** A user value as the driver should bind it for this column (toDbValue in production). */
  encode: (value: CellInput, column: ColumnInfo) => unknown
}

export function quotedTable(target: SqlTarget): string {
  return target.quote(target.table.name)
}

/**
 * A column in a condition or ORDER BY, qualified by its table: PostgreSQL and SQLite resolve a bare
 * name in ORDER BY to the SELECT list's alias first, and the codec aliases converted expressions
 * (`"id"::text AS "id"`) to the column's name, which would sort by the text.
 */
export function columnRef(target: SqlTarget, column: ColumnInfo): string {
  return `${quotedTable(target)}.${target.quote(column.name)}`
}

/** The column of that name, or COLUMN_NOT_FOUND naming it and the valid ones. */
export function columnOf(target: SqlTarget, name: string, field?: string): ColumnInfo {
  const column = target.table.columns.find((c) => c.name === name)
  if (column) return column
  const valid = target.table.columns.map((c) => c.name).join(', ')
  throw new AppError({
    code: 'COLUMN_NOT_FOUND',
    message: `Table "${target.table.name}" has no column "${name}". Its columns are: ${valid}.`,
    hint: 'The schema may have changed; refresh the table.',
    ...(field ? { field } : {}),
  })
}

/** The primary key columns, or NO_PRIMARY_KEY: rows of such a table cannot be addressed one by one. */
export function primaryKeyOf(target: SqlTarget): ColumnInfo[] {
  if (target.table.primaryKey.length === 0) {
    throw new AppError({
      code: 'NO_PRIMARY_KEY',
      message: `Table "${target.table.name}" has no primary key, so a single row cannot be picked out to change it.`,
      hint: 'Add a primary key to the table, or change its rows with filters (bulk update/delete).',
    })
  }
  return target.table.primaryKey.map((name) => columnOf(target, name))
}

export function invalidInput(message: string, field?: string, hint?: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, ...(field ? { field } : {}), ...(hint ? { hint } : {}) })
}
