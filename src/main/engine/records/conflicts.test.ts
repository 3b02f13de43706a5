import { describe, expect, it } from 'vitest'
import { assertUnchanged, cellsEqual, changedColumns } from './conflicts'

describe('cellsEqual', () => {
  it('compares scalars exactly as displayed', () => {
    expect(cellsEqual(0.1, 0.1)).toBe(true)
    expect(cellsEqual('0.1', 0.1)).toBe(false)
    expect(cellsEqual('2024-02-29 13:45:10.123456', '2024-02-29 13:45:10.123457')).toBe(false)
    expect(cellsEqual(null, null)).toBe(true)
    expect(cellsEqual(null, '')).toBe(false)
  })

  it('compares binary by content, size and truncation', () => {
    const a = { base64: 'AAE=', bytes: 2, truncated: false }
    expect(cellsEqual(a, { ...a })).toBe(true)
    expect(cellsEqual(a, { ...a, base64: 'AAI=' })).toBe(false)
    expect(cellsEqual(a, { ...a, bytes: 3 })).toBe(false)
    expect(cellsEqual(a, 'AAE=')).toBe(false)
  })
})

describe('conflicts', () => {
  it('lists the columns that changed since the user saw them', () => {
    expect(changedColumns({ a: 1, b: 'x' }, { a: 1, b: 'y', c: 3 })).toEqual(['b'])
    expect(changedColumns({ gone: 1 }, { a: 1 })).toEqual(['gone'])
  })

  it('throws CONFLICT with the current row, or null when it vanished', () => {
    expect(() => assertUnchanged('users', { a: 1 }, { a: 1, b: 2 })).not.toThrow()
    expect(() => assertUnchanged('users', { a: 1 }, { a: 2 })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { current: { a: 2 } } }),
    )
    expect(() => assertUnchanged('users', { a: 1 }, null)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { current: null } }),
    )
  })
})
