import { create } from 'zustand'
import type { OperationResult, TableInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Row } from '../../../shared/cells'
import { api } from '../api'
import { emptyStaged, resolveConflict, rowIdOf, toOperations, type Conflict, type RowId, type Staged } from '../features/edit/staging/model'
import { stagedAfterCommit } from '../features/edit/staging/after-commit'
import { useBrowserStore } from './browser'

/**
 * The grid's staged edits (one table at a time), their undo history, and what the last commit
 * ran into: a conflict to resolve, or an error pinned to a row and cell.
 */

export interface CellError {
  rowId: RowId
  /** The column concerned, when the error names one. */
  column: string | null
  message: string
}

export type { Conflict } from '../features/edit/staging/model'
export { editableValues } from '../features/edit/staging/model'

/** Asks the grid to move to (and maybe edit) a cell, e.g. the one an error is about. */
export interface FocusRequest {
  rowId: RowId
  column: string | null
  edit: boolean
  seq: number
}

interface EditorState {
  scope: string | null
  staged: Staged
  past: Staged[]
  /** States undo left, for redo (emptied by any new change). */
  future: Staged[]
  committing: boolean
  commitError: unknown
  cellErrors: CellError[]
  conflict: Conflict | null
  focus: FocusRequest | null
  /** Set after a commit that worked, for the status line. */
  committed: { count: number; at: number } | null
  /** Starts over when a table opens (leaving the previous one committed or discarded its edits). */
  reset(scope: string, table: string): void
  /** Records a new staged state; the previous one can be brought back with undo. */
  apply(next: Staged): void
  undo(): void
  /** Brings back what the last undo took away (Ctrl+Shift+Z / Ctrl+Y). */
  redo(): void
  /** Drops every staged change; undoable unless the rows are about to change under it (a new query). */
  discard(undoable?: boolean): void
  commit(sessionId: string, info: TableInfo): Promise<boolean>
  /** Writes the user's values over theirs at once (re-creates a deleted row); answers whether the commit worked. */
  keepMine(sessionId: string, info: TableInfo): Promise<boolean>
  takeTheirs(): void
  reedit(): void
  closeConflict(): void
  requestFocus(rowId: RowId, column: string | null, edit?: boolean): void
  /** Marks cells the database would refuse (found by the Review), as a failed commit would. */
  markCells(errors: CellError[]): void
}

const HISTORY_LIMIT = 200
let focusSeq = 0

export const useEditorStore = create<EditorState>((set, get) => {
  /** Puts the row the conflict is about on screen as it is now, so the next edit starts from it. */
  const showTheirs = (rowId: RowId, theirs: Row | null, info: TableInfo | null) => {
    const primaryKey = info?.primaryKey ?? []
    useBrowserStore
      .getState()
      .updateRows((rows) =>
        theirs === null
          ? rows.filter((row) => rowIdOf(primaryKey, row) !== rowId)
          : rows.map((row) => (rowIdOf(primaryKey, row) === rowId ? theirs : row)),
      )
  }
  let lastInfo: TableInfo | null = null

  const resolve = (next: (staged: Staged, conflict: Conflict) => Staged, edit: boolean) => {
    const { conflict, staged } = get()
    if (!conflict) return
    const column = conflict.item.kind === 'update' ? (Object.keys(conflict.item.values)[0] ?? null) : null
    showTheirs(conflict.rowId, conflict.theirs, lastInfo)
    set({
      past: [...get().past, staged].slice(-HISTORY_LIMIT),
      future: [],
      staged: next(staged, conflict),
      conflict: null,
      commitError: null,
      cellErrors: [],
    })
    if (edit && conflict.theirs) get().requestFocus(conflict.rowId, column, true)
  }

  return {
    scope: null,
    staged: emptyStaged(''),
    past: [],
    future: [],
    committing: false,
    commitError: null,
    cellErrors: [],
    conflict: null,
    focus: null,
    committed: null,

    reset(scope, table) {
      set({
        scope,
        staged: emptyStaged(table),
        past: [],
        future: [],
        committing: false,
        commitError: null,
        cellErrors: [],
        conflict: null,
        committed: null,
      })
    },

    apply(next) {
      const { staged, past } = get()
      if (next === staged) return
      // An edit to a row clears the error that pointed at it: the user is acting on it.
      const touched = new Set(
        [...Object.keys(next.items), ...Object.keys(staged.items)].filter((id) => next.items[id] !== staged.items[id]),
      )
      set({
        staged: next,
        past: [...past, staged].slice(-HISTORY_LIMIT),
        future: [],
        cellErrors: get().cellErrors.filter((e) => !touched.has(e.rowId)),
        committed: null,
      })
    },

    undo() {
      const { past, future, staged } = get()
      const previous = past.at(-1)
      if (!previous) return
      set({ staged: previous, past: past.slice(0, -1), future: [...future, staged], cellErrors: [], commitError: null })
    },

    redo() {
      const { past, future, staged } = get()
      const next = future.at(-1)
      if (!next) return
      set({ staged: next, future: future.slice(0, -1), past: [...past, staged].slice(-HISTORY_LIMIT), cellErrors: [], commitError: null })
    },

    discard(undoable = true) {
      // Undoable: Ctrl+Z brings back what was discarded by mistake.
      set((state) => ({
        staged: emptyStaged(state.staged.table),
        future: [],
        past: !undoable
          ? []
          : Object.keys(state.staged.items).length > 0
            ? [...state.past, state.staged].slice(-HISTORY_LIMIT)
            : state.past,
        cellErrors: [],
        commitError: null,
        conflict: null,
      }))
    },

    async commit(sessionId, info) {
      const { staged, committing } = get()
      if (committing) return false
      const { operations, rowIds } = toOperations(staged)
      if (operations.length === 0) return true
      lastInfo = info
      set({ committing: true, commitError: null, cellErrors: [], committed: null })
      try {
        const results = await api.call('records.batch', { sessionId, operations })
        applyResults(info, rowIds, results)
        // The grid stays editable during the commit: what was staged meanwhile is kept, not dropped.
        const rest = stagedAfterCommit(staged, get().staged, rowIds, results, info.primaryKey)
        set({ staged: rest, past: [], future: [], committing: false, committed: { count: operations.length, at: Date.now() } })
        const browser = useBrowserStore.getState()
        browser.recount()
        void browser.loadTables(sessionId)
        return true
      } catch (error) {
        const index = error instanceof AppError ? error.details?.operationIndex : undefined
        const rowId = index !== undefined ? rowIds[index] : undefined
        const item = rowId ? staged.items[rowId] : undefined
        if (error instanceof AppError && error.code === 'CONFLICT' && rowId && item) {
          set({
            committing: false,
            conflict: { rowId, item, theirs: error.details?.current ?? null, seen: seenRow(rowId, info) ?? null },
            commitError: error,
          })
          return false
        }
        const columns = new Set(info.columns.map((c) => c.name))
        // Only real columns of this table get a cell mark (a unique index name or a dependent table's column does not).
        const cellErrors = rowId
          ? errorsFor(rowId, error).map((e) => (e.column && !columns.has(e.column) ? { ...e, column: null } : e))
          : []
        set({ committing: false, commitError: error, cellErrors })
        const first = cellErrors[0]
        if (first) get().requestFocus(first.rowId, first.column)
        return false
      }
    },

    async keepMine(sessionId, info) {
      const seen = get().conflict?.seen ?? seenRow(get().conflict?.rowId, lastInfo) ?? null
      // The row is gone: "keep mine" re-creates it, as it was with the user's values on top.
      resolve((staged, conflict) => resolveConflict(staged, { ...conflict, seen }, 'keepMine'), false)
      // The dialog showed both sides and the user chose theirs to be overwritten: write now, as the button says
      // (the batch again, now compared with their row; another change meanwhile is a new conflict).
      return get().commit(sessionId, info)
    },
    takeTheirs() {
      resolve((staged, conflict) => resolveConflict(staged, conflict, 'takeTheirs'), false)
    },
    reedit() {
      resolve((staged, conflict) => resolveConflict(staged, conflict, 'reedit'), true)
    },
    closeConflict() {
      set({ conflict: null })
    },

    requestFocus(rowId, column, edit = false) {
      set({ focus: { rowId, column, edit, seq: ++focusSeq } })
    },
    markCells(errors) {
      set({ cellErrors: errors })
    },
  }
})

/** A committed batch: updated rows show what the database now holds, deleted ones go, new ones appear on top. */
function applyResults(info: TableInfo, rowIds: RowId[], results: OperationResult[]): void {
  const replaced = new Map<RowId, Row>()
  const removed = new Set<RowId>()
  const inserted: Row[] = []
  results.forEach((result, index) => {
    const rowId = rowIds[index]
    if (rowId === undefined) return
    if (result.kind === 'delete') removed.add(rowId)
    else if (result.kind === 'update') replaced.set(rowId, result.row)
    else inserted.push(result.row)
  })
  useBrowserStore
    .getState()
    .updateRows((rows) => [
      ...inserted,
      ...rows.filter((row) => !removed.has(rowIdOf(info.primaryKey, row))).map((row) => replaced.get(rowIdOf(info.primaryKey, row)) ?? row),
    ])
}

function seenRow(rowId: RowId | undefined, info: TableInfo | null): Row | undefined {
  if (!rowId || !info) return undefined
  return useBrowserStore.getState().grid?.rows.find((row) => rowIdOf(info.primaryKey, row) === rowId)
}

/** Where a failed write points: the fields a validation names, the clashing columns, or the row. */
function errorsFor(rowId: RowId, error: unknown): CellError[] {
  if (!(error instanceof AppError)) return [{ rowId, column: null, message: 'Something unexpected went wrong.' }]
  const fields = error.details?.fields
  if (fields && fields.length > 0) return fields.map((f) => ({ rowId, column: f.field, message: f.message }))
  const columns = error.details?.columns ?? error.details?.relation?.columns
  if (columns && columns.length > 0) return columns.map((column) => ({ rowId, column, message: error.message }))
  return [{ rowId, column: error.field ?? null, message: error.message }]
}
