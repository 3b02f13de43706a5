import type { ColumnInfo, TableInfo } from '../../../shared/contract'
import { column } from '../../../shared/test-columns'

export { column }

export function table(name: string, columns: ColumnInfo[], extra: Partial<TableInfo> = {}): TableInfo {
  const primaryKey = columns.filter((c) => c.primaryKey).map((c) => c.name)
  return {
    name,
    kind: 'table',
    columns,
    primaryKey,
    foreignKeys: [],
    referencedBy: [],
    indexes: primaryKey.length > 0 ? [{ name: 'PRIMARY', columns: primaryKey, unique: true, primary: true }] : [],
    model: null,
    ...extra,
  }
}
