import { describe, expect, it } from 'vitest'
import { resultKeyAction, type ResultKeyState } from './result-keys'
import { press } from '../browse/grid-test-rows'

const at = (row: number, col: number) => ({ row, col })
const state = (over: Partial<ResultKeyState> = {}): ResultKeyState => ({
  active: at(0, 1),
  rows: 50,
  columns: 3,
  pageRows: 10,
  editable: true,
  canEdit: true,
  ...over,
})

describe('resultKeyAction', () => {
  it('moves like the table grid, kept inside the rows and columns (never the row number)', () => {
    expect(resultKeyAction(press('ArrowDown'), state())).toEqual({ kind: 'move', to: at(1, 1) })
    expect(resultKeyAction(press('ArrowUp'), state())).toEqual({ kind: 'move', to: at(0, 1) })
    expect(resultKeyAction(press('ArrowLeft'), state())).toEqual({ kind: 'move', to: at(0, 1) })
    expect(resultKeyAction(press('ArrowRight'), state({ active: at(4, 3) }))).toEqual({ kind: 'move', to: at(4, 3) })
    expect(resultKeyAction(press('PageDown'), state({ active: at(45, 2) }))).toEqual({ kind: 'move', to: at(49, 2) })
    expect(resultKeyAction(press('PageUp'), state({ active: at(15, 2) }))).toEqual({ kind: 'move', to: at(5, 2) })
    expect(resultKeyAction(press('End'), state({ active: at(7, 1) }))).toEqual({ kind: 'move', to: at(7, 3) })
    expect(resultKeyAction(press('End', { ctrlKey: true }), state())).toEqual({ kind: 'move', to: at(49, 3) })
    expect(resultKeyAction(press('Home', { metaKey: true }), state({ active: at(9, 3) }))).toEqual({ kind: 'move', to: at(0, 1) })
  })

  it('edits, deletes, undoes and commits only an editable result', () => {
    expect(resultKeyAction(press('Enter'), state())).toEqual({ kind: 'edit' })
    expect(resultKeyAction(press('F2'), state())).toEqual({ kind: 'edit' })
    expect(resultKeyAction(press('Enter'), state({ canEdit: false }))).toEqual({ kind: 'none' })
    expect(resultKeyAction(press('Delete'), state())).toEqual({ kind: 'delete' })
    expect(resultKeyAction(press('z', { ctrlKey: true }), state())).toEqual({ kind: 'undo' })
    expect(resultKeyAction(press('S', { metaKey: true }), state())).toEqual({ kind: 'commit' })
    const readOnly = state({ editable: false, canEdit: false })
    expect(resultKeyAction(press('Enter'), readOnly)).toEqual({ kind: 'none' })
    expect(resultKeyAction(press('Delete'), readOnly)).toEqual({ kind: 'none' })
    expect(resultKeyAction(press('s', { ctrlKey: true }), readOnly)).toBeNull()
    expect(resultKeyAction(press('z', { ctrlKey: true }), readOnly)).toBeNull()
  })

  it('Shift+Space selects the active row, on any result with rows', () => {
    expect(resultKeyAction(press(' ', { shiftKey: true }), state({ editable: false, canEdit: false }))).toEqual({ kind: 'select' })
    expect(resultKeyAction(press(' ', { shiftKey: true }), state({ rows: 0 }))).toBeNull()
    expect(resultKeyAction(press(' '), state())).toBeNull()
  })

  it('leaves other keys to the browser: Tab, copy, Shift or Alt with arrows, keys on an empty result', () => {
    expect(resultKeyAction(press('Tab'), state())).toBeNull()
    expect(resultKeyAction(press('c', { ctrlKey: true }), state())).toBeNull()
    expect(resultKeyAction(press('ArrowLeft', { altKey: true }), state())).toBeNull()
    expect(resultKeyAction(press('ArrowDown', { shiftKey: true }), state())).toBeNull()
    expect(resultKeyAction(press('Delete'), state({ rows: 0 }))).toBeNull()
  })
})
