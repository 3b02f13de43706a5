import { describe, expect, it } from 'vitest'
import { cleanOrder, moveColumn, orderColumns } from './column-order'

const columns = ['id', 'username', 'email', 'bio'].map((name) => ({ name }))
const names = (list: Array<{ name: string }>) => list.map((c) => c.name)

describe('column order', () => {
  it('shows the named columns in their order, then the others in table order; gone names are ignored', () => {
    expect(names(orderColumns(columns, []))).toEqual(['id', 'username', 'email', 'bio'])
    expect(names(orderColumns(columns, ['email', 'gone', 'id']))).toEqual(['email', 'id', 'username', 'bio'])
  })

  it('moves a column to a position, clamped to the ends', () => {
    const shown = ['id', 'username', 'email', 'bio']
    expect(moveColumn(shown, 'email', 0)).toEqual(['email', 'id', 'username', 'bio'])
    expect(moveColumn(shown, 'id', 2)).toEqual(['username', 'email', 'id', 'bio'])
    expect(moveColumn(shown, 'id', 99)).toEqual(['username', 'email', 'bio', 'id'])
    expect(moveColumn(shown, 'bio', -1)).toEqual(['bio', 'id', 'username', 'email'])
    expect(moveColumn(shown, 'nope', 0)).toEqual(shown)
  })

  it('keeps only distinct names from storage', () => {
    expect(cleanOrder(['a', 3, 'b', 'a', null])).toEqual(['a', 'b'])
    expect(cleanOrder({ a: 1 })).toEqual([])
    expect(cleanOrder('a')).toEqual([])
  })
})
