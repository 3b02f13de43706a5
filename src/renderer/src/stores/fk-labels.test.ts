import { answer, callsTo, resetTransport } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Row } from '../../../shared/cells'
import type { ForeignKey } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { labelsId, mergeLabels, missingKeys, useLabelsStore } from './fk-labels'

const author: ForeignKey = {
  name: null,
  table: 'posts',
  columns: ['user_id'],
  referencedTable: 'users',
  referencedColumns: ['id'],
  onDelete: null,
  onUpdate: null,
}
const pair: ForeignKey = { ...author, columns: ['a', 'b'], referencedColumns: ['x', 'y'] }
const rows: Row[] = [{ user_id: 6 }, { user_id: 6 }, { user_id: null }, { user_id: '9007199254740993' }, { user_id: 7 }, {}]
const state = () => useLabelsStore.getState()

beforeEach(() => {
  resetTransport()
  useLabelsStore.setState({ known: {} })
})

describe('foreign-key labels', () => {
  it('asks for each distinct id once, never for NULL, and not again once known (found or not)', () => {
    expect(missingKeys(rows, 'user_id', undefined)).toEqual([6, '9007199254740993', 7])
    const known = mergeLabels(undefined, [6, '9007199254740993', 7], {
      column: 'username',
      labels: [
        { key: 6, label: 'frank' },
        { key: '9007199254740993', label: 'big' },
      ],
    })
    expect(known).toEqual({ column: 'username', byKey: { '6': 'frank', '9007199254740993': 'big', '7': null } })
    expect(missingKeys([...rows, { user_id: 8 }], 'user_id', known)).toEqual([8])
    // A referenced table without a label column is never asked again.
    expect(missingKeys(rows, 'user_id', { column: null, byKey: {} })).toEqual([])
  })

  it('makes one call per page and foreign key, only for one-column keys, and keeps the answer', async () => {
    answer('records.labels', ({ values }) => ({
      table: 'users',
      column: 'username',
      labels: values.map((v) => ({ key: v ?? null, label: `user ${String(v)}` })),
    }))
    await state().load('s1', 'posts', [author, pair], rows)
    expect(callsTo('records.labels')).toEqual([
      { sessionId: 's1', table: 'posts', columns: ['user_id'], values: [6, '9007199254740993', 7] },
    ])
    expect(state().known[labelsId('s1', 'posts', author)]?.byKey['6']).toBe('user 6')
    await state().load('s1', 'posts', [author], rows)
    expect(callsTo('records.labels')).toHaveLength(1)
    state().forget('s1')
    expect(state().known).toEqual({})
  })

  it('a failed call leaves the ids without labels (asked again later)', async () => {
    answer('records.labels', () => {
      throw new AppError({ code: 'QUERY_FAILED', message: 'no' })
    })
    await state().load('s1', 'posts', [author], rows)
    expect(state().known).toEqual({})
  })
})
