// Test fixtures for the grid's pure logic (grid-keys, grid-clipboard): a column and a loaded row.
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { column as columnInfo } from '../../../../shared/test-columns'
import type { Row } from '../../../../shared/values'
import type { GridRow } from './DataGrid'
import type { KeyPress } from './grid-keys'

/** A column whose declared type is its kind; text columns hold at most 10 characters. */
export const column = (name: string, kind: ColumnKind, nullable = true): ColumnInfo =>
  columnInfo(name, kind, kind, { nullable, maxLength: kind === 'text' ? 10 : null })

export const gridRow = (id: number, row: Row, status: GridRow['status'] = 'loaded'): GridRow => ({
  rowId: `[${id}]`,
  status,
  row,
  seen: row,
  changed: new Set(),
})

/** A key press as the key handlers see it: `press('ArrowDown', { shiftKey: true })`, every modifier off unless given. */
export const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
})
