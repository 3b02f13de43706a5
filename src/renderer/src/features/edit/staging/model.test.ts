import { describe, expect, it } from 'vitest'
import { countChanges, emptyStaged, rebase, stageCell, stageDelete, stageInsert, toOperations, type SeenRow } from './model'

const row = (id: number, title: string): SeenRow => ({ rowId: JSON.stringify([id]), key: { id }, row: { id, title, content: 'c' } })

describe('staged edits', () => {
  it('remembers what the user saw for each changed column only', () => {
    let staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'b')
    staged = stageCell(staged, { ...row(1, 'a'), row: { id: 1, title: 'a', content: 'c' } }, 'title', 'c')
    const { operations } = toOperations(staged)
    expect(operations).toEqual([{ kind: 'update', table: 'notes', key: { id: 1 }, original: { title: 'a' }, values: { title: 'c' } }])
  })

  it('typing the original back removes the edit', () => {
    let staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'b')
    staged = stageCell(staged, row(1, 'a'), 'title', 'a')
    expect(countChanges(staged)).toBe(0)
    expect(toOperations(staged).operations).toEqual([])
  })

  it('keeps operations in the order they were made', () => {
    let staged = stageCell(emptyStaged('notes'), row(2, 'x'), 'title', 'y')
    const inserted = stageInsert(staged, { title: 'new' })
    staged = stageDelete(inserted.staged, [row(3, 'z')])
    staged = stageCell(staged, row(2, 'x'), 'content', 'd')
    const { operations, rowIds } = toOperations(staged)
    expect(operations.map((o) => o.kind)).toEqual(['update', 'insert', 'delete'])
    expect(rowIds).toEqual(['[2]', inserted.rowId, '[3]'])
    expect(countChanges(staged)).toBe(4)
  })

  it('a delete carries the row as seen and replaces edits; deleting a new row drops it', () => {
    let staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'b')
    staged = stageDelete(staged, [row(1, 'a')])
    expect(toOperations(staged).operations).toEqual([{ kind: 'delete', table: 'notes', key: { id: 1 }, original: { id: 1, title: 'a', content: 'c' } }])
    const inserted = stageInsert(staged)
    staged = stageDelete(inserted.staged, [{ rowId: inserted.rowId, key: {}, row: {} }])
    expect(staged.items[inserted.rowId]).toBeUndefined()
  })

  it('rebase compares against the current row and drops edits that already hold', () => {
    let staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'b')
    staged = stageCell(staged, row(1, 'a'), 'content', 'mine')
    staged = rebase(staged, '[1]', { id: 1, title: 'theirs', content: 'mine' })
    expect(toOperations(staged).operations).toEqual([{ kind: 'update', table: 'notes', key: { id: 1 }, original: { title: 'theirs' }, values: { title: 'b' } }])
  })
})
