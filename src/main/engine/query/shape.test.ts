import { describe, expect, it } from 'vitest'
import { mysqlColumn, pgColumn, shapeRow, sqliteCell } from './shape'

describe('console result shaping', () => {
  it('converts rows exactly by the driver’s column type', () => {
    const columns = [pgColumn('id', 20), pgColumn('note', 25)]
    // a big int8 stays text, a small one is a number; text that looks like a number stays text
    expect(shapeRow(['9007199254740993', '42'], columns)).toEqual(['9007199254740993', '42'])
    expect(shapeRow(['5', 'x'], columns)).toEqual([5, 'x'])
  })

  it('reads each dialect’s types with the grid’s codec', () => {
    const row = shapeRow(
      ['12345678901234567890.000000001', Buffer.from([0, 255]), '007', true],
      [mysqlColumn('d', 246), mysqlColumn('b', 252), mysqlColumn('s', 253), pgColumn('f', 16)],
    )
    expect(row).toEqual(['12345678901234567890.000000001', { base64: 'AP8=', bytes: 2, truncated: false }, '007', true])
    expect(pgColumn('x', 99999).column).toEqual({ name: 'x', type: 'oid 99999' })
  })

  it('SQLite: integers come as text with their storage class and keep every digit', () => {
    expect(sqliteCell('9223372036854775807', 'integer')).toBe('9223372036854775807')
    expect(sqliteCell('12', 'integer')).toBe(12)
    expect(sqliteCell('12', 'text')).toBe('12')
    expect(sqliteCell(0.1, 'real')).toBe(0.1)
    expect(sqliteCell(Infinity, 'real')).toBe('Infinity')
    expect(sqliteCell(null, 'null')).toBe(null)
  })
})
