import { describe, expect, it } from 'vitest'
import { cellOf, rowSchema, setCell } from './values'

/** Column names that are also names of Object.prototype members (design.md §4). */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']

describe('rowSchema', () => {
  it('keeps every column, __proto__ included, as own properties', () => {
    const wire = JSON.parse(JSON.stringify(Object.fromEntries(NAMES.map((name, i) => [name, `v${i}`])))) as unknown
    const row = rowSchema.parse(wire)
    expect(Object.keys(row)).toEqual(NAMES)
    NAMES.forEach((name, i) => {
      expect(Object.hasOwn(row, name)).toBe(true)
      expect(row[name]).toBe(`v${i}`)
    })
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
  })

  it('checks each value, naming the column', () => {
    const result = rowSchema.safeParse(JSON.parse('{"__proto__": {"nope": 1}, "id": 1}'))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['__proto__'])
  })

  it('refuses what is not an object', () => {
    expect(rowSchema.safeParse([1]).success).toBe(false)
    expect(rowSchema.safeParse(null).success).toBe(false)
  })
})

describe('cellOf and setCell', () => {
  it('read only own properties and write __proto__ as a column', () => {
    const row: Record<string, string> = {}
    for (const name of NAMES) expect(cellOf(row, name)).toBeUndefined()
    setCell(row, '__proto__', 'p')
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(cellOf(row, '__proto__')).toBe('p')
    expect(JSON.parse(JSON.stringify(row))).toEqual(JSON.parse('{"__proto__":"p"}'))
  })
})
