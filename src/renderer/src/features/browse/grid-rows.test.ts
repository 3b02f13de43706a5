import { describe, expect, it } from 'vitest'
import type { TableInfo } from '../../../../shared/contract'
import { emptyStaged, stageCell, stageDelete, stageInsert } from '../edit/staging/model'
import { gridRows } from './grid-rows'

const info = { name: 'notes', primaryKey: ['id'] } as TableInfo
const loaded = [
  { id: 1, title: 'a' },
  { id: 2, title: 'b' },
]

describe('grid rows', () => {
  it('puts new rows on top and staged values over the loaded ones', () => {
    let staged = stageCell(emptyStaged('notes'), { rowId: '[1]', key: { id: 1 }, row: loaded[0]! }, 'title', 'A')
    staged = stageDelete(staged, [{ rowId: '[2]', key: { id: 2 }, row: loaded[1]! }])
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
})
