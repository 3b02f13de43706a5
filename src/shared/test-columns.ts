// Test fixtures only (imported by unit tests on both sides): a column description with the
// defaults every test would otherwise spell out.
import type { ColumnInfo, ColumnKind } from './contract'

export function column(name: string, kind: ColumnKind, type: string, extra: Partial<ColumnInfo> = {}): ColumnInfo {
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
