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
export function gridRows(loaded: Row[], staged: Staged, info: TableInfo): GridRow[] {
  const keyed = info.primaryKey.length > 0
  const out: GridRow[] = []
  for (const item of orderedItems(staged).reverse()) {
    if (item.kind === 'insert') out.push({ rowId: item.rowId, status: 'new', row: { ...item.values }, seen: {}, changed: new Set(Object.keys(item.values)) })
  }
  loaded.forEach((row, index) => {
    const rowId = keyed ? rowIdOf(info.primaryKey, row) : `#${index}`
    const item = staged.items[rowId]
    if (item?.kind === 'update') out.push({ rowId, status: 'edited', row: { ...row, ...item.values }, seen: row, changed: new Set(Object.keys(item.values)) })
    else out.push({ rowId, status: item?.kind === 'delete' ? 'deleted' : 'loaded', row, seen: row, changed: NONE })
  })
  return out
}
