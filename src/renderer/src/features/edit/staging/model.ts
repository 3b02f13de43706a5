/**
 * Staged edits of one table, as plain immutable data: every change returns a new value, so undo is
 * a stack of earlier values and React sees each change. Nothing here talks to the API.
 *
 * Column names are keys here, and any name is a column name (`__proto__`, `constructor`): reads go
 * through cellOf (own properties only), writes through setCell or computed keys in object literals.
 */
import type { CopyFrom, Operation } from '../../../../../shared/contract'
import { cellOf, isBinaryCell, setCell, type Cell, type Row } from '../../../../../shared/cells'

/** What the grid can write into a cell (binary is viewed, never edited in the grid). */
export type EditValue = null | boolean | number | string

/** Which grid row an edit belongs to: the primary key as JSON for loaded rows, `new:N` for new ones. */
export type RowId = string

export interface StagedUpdate {
  kind: 'update'
  rowId: RowId
  seq: number
  key: Row
  /** The changed columns as the user saw them: the engine answers CONFLICT when they moved on. */
  original: Row
  values: Record<string, EditValue>
}

export interface StagedInsert {
  kind: 'insert'
  rowId: RowId
  seq: number
  /** Only the columns the user set; the others take the table's defaults. */
  values: Record<string, EditValue>
  /** A duplicated row's binary columns, copied inside the database from the row it came from (the page may hold them only cut short). */
  copyFrom?: CopyFrom
}

export interface StagedDelete {
  kind: 'delete'
  rowId: RowId
  seq: number
  key: Row
  /** The whole row as the user saw it. */
  original: Row
}

export type StagedItem = StagedUpdate | StagedInsert | StagedDelete

export interface Staged {
  table: string
  items: Record<RowId, StagedItem>
  /** Orders operations as the user made them (an insert before the edit that points at it). */
  nextSeq: number
}

/** A loaded row the user acts on: its id, its key and its values as displayed from the server. */
export interface SeenRow {
  rowId: RowId
  key: Row
  row: Row
}

export const emptyStaged = (table: string): Staged => ({ table, items: {}, nextSeq: 1 })

export const isNewRowId = (rowId: RowId): boolean => rowId.startsWith('new:')

export function rowIdOf(primaryKey: string[], row: Row): RowId {
  return JSON.stringify(primaryKey.map((column) => cellOf(row, column) ?? null))
}

export function keyOf(primaryKey: string[], row: Row): Row {
  return Object.fromEntries(primaryKey.map((column) => [column, cellOf(row, column) ?? null]))
}

export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  if (isBinaryCell(a) || isBinaryCell(b)) {
    return isBinaryCell(a) && isBinaryCell(b) && a.base64 === b.base64 && a.bytes === b.bytes
  }
  return a === b
}

function withItem(staged: Staged, item: StagedItem | null, rowId: RowId): Staged {
  const items = { ...staged.items }
  if (item) items[rowId] = item
  else delete items[rowId]
  return { ...staged, items }
}

/**
 * Sets one cell. On a loaded row the first edit of a column remembers what the user saw; typing
 * the original value back removes the edit. Deleted rows are left alone (undo the delete first).
 */
export function stageCell(staged: Staged, target: SeenRow, column: string, value: EditValue): Staged {
  const existing = staged.items[target.rowId]
  if (existing?.kind === 'delete') return staged
  if (existing?.kind === 'insert') {
    return withItem(staged, { ...existing, values: { ...existing.values, [column]: value } }, target.rowId)
  }
  if (isNewRowId(target.rowId)) return staged
  const original: Row = { ...(existing?.original ?? {}) }
  const values = { ...(existing?.values ?? {}) }
  if (!Object.hasOwn(original, column)) setCell(original, column, cellOf(target.row, column) ?? null)
  if (sameCell(cellOf(original, column), value)) {
    delete original[column]
    delete values[column]
  } else {
    setCell(values, column, value)
  }
  if (Object.keys(values).length === 0) return withItem(staged, null, target.rowId)
  const seq = existing?.seq ?? staged.nextSeq
  const next = withItem(staged, { kind: 'update', rowId: target.rowId, seq, key: target.key, original, values }, target.rowId)
  return existing ? next : { ...next, nextSeq: staged.nextSeq + 1 }
}

/** Adds a new row (empty, or a copy) and answers the new state with the row's id. */
export function stageInsert(staged: Staged, values: Record<string, EditValue> = {}, copyFrom?: CopyFrom): { staged: Staged; rowId: RowId } {
  const rowId = `new:${staged.nextSeq}`
  const item: StagedInsert = { kind: 'insert', rowId, seq: staged.nextSeq, values: { ...values }, ...(copyFrom ? { copyFrom } : {}) }
  return { staged: { ...withItem(staged, item, rowId), nextSeq: staged.nextSeq + 1 }, rowId }
}

/** Marks rows for deletion; a new row is simply dropped, an edited row's edits give way to the delete. */
export function stageDelete(staged: Staged, targets: SeenRow[]): Staged {
  let next = staged
  for (const target of targets) {
    const existing = next.items[target.rowId]
    if (existing?.kind === 'insert' || isNewRowId(target.rowId)) {
      next = withItem(next, null, target.rowId)
      continue
    }
    if (existing?.kind === 'delete') continue
    const item: StagedDelete = { kind: 'delete', rowId: target.rowId, seq: next.nextSeq, key: target.key, original: { ...target.row } }
    next = { ...withItem(next, item, target.rowId), nextSeq: next.nextSeq + 1 }
  }
  return next
}

/** Forgets whatever is staged for a row. */
export function unstage(staged: Staged, rowId: RowId): Staged {
  return staged.items[rowId] ? withItem(staged, null, rowId) : staged
}

/**
 * After a conflict: keep the user's change but compare it against the row as it is now. Columns
 * whose current value already equals the user's value are no longer changes.
 */
export function rebase(staged: Staged, rowId: RowId, theirs: Row): Staged {
  const item = staged.items[rowId]
  if (!item || item.kind === 'insert') return staged
  if (item.kind === 'delete') return withItem(staged, { ...item, original: { ...theirs } }, rowId)
  const original: Row = {}
  const values: Record<string, EditValue> = {}
  for (const [column, value] of Object.entries(item.values)) {
    const current = cellOf(theirs, column) ?? null
    if (sameCell(current, value)) continue
    setCell(original, column, current)
    setCell(values, column, value)
  }
  if (Object.keys(values).length === 0) return withItem(staged, null, rowId)
  return withItem(staged, { ...item, original, values }, rowId)
}

export function orderedItems(staged: Staged): StagedItem[] {
  return Object.values(staged.items).sort((a, b) => a.seq - b.seq)
}

/** The operations for records.batch / records.preview, and which row each one came from. */
export function toOperations(staged: Staged): { operations: Operation[]; rowIds: RowId[] } {
  const operations: Operation[] = []
  const rowIds: RowId[] = []
  for (const item of orderedItems(staged)) {
    rowIds.push(item.rowId)
    if (item.kind === 'insert')
      operations.push({
        kind: 'insert',
        table: staged.table,
        values: { ...item.values },
        ...(item.copyFrom ? { copyFrom: item.copyFrom } : {}),
      })
    else if (item.kind === 'update')
      operations.push({ kind: 'update', table: staged.table, key: item.key, original: item.original, values: { ...item.values } })
    else operations.push({ kind: 'delete', table: staged.table, key: item.key, original: item.original })
  }
  return { operations, rowIds }
}

/** What the pending-changes bar counts: each changed cell, each new row, each deleted row. */
export function countChanges(staged: Staged): number {
  let count = 0
  for (const item of Object.values(staged.items)) count += item.kind === 'update' ? Object.keys(item.values).length : 1
  return count
}

/** The row as the grid shows it: the loaded values with the staged ones on top. */
export function displayedRow(row: Row, item: StagedItem | undefined): Row {
  if (!item || item.kind === 'delete') return row
  return { ...row, ...item.values }
}

/** A row's values that can be written back as they are (binary is left to its default). */
export function editableValues(row: Row): Record<string, EditValue> {
  // Object.fromEntries keeps a column called __proto__ (`values[column] = …` would set the prototype).
  return Object.fromEntries(Object.entries(row).filter((entry): entry is [string, EditValue] => !isBinaryCell(entry[1])))
}

/** A commit refused with CONFLICT: the staged item it was about, and the row as the database holds it now. */
export interface Conflict {
  rowId: RowId
  item: StagedItem
  /** The row as it is now; null when someone deleted it. */
  theirs: Row | null
  /** The whole row as the user loaded it (to show what someone else changed in other columns too). */
  seen: Row | null
}

/** What the user chose in the conflict dialog (ConflictDialog), for the table grid and the console alike. */
export type ConflictChoice = 'keepMine' | 'takeTheirs' | 'reedit'

/**
 * The staged edits after that choice. Keep mine and re-edit compare the user's values with theirs
 * from now on (keep mine is then committed at once); on a row deleted meanwhile, keep mine
 * re-creates it as it was seen with the user's values on top. Take theirs drops the user's edits.
 */
export function resolveConflict(staged: Staged, conflict: Conflict, choice: ConflictChoice): Staged {
  if (choice === 'takeTheirs') return unstage(staged, conflict.rowId)
  if (conflict.theirs) return rebase(staged, conflict.rowId, conflict.theirs)
  if (choice === 'reedit' || conflict.item.kind !== 'update' || !conflict.seen) return unstage(staged, conflict.rowId)
  return stageInsert(unstage(staged, conflict.rowId), { ...editableValues(conflict.seen), ...conflict.item.values }).staged
}
