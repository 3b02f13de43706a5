import type { ColumnInfo, TableInfo } from '../../../shared/contract'

/** Test fixtures: a column with sensible defaults. */
export function column(name: string, kind: ColumnInfo['kind'], type: string, extra: Partial<ColumnInfo> = {}): ColumnInfo {
  return {
    name,
    type,
    kind,
    nullable: true,
    default: null,
    primaryKey: false,
    unique: false,
    autoIncrement: false,
    maxLength: null,
    ...extra,
  }
}

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
