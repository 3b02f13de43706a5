import { describe, expect, it } from 'vitest'
import type { TableInfo } from '../../../../shared/contract'
import { emptyStaged, stageCell, stageDelete, stageInsert } from '../edit/staging/model'
import { gridRows, rowOf, rowSpan } from './grid-rows'

const info = { name: 'notes', primaryKey: ['id'] } as TableInfo
const loaded = [
  { id: 1, title: 'a' },
  { id: 2, title: 'b' },
]

describe('grid rows', () => {
  it('puts new rows on top and staged values over the loaded ones', () => {
    let staged = stageCell(emptyStaged('notes'), { rowId: '[1]', key: { id: 1 }, row: loaded[0] }, 'title', 'A')
    staged = stageDelete(staged, [{ rowId: '[2]', key: { id: 2 }, row: loaded[1] }])
    staged = stageInsert(staged, { title: 'new' }).staged
    const rows = gridRows(loaded, staged, info)
    expect(rows.map((r) => [r.status, r.row.title])).toEqual([
      ['new', 'new'],
      ['edited', 'A'],
      ['deleted', 'b'],
    ])
    expect(rows[1]?.seen.title).toBe('a')
    expect([...(rows[1]?.changed ?? [])]).toEqual(['title'])
  })

  it('gives rows of a table without a key positional ids', () => {
    expect(gridRows(loaded, emptyStaged('t'), { ...info, primaryKey: [] }).map((r) => r.rowId)).toEqual(['#0', '#1'])
  })

  it('spans the whole table: new rows on top, the window at its position, nothing elsewhere', () => {
    const staged = stageInsert(emptyStaged('notes'), { title: 'new' }).staged
    const rows = gridRows(
      [
        { id: 501, title: 'x' },
        { id: 502, title: 'y' },
      ],
      staged,
      info,
      500,
    )
    const span = rowSpan(rows, 1, 500, 1_000_000)
    expect(span.length).toBe(1_000_001)
    expect(span.at(0)?.status).toBe('new')
    expect(span.at(1)).toBeUndefined()
    expect(span.at(501)?.row.id).toBe(501)
    expect(span.at(502)?.row.id).toBe(502)
    expect(span.at(503)).toBeUndefined()
    expect(span.indexOf('[502]')).toBe(502)
    expect(span.indexOf(rows[0].rowId)).toBe(0)
    expect(rowOf(span, -1)).toBeUndefined()
    expect(rowOf([rows[0]], -1)).toBeUndefined()
    // Positional ids of a keyless table are positions in the whole selection.
    expect(gridRows(loaded, emptyStaged('t'), { ...info, primaryKey: [] }, 700).map((r) => r.rowId)).toEqual(['#700', '#701'])
  })
})
