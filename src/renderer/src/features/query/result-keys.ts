import type { CellPos } from '../browse/DataGrid'
import { stepTarget, type KeyPress } from '../browse/grid-keys'

/**
 * What a key pressed on a console result grid does, as a plain function (tested without a DOM).
 * It moves like the table grid (grid-keys' stepTarget); on an editable result Enter/F2 edits,
 * Delete stages the row's (or the selected rows') deletion, Ctrl/Cmd+Z undoes and Ctrl/Cmd+S commits. A read-only result
 * answers only the moves. Columns count from 1 as in the table grid (0 is the row number, never active).
 */
export interface ResultKeyState {
  active: CellPos
  rows: number
  columns: number
  pageRows: number
  editable: boolean
  /** Whether the active cell can be edited (its column is a table column, its row not staged for deletion). */
  canEdit: boolean
}

export type ResultKeyAction =
  | { kind: 'move'; to: CellPos }
  | { kind: 'edit' }
  /** Shift+Space: the active row joins the selection, or leaves it (Delete and Ctrl/Cmd+C then take the selected rows). */
  | { kind: 'select' }
  | { kind: 'delete' }
  | { kind: 'undo' }
  | { kind: 'commit' }
  /** The key is the grid's, but it does nothing here (Enter on a read-only result). */
  | { kind: 'none' }

/** The active cell kept inside the rows and columns (an empty result keeps row 0). */
export function clampResultCell(state: Pick<ResultKeyState, 'rows' | 'columns'>, at: CellPos): CellPos {
  return { row: Math.max(0, Math.min(state.rows - 1, at.row)), col: Math.max(1, Math.min(state.columns, at.col)) }
}

/** The action for a key, or null when the key is not the grid's (the browser keeps it: Tab, Ctrl+C's copy event). */
export function resultKeyAction(press: KeyPress, state: ResultKeyState): ResultKeyAction | null {
  const mod = press.ctrlKey || press.metaKey
  if (mod && !press.altKey && !press.shiftKey) {
    const key = press.key.toLowerCase()
    if (key === 's') return state.editable ? { kind: 'commit' } : null
    if (key === 'z') return state.editable ? { kind: 'undo' } : null
  }
  if (press.key === ' ' && press.shiftKey && !mod && !press.altKey) return state.rows > 0 ? { kind: 'select' } : null
  if (press.altKey || press.shiftKey) return null
  const step = stepTarget(press, state.active, state)
  if (step) return { kind: 'move', to: clampResultCell(state, step) }
  if (mod || state.rows === 0) return null
  switch (press.key) {
    case 'Enter':
    case 'F2':
      return state.editable && state.canEdit ? { kind: 'edit' } : { kind: 'none' }
    case 'Delete':
      return state.editable ? { kind: 'delete' } : { kind: 'none' }
  }
  return null
}
