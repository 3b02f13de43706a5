import { describe, expect, it } from 'vitest'
import { formOfStoredValues, parseDateTime, storedDateValue, toServerForm, toSqliteForm } from './datetime'

const ok = (value: string | number) => ({ ok: true, value })
const refused = { ok: false, reason: expect.any(String) }

describe('typed dates', () => {
  it('accepts what people type and names no zone unless one was typed', () => {
    expect(parseDateTime('2025-04-05 6:07')).toEqual({
      ok: true,
      value: { year: 2025, month: 4, day: 5, time: { hour: 6, minute: 7, second: 0, fraction: '', offset: null } },
    })
    expect(parseDateTime('2025-04-05T06:07:08.5Z')).toMatchObject({ ok: true, value: { time: { second: 8, fraction: '5', offset: 0 } } })
    expect(parseDateTime('2025-04-05 06:07:08 -05:00')).toMatchObject({ ok: true, value: { time: { offset: -300 } } })
    for (const text of ['not a date', '2025-02-29', '2025-04-05 24:00', '05/04/2025', '2025-04-05 06:07 +25:00'])
      expect(parseDateTime(text), text).toEqual(refused)
  })
})

describe('SQLite forms', () => {
  it('writes each form exactly, keeping every digit and never shifting a value without a zone', () => {
    expect(toSqliteForm('2025-01-02 03:04:05.123456', 'sqlalchemy')).toEqual(ok('2025-01-02 03:04:05.123456'))
    expect(toSqliteForm('2025-04-05T06:07:08.5', 'sqlalchemy')).toEqual(ok('2025-04-05 06:07:08.500000'))
    expect(toSqliteForm('2025-04-05', 'sqlalchemy')).toEqual(ok('2025-04-05 00:00:00.000000'))
    expect(toSqliteForm('2025-04-05 06:07:08', 'python')).toEqual(ok('2025-04-05 06:07:08'))
    expect(toSqliteForm('2025-04-05 06:07:08.25', 'python')).toEqual(ok('2025-04-05 06:07:08.250000'))
    expect(toSqliteForm('2025-04-05 06:07:08.25', 'sequelize')).toEqual(ok('2025-04-05 06:07:08.250 +00:00'))
    expect(toSqliteForm('2025-04-05 06:07', 'iso-utc')).toEqual(ok('2025-04-05T06:07:00.000Z'))
    expect(toSqliteForm('2025-04-05 06:07', 'iso-local')).toEqual(ok('2025-04-05T06:07:00'))
    expect(toSqliteForm('1970-01-02', 'epoch-seconds')).toEqual(ok(86400))
    expect(toSqliteForm('1970-01-01 00:00:01.5', 'epoch-millis')).toEqual(ok(1500))
    expect(toSqliteForm('6:07', 'time')).toEqual(ok('06:07:00'))
    expect(toSqliteForm('6:07:08.1', 'time-sqlalchemy')).toEqual(ok('06:07:08.100000'))
  })

  it('converts a typed zone to UTC, visibly, since these forms keep none', () => {
    expect(toSqliteForm('2025-01-01 01:30:00+02:00', 'sqlalchemy')).toEqual(ok('2024-12-31 23:30:00.000000'))
    expect(toSqliteForm('2025-01-01 01:30:00Z', 'sequelize')).toEqual(ok('2025-01-01 01:30:00.000 +00:00'))
  })

  it('refuses what the form would cut', () => {
    expect(toSqliteForm('2025-01-02 03:04:05.123456', 'sequelize')).toEqual(refused)
    expect(toSqliteForm('2025-01-02 03:04:05.5', 'epoch-seconds')).toEqual(refused)
    expect(toSqliteForm('2025-01-02 03:04', 'date')).toEqual(refused)
    expect(toSqliteForm('2025-01-02 03:04:05.1234567', 'sqlalchemy')).toEqual(refused)
  })

  it('detects the form most values use; SQLAlchemy and SQLite text together read as the looser one', () => {
    expect(formOfStoredValues(['2024-01-01 12:00:00.250000', '2024-01-02 12:00:00.000000', 'junk'])).toBe('sqlalchemy')
    expect(formOfStoredValues(['2024-01-01 12:00:00.250 +00:00'])).toBe('sequelize')
    expect(formOfStoredValues(['2024-01-01T12:00:00.250Z'])).toBe('iso-utc')
    expect(formOfStoredValues(['2024-01-01 12:00:00.250000', '2024-01-01 12:00:00'])).toBe('python')
    expect(formOfStoredValues([1735787045, 1735787046])).toBe('epoch-seconds')
    expect(formOfStoredValues([1735787045123])).toBe('epoch-millis')
    expect(formOfStoredValues(['09:15:00.500000'])).toBe('time-sqlalchemy')
    expect(formOfStoredValues([])).toBeNull()
  })

  it('takes numbers only into Unix-time columns', () => {
    const epoch = { kind: 'datetime' as const, type: 'INTEGER', storedForm: { form: 'epoch-seconds' as const, detected: true } }
    expect(storedDateValue('1735787045', epoch, 'sqlite')).toEqual(ok(1735787045))
    expect(storedDateValue(5, { kind: 'datetime', type: 'DATETIME' }, 'sqlite')).toEqual(refused)
  })
})

describe('MySQL and PostgreSQL', () => {
  it('sends plain SQL text, keeping a zone only where the column keeps one', () => {
    const timestamp = { kind: 'datetime', type: 'timestamp without time zone' }
    const timestamptz = { kind: 'datetime', type: 'timestamp with time zone' }
    expect(toServerForm('2025-04-05T06:07:08.123456', timestamp, 'postgres')).toEqual(ok('2025-04-05 06:07:08.123456'))
    expect(toServerForm('2025-04-05 06:07:08+02:00', timestamp, 'postgres')).toEqual(ok('2025-04-05 04:07:08'))
    expect(toServerForm('2025-04-05 06:07:08+02:00', timestamptz, 'postgres')).toEqual(ok('2025-04-05 06:07:08+02:00'))
    expect(toServerForm('infinity', timestamp, 'postgres')).toEqual(ok('infinity'))
    expect(toServerForm('2025-04-05 6:07', { kind: 'datetime', type: 'datetime(6)' }, 'mysql')).toEqual(ok('2025-04-05 06:07:00'))
    expect(toServerForm('-100:00:00', { kind: 'time', type: 'time' }, 'mysql')).toEqual(ok('-100:00:00'))
    expect(toServerForm('06:07+02:00', { kind: 'time', type: 'time' }, 'mysql')).toEqual(refused)
    expect(toServerForm('soon', { kind: 'date', type: 'date' }, 'mysql')).toEqual(refused)
  })
})
