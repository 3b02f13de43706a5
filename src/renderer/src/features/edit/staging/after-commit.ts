import type { OperationResult } from '../../../../../shared/contract'
import { keyOf, orderedItems, rebase, rowIdOf, sameCell, stageCell, type RowId, type Staged, type StagedItem } from './model'

/**
 * What stays staged once a commit has worked. The grid stays editable while the batch is on its way,
 * so `now` may hold more than what was `sent`: an item sent as it is now was written and goes; an
 * item staged meanwhile stays; an item of a written row that changed meanwhile stays, compared with
 * the row as the commit left it (a new row edited meanwhile becomes an edit of the row it created).
 */
export function stagedAfterCommit(sent: Staged, now: Staged, rowIds: RowId[], results: OperationResult[], primaryKey: string[]): Staged {
  const written = new Map<RowId, OperationResult>()
  rowIds.forEach((rowId, index) => {
    const result = results[index]
    if (result) written.set(rowId, result)
  })
  const keep = (staged: Staged, item: StagedItem): Staged => ({ ...staged, items: { ...staged.items, [item.rowId]: item } })

  let next: Staged = { ...now, items: {} }
  for (const item of orderedItems(now)) {
    const before = sent.items[item.rowId]
    const result = written.get(item.rowId)
    if (before === item) continue
    if (!before || !result) {
      next = keep(next, item)
      continue
    }
    // The row was deleted: nothing of it is left to change.
    if (result.kind === 'delete') continue
    if (item.kind === 'insert') {
      const row = result.row
      const target = { rowId: rowIdOf(primaryKey, row), key: keyOf(primaryKey, row), row }
      const sentValues = before.kind === 'insert' ? before.values : {}
      for (const [column, value] of Object.entries(item.values)) {
        if (!sameCell(sentValues[column], value)) next = stageCell(next, target, column, value)
      }
      continue
    }
    next = rebase(keep(next, item), item.rowId, result.row)
  }
  return next
}
