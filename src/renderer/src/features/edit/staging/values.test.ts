import { describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnKind } from '../../../../../shared/contract'
import { cellSummary, floatWarning, parseCellText } from './values'

const column = (kind: ColumnKind, maxLength: number | null = null): ColumnInfo => ({
  name: 'c',
  type: kind,
  kind,
  nullable: true,
  default: null,
  primaryKey: false,
  unique: false,
  autoIncrement: false,
  maxLength,
})

describe('cell text', () => {
  it('keeps big integers and decimals exact', () => {
    expect(parseCellText(column('integer'), '42')).toEqual({ ok: true, value: 42 })
    expect(parseCellText(column('integer'), '9223372036854775807')).toEqual({ ok: true, value: '9223372036854775807' })
    expect(parseCellText(column('decimal'), '0.1000000000000000000001')).toEqual({ ok: true, value: '0.1000000000000000000001' })
    expect(parseCellText(column('integer'), '4.2').ok).toBe(false)
  })

  it('stages a SQLite date in the form its column stores, so the grid shows what will be stored', () => {
    const sqlalchemy: ColumnInfo = { ...column('datetime'), type: 'DATETIME', storedForm: { form: 'sqlalchemy', detected: true } }
    expect(parseCellText(sqlalchemy, '2025-04-05T06:07')).toEqual({ ok: true, value: '2025-04-05 06:07:00.000000' })
    expect(parseCellText(sqlalchemy, '2025-04-05 6:07:08.5')).toEqual({ ok: true, value: '2025-04-05 06:07:08.500000' })
    const refused = parseCellText(sqlalchemy, 'not a date')
    expect(refused.ok).toBe(false)
    const sequelize: ColumnInfo = { ...sqlalchemy, storedForm: { form: 'sequelize', detected: true } }
    expect(parseCellText(sequelize, '2025-04-05')).toEqual({ ok: true, value: '2025-04-05 00:00:00.000 +00:00' })
  })

  it('keeps dates and times as typed, with their precision and zone', () => {
    for (const text of ['2026-11-21 15:43:31.839 +00:00', '2026-11-21 15:43:31.123456+00', '2026-11-21T15:43:31Z', '2026-11-21 15:43:31']) {
      expect(parseCellText(column('datetime'), text)).toEqual({ ok: true, value: text })
    }
    expect(parseCellText(column('datetime'), '2026-02-30 10:00:00').ok).toBe(false)
    expect(parseCellText(column('time'), '13:45:10.123456').ok).toBe(true)
    expect(parseCellText(column('date'), '2024-02-29').ok).toBe(true)
    expect(parseCellText(column('date'), '2023-02-29').ok).toBe(false)
  })

  it('validates JSON and text length', () => {
    expect(parseCellText(column('json'), '{"a": 1}')).toEqual({ ok: true, value: '{"a": 1}' })
    expect(parseCellText(column('json'), '{a: 1}').ok).toBe(false)
    expect(parseCellText(column('text', 3), 'abcd').ok).toBe(false)
  })

  it('summarises long text on one line', () => {
    expect(cellSummary('a\nb')).toEqual({ text: 'a ⏎ b…', long: true })
    expect(cellSummary('x'.repeat(10))).toEqual({ text: 'x'.repeat(10), long: false })
  })
})

describe('float cells keep the digits typed', () => {
  const double = { ...column('float'), type: 'double' }
  const single = { ...column('float'), type: 'float' }
  it('stages the text, never a JS number that rounded it', () => {
    expect(parseCellText(double, '3.14159265358979323846')).toEqual({ ok: true, value: '3.14159265358979323846' })
    expect(parseCellText(double, ' +1e-3 ')).toEqual({ ok: true, value: '1e-3' })
    expect(parseCellText(double, '-Infinity')).toEqual({ ok: true, value: '-Infinity' })
    expect(parseCellText(double, 'abc').ok).toBe(false)
  })

  it('warns when the column cannot hold those digits, naming what it will store', () => {
    expect(floatWarning(double, '3.14159265358979323846')).toContain('3.141592653589793')
    expect(floatWarning(double, '0.1')).toBeNull()
    expect(floatWarning(single, '0.1')).toBeNull()
    expect(floatWarning(single, '16777217')).toContain('16777216')
    expect(floatWarning(column('decimal'), '0.995')).toBeNull()
  })
})
