import { describe, expect, it } from 'vitest'
import { cellInputSchema, cellOf, floatRounding, isSinglePrecisionType, rowSchema, setCell } from './values'

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

describe('floatRounding: the warning before a float column rounds what was typed', () => {
  it('names the digits a double or single-precision column will hold, or null when kept exactly', () => {
    expect(floatRounding('3.14159265358979323846', false)).toBe('3.141592653589793')
    expect(floatRounding('99999999999999999999.123456', false)).toBe('100000000000000000000')
    expect(floatRounding('0.1', false)).toBeNull()
    expect(floatRounding('+1.50', false)).toBeNull()
    expect(floatRounding('0.1', true)).toBeNull()
    expect(floatRounding('1000.0020141601562', true)).toBe('1000.002')
    expect(floatRounding('16777217', true)).toBe('16777216')
    expect(floatRounding('abc', true)).toBeNull()
  })

  it('single precision by the type names MySQL and PostgreSQL give', () => {
    expect(isSinglePrecisionType('float')).toBe(true)
    expect(isSinglePrecisionType('float unsigned')).toBe(true)
    expect(isSinglePrecisionType('real')).toBe(true)
    expect(isSinglePrecisionType('double precision')).toBe(false)
    expect(isSinglePrecisionType('REAL')).toBe(false)
  })
})

describe('cellInputSchema', () => {
  it('refuses a binary cell read cut short, and accepts one read whole', () => {
    expect(cellInputSchema.safeParse({ base64: 'AAE=', bytes: 100_000, truncated: true }).success).toBe(false)
    expect(cellInputSchema.parse({ base64: 'AAE=', bytes: 2, truncated: false })).toEqual({ base64: 'AAE=' })
    expect(cellInputSchema.parse({ base64: 'AAE=' })).toEqual({ base64: 'AAE=' })
  })
})
