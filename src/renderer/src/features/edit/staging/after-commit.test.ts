import { describe, expect, it } from 'vitest'
import type { OperationResult } from '../../../../../shared/contract'
import { stagedAfterCommit } from './after-commit'
import { emptyStaged, stageCell, stageDelete, stageInsert, toOperations, type SeenRow } from './model'

const one: SeenRow = { rowId: '[1]', key: { id: 1 }, row: { id: 1, title: 'one' } }
const two: SeenRow = { rowId: '[2]', key: { id: 2 }, row: { id: 2, title: 'two' } }

describe('what stays staged after a commit', () => {
  it('nothing, when nothing changed while it ran', () => {
    const sent = stageDelete(stageCell(emptyStaged('t'), one, 'title', 'ONE'), [two])
    const { rowIds } = toOperations(sent)
    const results: OperationResult[] = [
      { kind: 'update', row: { id: 1, title: 'ONE' } },
      { kind: 'delete', deleted: 1 },
    ]
    expect(stagedAfterCommit(sent, sent, rowIds, results, ['id']).items).toEqual({})
  })

  it('an edit made meanwhile that the commit already wrote is no change any more', () => {
    const sent = stageCell(emptyStaged('t'), one, 'title', 'ONE')
    const { rowIds } = toOperations(sent)
    // Typed again meanwhile: the same value, over a column the commit writes.
    const now = stageCell(sent, one, 'title', 'ONE!')
    const after = stageCell(now, one, 'title', 'ONE')
    expect(stagedAfterCommit(sent, after, rowIds, [{ kind: 'update', row: { id: 1, title: 'ONE' } }], ['id']).items).toEqual({})
  })

  it('a row deleted meanwhile is deleted against the row the commit left', () => {
    const sent = stageCell(emptyStaged('t'), one, 'title', 'ONE')
    const { rowIds } = toOperations(sent)
    const now = stageDelete(sent, [one])
    const after = stagedAfterCommit(sent, now, rowIds, [{ kind: 'update', row: { id: 1, title: 'ONE' } }], ['id'])
    expect(after.items['[1]']).toMatchObject({ kind: 'delete', original: { id: 1, title: 'ONE' } })
  })

  it('a new row added meanwhile stays new', () => {
    const sent = stageCell(emptyStaged('t'), one, 'title', 'ONE')
    const { rowIds } = toOperations(sent)
    const { staged: now, rowId } = stageInsert(sent, { title: 'later' })
    const after = stagedAfterCommit(sent, now, rowIds, [{ kind: 'update', row: { id: 1, title: 'ONE' } }], ['id'])
    expect(Object.values(after.items)).toEqual([expect.objectContaining({ kind: 'insert', rowId, values: { title: 'later' } })])
    expect(after.nextSeq).toBe(now.nextSeq)
  })
})
