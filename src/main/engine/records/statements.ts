import type { ColumnInfo } from '../../../shared/contract'
import type { CellInput } from '../../../shared/values'
import { selectColumns } from './value-codec'
import { keyCondition, type RowKey } from './row-key'
import { geometryWriteExpression, isMysqlGeometry } from './spatial'
import type { BindParams } from './sql'
import { columnOf, columnRef, invalidInput, primaryKeyOf, quotedTable, type SqlTarget } from './target'
import { selectionCondition, type Selection } from './where'

/** Values to write, column → value as typed; checked against the schema. */
export type WriteValues = Record<string, CellInput>

/** The columns of `values`, each checked to exist (COLUMN_NOT_FOUND names the field `values.<name>`). */
export function writtenColumns(target: SqlTarget, values: WriteValues, field = 'values'): ColumnInfo[] {
  return Object.keys(values).map((name) => columnOf(target, name, `${field}.${name}`))
}

/**
 * INSERT of the given columns (the rest take their defaults). PostgreSQL answers the new row's key
 * with RETURNING (the whole row when there is no key); MySQL and SQLite report the generated id
 * instead (see insert.ts).
 */
export function insertStatement(target: SqlTarget, values: WriteValues, params: BindParams, copy?: CopiedColumns): string {
  const columns = writtenColumns(target, values)
  const into = `INSERT INTO ${quotedTable(target)}`
  let sql: string
  if (copy) {
    // The given values as parameters beside the copied columns read from the source row.
    const names = [...columns, ...copy.columns].map((c) => target.quote(c.name)).join(', ')
    const given = columns.map((c) => valueSql(target, c, values[c.name], params))
    const copied = copy.columns.map((c) => columnRef(target, c))
    sql = `${into} (${names}) SELECT ${[...given, ...copied].join(', ')} FROM ${quotedTable(target)} WHERE ${keyCondition(target, copy.key, params, 'copyFrom.key')}`
  } else if (columns.length === 0) {
    sql = target.dialect === 'mysql' ? `${into} () VALUES ()` : `${into} DEFAULT VALUES`
  } else {
    const names = columns.map((c) => target.quote(c.name)).join(', ')
    const placeholders = columns.map((c) => valueSql(target, c, values[c.name], params)).join(', ')
    sql = `${into} (${names}) VALUES (${placeholders})`
  }
  if (target.dialect === 'postgres') {
    const returned = target.table.primaryKey.length > 0 ? primaryKeyOf(target) : target.table.columns
    sql += ` RETURNING ${selectColumns(target.dialect, returned)}`
  }
  return sql
}

/** Columns an INSERT copies from the row with `key` of the same table (INSERT … SELECT). */
export interface CopiedColumns {
  key: RowKey
  columns: ColumnInfo[]
}

/** `SET a = $1, b = $2`, for the changed columns only. */
function setClause(target: SqlTarget, values: WriteValues, params: BindParams): string {
  const columns = writtenColumns(target, values)
  if (columns.length === 0) throw invalidInput('There is nothing to change: no values were given.', 'values')
  return columns.map((c) => `${target.quote(c.name)} = ${valueSql(target, c, values[c.name], params)}`).join(', ')
}

/** A value to write: a bind parameter, or for MySQL geometry the WKT it is made from (spatial.ts). */
function valueSql(target: SqlTarget, column: ColumnInfo, value: CellInput, params: BindParams): string {
  if (isMysqlGeometry(target.dialect, column)) return geometryWriteExpression(value, column, (v) => params.add(v))
  return params.add(target.encode(value, column))
}

export function updateByKeyStatement(target: SqlTarget, values: WriteValues, key: RowKey, params: BindParams): string {
  const set = setClause(target, values, params)
  return `UPDATE ${quotedTable(target)} SET ${set} WHERE ${keyCondition(target, key, params)}`
}

export function deleteByKeyStatement(target: SqlTarget, key: RowKey, params: BindParams): string {
  return `DELETE FROM ${quotedTable(target)} WHERE ${keyCondition(target, key, params)}`
}

export function bulkUpdateStatement(target: SqlTarget, values: WriteValues, selection: Selection, params: BindParams): string {
  const set = setClause(target, values, params)
  const condition = selectionCondition(target, selection, params)
  return `UPDATE ${quotedTable(target)} SET ${set}${condition ? ` WHERE ${condition}` : ''}`
}

export function bulkDeleteStatement(target: SqlTarget, selection: Selection, params: BindParams): string {
  const condition = selectionCondition(target, selection, params)
  return `DELETE FROM ${quotedTable(target)}${condition ? ` WHERE ${condition}` : ''}`
}
