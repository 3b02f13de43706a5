import { describe, expect, it } from 'vitest'
import {
  countChanges,
  emptyStaged,
  keyOf,
  rebase,
  resolveConflict,
  rowIdOf,
  stageCell,
  stageDelete,
  stageInsert,
  toOperations,
  type Conflict,
  type SeenRow,
} from './model'

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
    expect(toOperations(staged).operations).toEqual([
      { kind: 'delete', table: 'notes', key: { id: 1 }, original: { id: 1, title: 'a', content: 'c' } },
    ])
    const inserted = stageInsert(staged)
    staged = stageDelete(inserted.staged, [{ rowId: inserted.rowId, key: {}, row: {} }])
    expect(staged.items[inserted.rowId]).toBeUndefined()
  })

  it('rebase compares against the current row and drops edits that already hold', () => {
    let staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'b')
    staged = stageCell(staged, row(1, 'a'), 'content', 'mine')
    staged = rebase(staged, '[1]', { id: 1, title: 'theirs', content: 'mine' })
    expect(toOperations(staged).operations).toEqual([
      { kind: 'update', table: 'notes', key: { id: 1 }, original: { title: 'theirs' }, values: { title: 'b' } },
    ])
  })
})

describe('columns named like Object.prototype members', () => {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']
  // As the API hands rows over (JSON.parse or structured clone): every column an own property.
  const seen: SeenRow = {
    rowId: '[1]',
    key: { id: 1 },
    row: JSON.parse(JSON.stringify(Object.fromEntries([['id', 1], ...NAMES.map((name) => [name, `old ${name}`])]))) as SeenRow['row'],
  }
  const own = (record: object) => Object.keys(record).map((name) => [name, Object.getOwnPropertyDescriptor(record, name)?.value])

  it('stages an edit of each as a change of that column, with what the user saw', () => {
    let staged = emptyStaged('t')
    for (const name of NAMES) staged = stageCell(staged, seen, name, `new ${name}`)
    const [operation] = toOperations(staged).operations
    if (operation?.kind !== 'update') throw new Error('expected an update')
    expect(own(operation.values)).toEqual(NAMES.map((name) => [name, `new ${name}`]))
    expect(own(operation.original)).toEqual(NAMES.map((name) => [name, `old ${name}`]))
    expect(Object.getPrototypeOf(operation.values)).toBe(Object.prototype)
    // And survives the trip to the engine.
    expect(own(JSON.parse(JSON.stringify(operation.values)) as object)).toEqual(own(operation.values))
  })

  it('typing the original back removes the edit', () => {
    let staged = stageCell(emptyStaged('t'), seen, '__proto__', 'x')
    staged = stageCell(staged, seen, '__proto__', 'old __proto__')
    staged = stageCell(staged, seen, 'constructor', 'old constructor')
    expect(countChanges(staged)).toBe(0)
  })

  it('rebases onto their row by those columns', () => {
    const staged = stageCell(stageCell(emptyStaged('t'), seen, '__proto__', 'mine'), seen, 'valueOf', 'mine too')
    const theirs = JSON.parse('{"id": 1, "__proto__": "theirs", "valueOf": "mine too"}') as SeenRow['row']
    const [operation] = toOperations(rebase(staged, '[1]', theirs)).operations
    if (operation?.kind !== 'update') throw new Error('expected an update')
    expect(own(operation.values)).toEqual([['__proto__', 'mine']])
    expect(own(operation.original)).toEqual([['__proto__', 'theirs']])
  })

  it('reads a key column called constructor, never Object', () => {
    const key = JSON.parse('{"constructor": 7}') as SeenRow['row']
    expect(rowIdOf(['constructor'], key)).toBe('[7]')
    expect(own(keyOf(['constructor'], {}))).toEqual([['constructor', null]])
  })
})

describe('a duplicated row with binary values', () => {
  it('asks the database to copy them from the source row, and keeps that through later edits', () => {
    const copyFrom = { key: { id: 7 }, columns: ['photo'] }
    const inserted = stageInsert(emptyStaged('notes'), { title: 'copy' }, copyFrom)
    const edited = stageCell(inserted.staged, { rowId: inserted.rowId, key: {}, row: {} }, 'title', 'copy 2')
    expect(toOperations(edited).operations).toEqual([{ kind: 'insert', table: 'notes', values: { title: 'copy 2' }, copyFrom }])
    expect(toOperations(stageInsert(emptyStaged('notes'), { title: 'plain' }).staged).operations[0]).not.toHaveProperty('copyFrom')
  })
})

describe('resolving a conflict (the grid and the console share this)', () => {
  const staged = stageCell(emptyStaged('notes'), row(1, 'a'), 'title', 'mine')
  const conflictOf = (theirs: Conflict['theirs'], seen: Conflict['seen'] = row(1, 'a').row): Conflict => ({
    rowId: '[1]',
    item: staged.items['[1]'],
    theirs,
    seen,
  })
  const theirs = { id: 1, title: 'theirs', content: 'c2' }

  it('keep mine and re-edit compare the edit with their row now; take theirs drops it', () => {
    const expected = [{ kind: 'update', table: 'notes', key: { id: 1 }, original: { title: 'theirs' }, values: { title: 'mine' } }]
    expect(toOperations(resolveConflict(staged, conflictOf(theirs), 'keepMine')).operations).toEqual(expected)
    expect(toOperations(resolveConflict(staged, conflictOf(theirs), 'reedit')).operations).toEqual(expected)
    expect(countChanges(resolveConflict(staged, conflictOf(theirs), 'takeTheirs'))).toBe(0)
  })

  it('on a row deleted meanwhile, keep mine re-creates it as seen with the edit on top; the others drop the edit', () => {
    const [insert] = toOperations(resolveConflict(staged, conflictOf(null), 'keepMine')).operations
    expect(insert).toEqual({ kind: 'insert', table: 'notes', values: { id: 1, title: 'mine', content: 'c' } })
    expect(countChanges(resolveConflict(staged, conflictOf(null), 'reedit'))).toBe(0)
    expect(countChanges(resolveConflict(staged, conflictOf(null), 'takeTheirs'))).toBe(0)
    expect(countChanges(resolveConflict(staged, conflictOf(null, null), 'keepMine'))).toBe(0)
  })
})
