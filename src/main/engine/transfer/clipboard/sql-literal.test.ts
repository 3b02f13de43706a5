import { describe, expect, it } from 'vitest'
import { binaryLiteral, sqlLiteral, stringLiteral } from './sql-literal'
import { column } from '../test-columns'

describe('SQL literals for copied rows', () => {
  it('doubles quotes everywhere and backslashes only for MySQL', () => {
    expect(stringLiteral("it's a\\b", 'postgres')).toBe("'it''s a\\b'")
    expect(stringLiteral("it's a\\b", 'sqlite')).toBe("'it''s a\\b'")
    expect(stringLiteral("it's a\\b", 'mysql')).toBe("'it''s a\\\\b'")
  })

  it('writes binary as hex in each dialect', () => {
    expect(binaryLiteral(Buffer.from([0, 255]), 'postgres')).toBe("'\\x00ff'::bytea")
    expect(binaryLiteral(Buffer.from([0, 255]), 'mysql')).toBe("X'00ff'")
  })

  it('leaves numbers bare, booleans per dialect, NULL as NULL', () => {
    const int = column('n', 'integer', 'bigint')
    expect(sqlLiteral('9007199254740993', int, 'mysql')).toBe('9007199254740993')
    expect(sqlLiteral('1; DROP TABLE x', int, 'mysql')).toBe("'1; DROP TABLE x'")
    expect(sqlLiteral(true, column('b', 'boolean', 'boolean'), 'postgres')).toBe('TRUE')
    expect(sqlLiteral(false, column('b', 'boolean', 'tinyint(1)'), 'mysql')).toBe('0')
    expect(sqlLiteral(null, int, 'sqlite')).toBe('NULL')
    expect(sqlLiteral('AAE=', column('b', 'binary', 'BLOB'), 'sqlite')).toBe("X'0001'")
  })
})
