import type { TableInfo } from '../../../../shared/contract'
import type { Row } from '../../../../shared/cells'
import { orderedItems, rowIdOf, type Staged } from '../edit/staging/model'
import type { GridRow } from './DataGrid'

const NONE: ReadonlySet<string> = new Set()

/**
 * What the grid shows: new rows on top (newest first, so a new row is in view whatever is loaded
 * below), then the loaded rows with their staged values on top. Tables without a primary key get
 * positional ids: they are read-only, so nothing is staged against them.
 */
export function gridRows(loaded: Row[], staged: Staged, info: TableInfo, start = 0): GridRow[] {
  const keyed = info.primaryKey.length > 0
  const out: GridRow[] = []
  for (const item of orderedItems(staged).reverse()) {
    if (item.kind === 'insert')
      out.push({ rowId: item.rowId, status: 'new', row: { ...item.values }, seen: {}, changed: new Set(Object.keys(item.values)) })
  }
  loaded.forEach((row, index) => {
    const rowId = keyed ? rowIdOf(info.primaryKey, row) : `#${start + index}`
    const item = staged.items[rowId]
    if (item?.kind === 'update')
      out.push({ rowId, status: 'edited', row: { ...row, ...item.values }, seen: row, changed: new Set(Object.keys(item.values)) })
    else out.push({ rowId, status: item?.kind === 'delete' ? 'deleted' : 'loaded', row, seen: row, changed: NONE })
  })
  return out
}

/** What the grid reads rows through: an array, or a RowSpan over a whole table. */
export interface RowSource {
  readonly length: number
  at(index: number): GridRow | undefined
}

/** The row at a grid position; nothing for the header (-1) or past the end (unlike Array#at). */
export const rowOf = (rows: RowSource, index: number): GridRow | undefined =>
  index >= 0 && index < rows.length ? rows.at(index) : undefined

/**
 * Every row the grid spans, few of them in memory: the new rows on top, then the selection, whose
 * loaded window begins at position `start` (row-window.ts). Positions outside the window have no
 * row yet (the grid draws a placeholder and asks for them).
 */
export interface RowSpan extends RowSource {
  /** The rows in memory: the new ones, then the window. */
  readonly items: readonly GridRow[]
  readonly newCount: number
  /** The grid position of a row in memory, or -1. */
  indexOf(rowId: string): number
}

export function rowSpan(rows: GridRow[], newCount: number, start: number, loadedCount: number): RowSpan {
  const loadedInMemory = rows.length - newCount
  const ids = new Map<string, number>()
  rows.forEach((row, i) => ids.set(row.rowId, i < newCount ? i : i + start))
  return {
    items: rows,
    newCount,
    length: newCount + Math.max(loadedCount, start + loadedInMemory),
    at(index) {
      if (index < 0) return undefined
      if (index < newCount) return rows[index]
      const i = index - newCount - start
      return i >= 0 && i < loadedInMemory ? rows[newCount + i] : undefined
    },
    indexOf: (rowId) => ids.get(rowId) ?? -1,
  }
}
