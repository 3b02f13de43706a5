import { answer, callsTo, deferred, resetTransport, settle } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ColumnInfo, OperationResult, TableInfo } from '../../../shared/contract'
import type { Row } from '../../../shared/cells'
import { AppError } from '../../../shared/errors'
import { rowIdOf, stageCell, stageDelete, stageInsert, type SeenRow } from '../features/edit/staging/model'
import { EMPTY_QUERY, gridKey, useBrowserStore } from './browser'
import { editableValues, useEditorStore } from './editor'

const column = (name: string, kind: ColumnInfo['kind'] = 'text'): ColumnInfo => ({
  name,
  type: kind,
  kind,
  nullable: true,
  default: null,
  primaryKey: name === 'id',
  unique: false,
  autoIncrement: false,
  maxLength: null,
})
const info: TableInfo = {
  name: 'notes',
  kind: 'table',
  columns: [column('id', 'integer'), column('title'), column('body')],
  primaryKey: ['id'],
  foreignKeys: [],
  referencedBy: [],
  indexes: [],
  model: null,
}
const loaded: Row[] = [
  { id: 1, title: 'one', body: 'a' },
  { id: 2, title: 'two', body: 'b' },
  { id: 3, title: 'three', body: 'c' },
]
const seen = (row: Row): SeenRow => ({ rowId: rowIdOf(['id'], row), key: { id: row.id ?? null }, row })
const [one, two, three] = loaded.map(seen) as [SeenRow, SeenRow, SeenRow]

const editor = () => useEditorStore.getState()
const gridRows = () => useBrowserStore.getState().grid?.rows
/** Stages a change the way the grid does: from the store's current staged state. */
const stage = (change: (staged: ReturnType<typeof editor>['staged']) => ReturnType<typeof editor>['staged']) =>
  editor().apply(change(editor().staged))
const edit = (target: SeenRow, col: string, value: string) => stage((s) => stageCell(s, target, col, value))

beforeEach(() => {
  resetTransport()
  answer('records.count', () => ({ value: 3, exact: true }))
  answer('schema.tables', () => [])
  useBrowserStore.setState({
    grid: {
      key: gridKey('s', 'notes'),
      sessionId: 's',
      table: 'notes',
      query: EMPTY_QUERY,
      start: 0,
      rows: loaded,
      nextCursor: null,
      atEnd: true,
      loading: false,
      loaded: true,
      error: null,
      total: null,
      counting: false,
    },
  })
  editor().reset('s', 'notes')
})

describe('editor store: staging and undo', () => {
  it('stages edits and undoes them one at a time', () => {
    edit(one, 'title', 'ONE')
    edit(one, 'body', 'A')
    expect(editor().staged.items[one.rowId]).toMatchObject({
      kind: 'update',
      values: { title: 'ONE', body: 'A' },
      original: { title: 'one', body: 'a' },
    })
    editor().undo()
    expect(editor().staged.items[one.rowId]).toMatchObject({ values: { title: 'ONE' } })
    editor().undo()
    expect(editor().staged.items).toEqual({})
    // Nothing more to undo.
    editor().undo()
    expect(editor().staged.items).toEqual({})
  })

  it('redoes what undo took away, one step at a time, until a new change starts another line', () => {
    edit(one, 'title', 'ONE')
    edit(one, 'body', 'A')
    const both = editor().staged
    editor().undo()
    editor().undo()
    editor().redo()
    expect(editor().staged.items[one.rowId]).toMatchObject({ values: { title: 'ONE' } })
    editor().redo()
    expect(editor().staged).toBe(both)
    // Nothing more to redo.
    editor().redo()
    expect(editor().staged).toBe(both)
    editor().undo()
    edit(two, 'title', 'TWO')
    editor().redo()
    expect(editor().staged.items[one.rowId]).toMatchObject({ values: { title: 'ONE' } })
    expect(editor().staged.items[one.rowId]).not.toMatchObject({ values: { body: 'A' } })
    expect(editor().future).toEqual([])
  })

  it('does not record a change that changes nothing', () => {
    edit(one, 'title', 'ONE')
    const past = editor().past
    editor().apply(editor().staged)
    expect(editor().past).toBe(past)
  })

  it('inserts, duplicates (without binary cells) and deletes', () => {
    stage((s) => stageInsert(s, { title: 'new' }).staged)
    const picture = { id: 4, title: 'pic', body: null, image: { base64: 'AA==', bytes: 1, truncated: false } }
    expect(editableValues(picture)).toEqual({ id: 4, title: 'pic', body: null })
    stage((s) => stageInsert(s, editableValues(picture)).staged)
    stage((s) => stageDelete(s, [two]))
    expect(Object.values(editor().staged.items).map((item) => item.kind)).toEqual(['insert', 'insert', 'delete'])
  })

  it('discard can be undone, unless the rows are about to change under it', () => {
    edit(one, 'title', 'ONE')
    stage((s) => stageDelete(s, [two]))
    const before = editor().staged
    editor().discard()
    expect(editor().staged.items).toEqual({})
    editor().undo()
    expect(editor().staged).toBe(before)

    editor().discard(false)
    expect(editor().staged.items).toEqual({})
    expect(editor().past).toEqual([])
  })

  it('keeps at most 200 steps of history', () => {
    for (let i = 0; i < 250; i++) edit(one, 'title', `t${i}`)
    expect(editor().past).toHaveLength(200)
  })
})

describe('editor store: commit', () => {
  it('sends the staged changes as one batch in the order they were made and shows what the database holds', async () => {
    edit(one, 'title', 'ONE')
    stage((s) => stageDelete(s, [two]))
    stage((s) => stageInsert(s, { title: 'new' }).staged)
    const results: OperationResult[] = [
      { kind: 'update', row: { id: 1, title: 'ONE', body: 'a' } },
      { kind: 'delete', deleted: 1 },
      { kind: 'insert', row: { id: 4, title: 'new', body: null } },
    ]
    answer('records.batch', () => results)
    expect(await editor().commit('s', info)).toBe(true)

    expect(callsTo('records.batch')[0]?.operations.map((o) => o.kind)).toEqual(['update', 'delete', 'insert'])
    expect(gridRows()).toEqual([{ id: 4, title: 'new', body: null }, { id: 1, title: 'ONE', body: 'a' }, loaded[2]])
    expect(editor()).toMatchObject({ staged: { table: 'notes', items: {} }, past: [], committing: false, committed: { count: 3 } })
    await settle()
    // The counts are out of date: the grid's and the table list's.
    expect(callsTo('records.count').length).toBeGreaterThan(0)
    expect(callsTo('schema.tables')).toEqual([{ sessionId: 's' }])
  })

  it('with nothing staged there is nothing to send; a second commit while one runs is refused', async () => {
    expect(await editor().commit('s', info)).toBe(true)
    expect(callsTo('records.batch')).toEqual([])

    edit(one, 'title', 'ONE')
    const answerLater = deferred<OperationResult[]>()
    answer('records.batch', () => answerLater.promise)
    const first = editor().commit('s', info)
    expect(editor().committing).toBe(true)
    expect(await editor().commit('s', info)).toBe(false)
    answerLater.resolve([{ kind: 'update', row: { id: 1, title: 'ONE', body: 'a' } }])
    expect(await first).toBe(true)
    expect(callsTo('records.batch')).toHaveLength(1)
  })

  it('keeps what was staged while the commit was on its way', async () => {
    edit(one, 'title', 'ONE')
    stage((s) => stageInsert(s, { title: 'new' }).staged)
    const answerLater = deferred<OperationResult[]>()
    answer('records.batch', () => answerLater.promise)
    const commit = editor().commit('s', info)
    // Meanwhile: another row, the row being written, and the new row being created.
    edit(two, 'title', 'TWO')
    edit(one, 'body', 'A')
    const newRowId = Object.keys(editor().staged.items).find((id) => id.startsWith('new:'))!
    stage((s) => stageCell(s, { rowId: newRowId, key: {}, row: {} }, 'body', 'written meanwhile'))
    answerLater.resolve([
      { kind: 'update', row: { id: 1, title: 'ONE', body: 'a' } },
      { kind: 'insert', row: { id: 4, title: 'new', body: null } },
    ])
    expect(await commit).toBe(true)

    const items = editor().staged.items
    expect(Object.keys(items).sort()).toEqual(['[1]', '[2]', '[4]'])
    expect(items['[2]']).toMatchObject({ kind: 'update', values: { title: 'TWO' }, original: { title: 'two' } })
    // Compared with the row as the commit left it: the title is written, the body is still to do.
    expect(items['[1]']).toMatchObject({ kind: 'update', values: { body: 'A' }, original: { body: 'a' } })
    // The new row exists now: what was typed into it meanwhile is an edit of that row, not a second insert.
    expect(items['[4]']).toMatchObject({ kind: 'update', key: { id: 4 }, values: { body: 'written meanwhile' }, original: { body: null } })
  })

  it('points a refused value at its row and cell (real columns only), focuses it, and keeps the edits', async () => {
    edit(one, 'title', 'ONE')
    edit(two, 'title', '')
    answer('records.batch', () => {
      throw new AppError({
        code: 'VALIDATION',
        message: 'Invalid',
        details: {
          operationIndex: 1,
          fields: [
            { field: 'title', message: 'Title is required.' },
            { field: 'not_a_column', message: 'Something else.' },
          ],
        },
      })
    })
    expect(await editor().commit('s', info)).toBe(false)
    expect(editor().cellErrors).toEqual([
      { rowId: two.rowId, column: 'title', message: 'Title is required.' },
      { rowId: two.rowId, column: null, message: 'Something else.' },
    ])
    expect(editor().focus).toMatchObject({ rowId: two.rowId, column: 'title', edit: false })
    expect(editor().commitError).toMatchObject({ code: 'VALIDATION' })
    expect(Object.keys(editor().staged.items)).toHaveLength(2)

    // Editing that row again clears its marks.
    edit(two, 'title', 'Two')
    expect(editor().cellErrors).toEqual([])
  })

  it('points a unique clash at its columns', async () => {
    edit(one, 'title', 'two')
    answer('records.batch', () => {
      throw new AppError({ code: 'UNIQUE_VIOLATION', message: 'Already taken.', details: { operationIndex: 0, columns: ['title'] } })
    })
    await editor().commit('s', info)
    expect(editor().cellErrors).toEqual([{ rowId: one.rowId, column: 'title', message: 'Already taken.' }])
  })

  it('an error without a row keeps only the message', async () => {
    edit(one, 'title', 'ONE')
    answer('records.batch', () => {
      throw new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    })
    expect(await editor().commit('s', info)).toBe(false)
    expect(editor()).toMatchObject({ cellErrors: [], committing: false, commitError: { code: 'CONNECTION_LOST' } })
  })
})

describe('editor store: conflicts', () => {
  const conflict = (current: Row | null) => {
    answer('records.batch', () => {
      throw new AppError({ code: 'CONFLICT', message: 'Changed meanwhile.', details: { operationIndex: 0, current } })
    })
  }

  it('a changed row: the conflict holds their row and my change, and the edits stay staged', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'a' })
    expect(await editor().commit('s', info)).toBe(false)
    expect(editor().conflict).toMatchObject({
      rowId: one.rowId,
      item: { kind: 'update', values: { title: 'mine' } },
      theirs: { title: 'theirs' },
    })
    expect(editor().staged.items[one.rowId]).toBeDefined()
  })

  it('the conflict keeps the whole row as I saw it, so a change to another column can be shown', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'z' })
    await editor().commit('s', info)
    expect(editor().conflict?.seen).toEqual({ id: 1, title: 'one', body: 'a' })
  })

  it('keep mine: writes my value over their row at once, compared with their row', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'z' })
    await editor().commit('s', info)
    answer('records.batch', (): OperationResult[] => [{ kind: 'update', row: { id: 1, title: 'mine', body: 'z' } }])
    expect(await editor().keepMine('s', info)).toBe(true)
    expect(editor().conflict).toBeNull()
    expect(callsTo('records.batch').at(-1)?.operations).toEqual([
      { kind: 'update', table: 'notes', key: { id: 1 }, original: { title: 'theirs' }, values: { title: 'mine' } },
    ])
    expect(editor().staged.items).toEqual({})
    expect(gridRows()?.[0]).toEqual({ id: 1, title: 'mine', body: 'z' })
  })

  it('keep mine when their row changed again: a new conflict, my edit still staged against their row', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'z' })
    await editor().commit('s', info)
    conflict({ id: 1, title: 'theirs again', body: 'z' })
    expect(await editor().keepMine('s', info)).toBe(false)
    expect(editor().conflict).toMatchObject({ theirs: { title: 'theirs again' } })
    expect(editor().staged.items[one.rowId]).toMatchObject({ values: { title: 'mine' }, original: { title: 'theirs' } })
  })

  it('take theirs: my change goes, their row shows', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'a' })
    await editor().commit('s', info)
    editor().takeTheirs()
    expect(editor().staged.items).toEqual({})
    expect(gridRows()?.[0]?.title).toBe('theirs')
  })

  it('edit again: their row shows and the cell opens for editing', async () => {
    edit(one, 'title', 'mine')
    conflict({ id: 1, title: 'theirs', body: 'a' })
    await editor().commit('s', info)
    editor().reedit()
    expect(editor().focus).toMatchObject({ rowId: one.rowId, column: 'title', edit: true })
  })

  it('a row deleted meanwhile: keep mine creates it again at once, with my values on what I saw', async () => {
    edit(three, 'title', 'mine')
    conflict(null)
    await editor().commit('s', info)
    answer('records.batch', (): OperationResult[] => [{ kind: 'insert', row: { id: 3, title: 'mine', body: 'c' } }])
    expect(await editor().keepMine('s', info)).toBe(true)
    expect(callsTo('records.batch').at(-1)?.operations).toEqual([
      expect.objectContaining({ kind: 'insert', values: { id: 3, title: 'mine', body: 'c' } }),
    ])
    expect(editor().staged.items).toEqual({})
    expect(
      gridRows()
        ?.map((row) => row.id)
        .sort(),
    ).toEqual([1, 2, 3])
  })

  it('a row deleted meanwhile: take theirs drops my change and the row', async () => {
    edit(three, 'title', 'mine')
    conflict(null)
    await editor().commit('s', info)
    editor().takeTheirs()
    expect(editor().staged.items).toEqual({})
    expect(gridRows()?.map((row) => row.id)).toEqual([1, 2])
  })
})
