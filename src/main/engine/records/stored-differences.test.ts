import { describe, expect, it } from 'vitest'
import { column } from './test-fixtures'
import { storedAsTyped } from './stored-differences'

describe('storedAsTyped: what the Review flags as stored differently', () => {
  it('numbers by value: scale padding is no change, rounding is', () => {
    const dec = column('d', 'decimal', 'decimal(10,2)')
    expect(storedAsTyped('mysql', dec, '1.5', '1.50')).toBe(true)
    expect(storedAsTyped('mysql', dec, '0.995', '1.00')).toBe(false)
    const dbl = column('f', 'float', 'double')
    expect(storedAsTyped('mysql', dbl, '3.14159265358979323846', 3.141592653589793)).toBe(false)
    expect(storedAsTyped('mysql', dbl, '1e20', 100000000000000000000)).toBe(true)
    expect(storedAsTyped('postgres', column('r', 'float', 'real'), '-0', '-0')).toBe(true)
  })

  it('dates and times as the moment they name', () => {
    const dt = column('t', 'datetime', 'datetime')
    expect(storedAsTyped('mysql', dt, '2024-01-01', '2024-01-01 00:00:00')).toBe(true)
    expect(storedAsTyped('mysql', dt, '2024-01-01T10:00:00.500', '2024-01-01 10:00:00.500000')).toBe(true)
    expect(storedAsTyped('mysql', dt, '2024-01-01 10:00:00.123456', '2024-01-01 10:00:00')).toBe(false)
    expect(storedAsTyped('postgres', dt, '2024-01-01 10:00:00+02:00', '2024-01-01 10:00:00')).toBe(false)
    const tz = column('t', 'datetime', 'timestamp with time zone')
    expect(storedAsTyped('postgres', tz, '2024-01-01 10:00:00+02:00', '2024-01-01 08:00:00+00')).toBe(true)
    expect(storedAsTyped('postgres', tz, '2024-01-01 10:00:00', '2024-01-01 10:00:00+00')).toBe(true)
    expect(storedAsTyped('mysql', column('h', 'time', 'time'), '10:00', '10:00:00')).toBe(true)
    expect(storedAsTyped('sqlite', dt, '2024-01-01', '2024-01-01 00:00:00.000 +00:00')).toBe(true)
  })

  it('text exactly (CHAR padding aside), JSON by value, binary by bytes', () => {
    expect(storedAsTyped('mysql', column('s', 'text', 'varchar(5)'), 'ab ', 'ab')).toBe(false)
    expect(storedAsTyped('postgres', column('s', 'text', 'character(5)'), 'ab', 'ab   ')).toBe(true)
    expect(storedAsTyped('postgres', column('j', 'json', 'jsonb'), '{"a":  1}', '{"a": 1}')).toBe(true)
    const bin = column('b', 'binary', 'blob')
    expect(storedAsTyped('mysql', bin, { base64: 'AAE=' }, { base64: 'AAE=', bytes: 2, truncated: false })).toBe(true)
    expect(storedAsTyped('mysql', bin, { base64: 'AAEC' }, { base64: 'AAE=', bytes: 2, truncated: false })).toBe(false)
    expect(storedAsTyped('mysql', column('f', 'boolean', 'tinyint(1)'), true, true)).toBe(true)
  })
})
