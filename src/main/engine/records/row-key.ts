import type { ColumnInfo } from '../../../shared/contract'
import { cellOf, type CellInput } from '../../../shared/values'
import { equalsCondition, type BindParams } from './sql'
import { invalidInput, primaryKeyOf, type SqlTarget } from './target'

/** A primary key: each key column → its value (cells as read, or values as typed). */
export type RowKey = Record<string, CellInput>

/** Checks the key names exactly the primary key columns, each with a non-null value. */
export function checkedKey(target: SqlTarget, key: RowKey, field = 'key'): Array<{ column: ColumnInfo; value: CellInput }> {
  const columns = primaryKeyOf(target)
  const names = columns.map((c) => c.name)
  for (const name of Object.keys(key)) {
    if (!names.includes(name)) {
      throw invalidInput(`"${name}" is not part of the primary key of ${target.table.name} (${names.join(', ')}).`, `${field}.${name}`)
    }
  }
  return columns.map((column) => {
    const value = cellOf(key, column.name)
    if (value === undefined || value === null) {
      throw invalidInput(`The key of a ${target.table.name} row needs a value for ${column.name}.`, `${field}.${column.name}`)
    }
    return { column, value }
  })
}

/** `pk1 = $1 AND pk2 = $2` for the row with this key. */
export function keyCondition(target: SqlTarget, key: RowKey, params: BindParams, field = 'key'): string {
  return checkedKey(target, key, field)
    .map(({ column, value }) => equalsCondition(target, column, value, params))
    .join(' AND ')
}

/** The key of a row, picked out of its cells. */
export function keyOfRow(target: SqlTarget, row: Record<string, CellInput>): RowKey {
  return Object.fromEntries(primaryKeyOf(target).map((c) => [c.name, cellOf(row, c.name) ?? null]))
}

/** Words for values in messages: `id 7`, `username 'alice'`, `(order_id, line) = (3, 1)`. */
export function describeValues(columns: ColumnInfo[], values: CellInput[]): string {
  const shown = values.map((value, i) => showValue(value, columns[i]))
  if (columns.length === 1) return `${columns[0].name} ${shown[0]}`
  return `(${columns.map((c) => c.name).join(', ')}) = (${shown.join(', ')})`
}

const NUMERIC_KINDS = new Set(['integer', 'decimal', 'float', 'boolean'])

export function showValue(value: CellInput | undefined, column?: ColumnInfo): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'object') return '(binary value)'
  if (typeof value !== 'string' || (column && NUMERIC_KINDS.has(column.kind))) return String(value)
  return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`
}
