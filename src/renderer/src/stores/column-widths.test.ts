import { describe, expect, it } from 'vitest'
import { cleanWidths } from './column-widths'

describe('remembered column widths', () => {
  it('keeps finite numbers, clamped; drops anything else', () => {
    expect(cleanWidths({ id: 80, name: 10, bio: 99_999, x: 'wide', y: null, z: Number.NaN })).toEqual({ id: 80, name: 56, bio: 1200 })
    expect(cleanWidths(null)).toEqual({})
    expect(cleanWidths([1, 2])).toEqual({})
  })

  it('a column named __proto__ is a width like any other', () => {
    const widths = cleanWidths(JSON.parse('{"__proto__": 140, "constructor": 90}'))
    expect(Object.hasOwn(widths, '__proto__')).toBe(true)
    expect(widths['__proto__' as keyof typeof widths]).toBe(140)
    expect(Object.getPrototypeOf(widths)).toBe(Object.prototype)
  })
})
