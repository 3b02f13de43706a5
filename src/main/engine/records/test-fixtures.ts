// Shared by the unit tests beside this file: a table description and a target with no database.
import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo, TableInfo } from '../../../shared/contract'
import { column } from '../../../shared/test-columns'
import { quoteIdentifier } from './identifiers'
import type { SqlTarget } from './target'

export { column }

export function table(columns: ColumnInfo[], primaryKey = ['id'], extra: Partial<TableInfo> = {}): TableInfo {
  return { name: 't', kind: 'table', columns, primaryKey, foreignKeys: [], referencedBy: [], indexes: [], model: null, ...extra }
}

export const ITEMS = table([
  column('id', 'integer', 'INTEGER', { primaryKey: true, nullable: false }),
  column('name', 'text', 'varchar(80)'),
  column('price', 'float', 'float'),
  column('doc', 'json', 'json'),
  column('blob', 'binary', 'blob'),
  column('born', 'datetime', 'datetime(6)'),
])

/** Quotes as production does; encodes nothing (values appear in `params.values` as given). */
export function target(dialect: Dialect, info: TableInfo = ITEMS): SqlTarget {
  return { dialect, table: info, quote: (name) => quoteIdentifier(dialect, name), encode: (value) => value }
}
