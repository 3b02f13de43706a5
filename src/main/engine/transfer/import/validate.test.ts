import { describe, expect, it } from 'vitest'
import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo } from '../../../../shared/contract'
import { column } from '../test-columns'
import { Invalid, USE_DEFAULT, converterFor, countCharacters, integerRange } from './validate'

const convert = (col: ColumnInfo, dialect: Dialect, field: string | null) => converterFor(col, dialect)(field)
const message = (value: unknown) => (value instanceof Invalid ? value.message : null)

describe('NULL (an unquoted empty field)', () => {
  it('is NULL where allowed, DEFAULT where the column has one, an error where required', () => {
    expect(convert(column('a', 'text', 'TEXT'), 'postgres', null)).toBeNull()
    expect(convert(column('a', 'integer', 'integer', { nullable: false, default: '0' }), 'postgres', null)).toBe(USE_DEFAULT)
    expect(convert(column('id', 'integer', 'int', { nullable: false, autoIncrement: true }), 'mysql', null)).toBe(USE_DEFAULT)
    expect(convert(column('id', 'integer', 'INTEGER', { nullable: false, autoIncrement: true }), 'sqlite', null)).toBeNull()
    expect(message(convert(column('a', 'text', 'TEXT', { nullable: false }), 'sqlite', null))).toMatch(/required/)
    expect(message(convert(column('a', 'text', 'TEXT', { nullable: false, default: "'x'" }), 'sqlite', null))).toMatch(
      /SQLite cannot fill in/,
    )
  })

  it('is different from the empty string, which text columns keep', () => {
    expect(convert(column('a', 'text', 'TEXT'), 'postgres', '')).toBe('')
    expect(message(convert(column('a', 'integer', 'integer'), 'postgres', ''))).toMatch(/not a whole number/)
  })
})

describe('numbers', () => {
  it('checks whole numbers against the declared integer type', () => {
    const small = column('n', 'integer', 'smallint')
    expect(convert(small, 'postgres', ' 42 ')).toBe('42')
    expect(message(convert(small, 'postgres', '40000'))).toMatch(/out of range for smallint/)
    expect(message(convert(column('n', 'integer', 'int(10) unsigned'), 'mysql', '-1'))).toMatch(/out of range/)
    expect(convert(column('n', 'integer', 'bigint'), 'postgres', '9223372036854775807')).toBe('9223372036854775807')
    expect(message(convert(column('n', 'integer', 'INTEGER'), 'sqlite', '9223372036854775808'))).toMatch(/out of range/)
    expect(message(convert(column('n', 'integer', 'integer'), 'postgres', '1.5'))).toMatch(/not a whole number/)
    expect(integerRange('tinyint(4)', 'mysql')).toEqual([-128n, 127n])
  })

  it('keeps decimals as text and reports digits the column would round', () => {
    const money = column('m', 'decimal', 'numeric(10,2)')
    expect(convert(money, 'postgres', '12345678.90')).toBe('12345678.90')
    expect(message(convert(money, 'postgres', '1.005'))).toMatch(/more than 2 decimal places/)
    expect(message(convert(money, 'postgres', '123456789.5'))).toMatch(/too large/)
    expect(message(convert(money, 'mysql', 'abc'))).toMatch(/not a number/)
    expect(convert(column('m', 'decimal', 'numeric'), 'postgres', '1.000000000000000000001')).toBe('1.000000000000000000001')
  })

  it('lets the SQLite codec refuse what it would round', () => {
    const exact = column('m', 'decimal', 'DECIMAL(30,10)')
    expect(message(convert(exact, 'sqlite', '12345678901234567890.0123456789'))).toMatch(/SQLite would store/)
    expect(convert(column('m', 'text', 'TEXT'), 'sqlite', '12345678901234567890.0123456789')).toBe('12345678901234567890.0123456789')
  })

  it('reads floats, and PostgreSQL NaN/Infinity', () => {
    const f = column('f', 'float', 'double precision')
    expect(convert(f, 'postgres', '1e-7')).toBe('1e-7')
    expect(convert(f, 'postgres', 'NaN')).toBe('NaN')
    expect(message(convert(f, 'mysql', 'NaN'))).toMatch(/not a number/)
    expect(message(convert(f, 'mysql', '1e999'))).toMatch(/too large/)
  })

  it('reads booleans in common spellings, as the dialect binds them', () => {
    const b = column('b', 'boolean', 'boolean')
    expect(convert(b, 'postgres', 'Yes')).toBe(true)
    expect(convert(b, 'mysql', 'false')).toBe(0)
    expect(convert(b, 'sqlite', 't')).toBe(1)
    expect(message(convert(b, 'postgres', 'maybe'))).toMatch(/not true or false/)
  })
})

describe('text, JSON, UUID, binary', () => {
  it('counts characters (not UTF-16 units) against the declared length, on the servers', () => {
    const name = column('name', 'text', 'varchar(3)', { maxLength: 3 })
    expect(convert(name, 'postgres', '😀😀😀')).toBe('😀😀😀')
    expect(message(convert(name, 'postgres', 'abcd'))).toMatch(/4 characters long; varchar\(3\) holds at most 3/)
    expect(convert(name, 'sqlite', 'abcd')).toBe('abcd') // SQLite stores any length
    expect(countCharacters('a😀b')).toBe(3)
  })

  it('checks MySQL TEXT limits in bytes', () => {
    const tiny = column('t', 'text', 'tinytext', { maxLength: 255 })
    expect(message(convert(tiny, 'mysql', 'é'.repeat(200)))).toMatch(/400 bytes long/)
  })

  it('reports a NUL character PostgreSQL cannot store', () => {
    expect(message(convert(column('t', 'text', 'text'), 'postgres', 'a\u0000b'))).toMatch(/NUL/)
  })

  it('checks JSON and UUIDs, decodes base64', () => {
    expect(message(convert(column('j', 'json', 'jsonb'), 'postgres', '{bad'))).toMatch(/not valid JSON/)
    expect(convert(column('j', 'json', 'json'), 'mysql', '{"a":1}')).toBe('{"a":1}')
    expect(convert(column('u', 'uuid', 'uuid'), 'postgres', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    )
    expect(message(convert(column('u', 'uuid', 'uuid'), 'postgres', 'not-a-uuid'))).toMatch(/not a UUID/)
    expect(convert(column('b', 'binary', 'bytea'), 'postgres', Buffer.from([0, 1, 255]).toString('base64'))).toEqual(
      Buffer.from([0, 1, 255]),
    )
    expect(message(convert(column('b', 'binary', 'bytea'), 'postgres', '***'))).toMatch(/base64/)
  })
})

describe('dates and times', () => {
  const ts = column('t', 'datetime', 'timestamp(6) without time zone')
  const tstz = column('t', 'datetime', 'timestamp with time zone')
  const dt6 = column('t', 'datetime', 'datetime(6)')
  const dt0 = column('t', 'datetime', 'datetime')

  it('accepts ISO 8601 and SQL forms, rejects the ambiguous ones', () => {
    expect(convert(ts, 'postgres', '2024-02-29 23:59:59.123456')).toBe('2024-02-29 23:59:59.123456')
    expect(convert(ts, 'postgres', '2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59Z')
    expect(message(convert(ts, 'postgres', '02/29/2024'))).toMatch(/not a date and time/)
    expect(message(convert(ts, 'postgres', '2023-02-29 10:00:00'))).toMatch(/not a real date/)
    expect(convert(column('d', 'date', 'date'), 'mysql', '2024-01-31')).toBe('2024-01-31')
    expect(message(convert(column('d', 'date', 'date'), 'mysql', '2024-04-31'))).toMatch(/not a real date/)
  })

  it('reports fractional seconds or offsets the column would lose', () => {
    expect(message(convert(dt0, 'mysql', '2024-01-01 10:00:00.5'))).toMatch(/keeps whole seconds/)
    expect(convert(dt0, 'mysql', '2024-01-01 10:00:00.000')).toBe('2024-01-01 10:00:00.000')
    expect(message(convert(ts, 'postgres', '2024-01-01 10:00:00.1234567'))).toMatch(/7 digits/)
    expect(message(convert(ts, 'postgres', '2024-01-01 10:00:00+02:00'))).toMatch(/stores no time zone/)
    expect(convert(tstz, 'postgres', '2024-01-01 10:00:00+02:00')).toBe('2024-01-01 10:00:00+02:00')
  })

  it('gives MySQL its own layout, moving TIMESTAMP offsets to UTC', () => {
    expect(convert(dt6, 'mysql', '2024-01-01T10:00:00.123456Z')).toBe('2024-01-01 10:00:00.123456')
    expect(convert(column('t', 'datetime', 'timestamp(3)'), 'mysql', '2024-01-01T01:30:00.250+02:00')).toBe('2023-12-31 23:30:00.250')
  })

  it('writes SQLite dates in the form the column already uses', () => {
    const sequelize = column('t', 'datetime', 'DATETIME', { storedForm: { form: 'sequelize', detected: true } })
    expect(convert(sequelize, 'sqlite', '2024-01-01 10:00:00.123 +00:00')).toBe('2024-01-01 10:00:00.123 +00:00')
    expect(convert(sequelize, 'sqlite', '2024-01-01T10:00:00.5')).toBe('2024-01-01 10:00:00.500 +00:00')
    const sqlalchemy = column('t', 'datetime', 'DATETIME', { storedForm: { form: 'sqlalchemy', detected: true } })
    expect(convert(sqlalchemy, 'sqlite', '2024-01-01 10:00:00.123 +00:00')).toBe('2024-01-01 10:00:00.123000')
    expect(convert(column('d', 'date', 'DATE'), 'sqlite', '2024-1-2')).toBe('2024-01-02')
    expect(message(convert(sqlalchemy, 'sqlite', 'soon'))).toMatch(/is not a date/)
  })

  it('checks times, and MySQL TIME durations', () => {
    expect(convert(column('t', 'time', 'time'), 'postgres', '23:59:59.5')).toBe('23:59:59.5')
    expect(message(convert(column('t', 'time', 'time'), 'postgres', '24:30'))).toMatch(/not a real time/)
    expect(convert(column('t', 'time', 'time'), 'mysql', '-100:00:00')).toBe('-100:00:00')
  })
})
