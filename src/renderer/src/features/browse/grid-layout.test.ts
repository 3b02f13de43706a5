import { describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnKind } from '../../../../shared/contract'
import { column as columnInfo } from '../../../../shared/test-columns'
import { columnDescription, columnWidth, mayBeCut, scrollToShow, typeHint } from './grid-layout'

// This file names the type before the kind.
const column = (name: string, type: string, kind: ColumnKind, extra: Partial<ColumnInfo> = {}): ColumnInfo =>
  columnInfo(name, kind, type, extra)

describe('grid layout', () => {
  const email = column('email', 'VARCHAR(120)', 'text', { nullable: false, unique: true, maxLength: 120 })
  const id = column('id', 'INTEGER', 'integer', { primaryKey: true, autoIncrement: true, nullable: false })

  it('shows the type hint in full when it fits, else a shorter form, never a cut word', () => {
    expect(typeHint(email, false, 200, false)).toBe('varchar(120)')
    expect(typeHint(id, false, 120, false)).toBe('PK integer')
    expect(typeHint(id, true, 100, false)).toBe('integer')
    expect(typeHint(email, false, 90, false)).toBe('varchar')
    expect(typeHint(email, false, 60, false)).toBe('')
    // The sort mark takes room too.
    expect(typeHint(email, false, 110, true)).toBe('varchar')
    for (let width = 40; width < 400; width += 7) {
      const hint = typeHint(column('t', 'timestamp with time zone', 'datetime'), true, width, width % 2 === 0)
      expect(['', 'timestamp with time zone', 'FK timestamp with time zone']).toContain(hint)
    }
  })

  it('starts a column wide enough for its full hint', () => {
    const long = column('t', 'character varying(255)', 'other')
    expect(typeHint(long, false, columnWidth(long), false)).toBe('character varying(255)')
    expect(typeHint(id, false, columnWidth(id), false)).toBe('PK integer')
  })

  it('describes a column fully for the tooltip: type, nullability, default, keys', () => {
    expect(columnDescription(email, undefined)).toBe('email · VARCHAR(120) · not null · default none · unique')
    expect(
      columnDescription(column('user_id', 'INTEGER', 'integer', { default: '0' }), { referencedTable: 'users', referencedColumns: ['id'] }),
    ).toBe('user_id · INTEGER · null allowed · default 0 · references users(id)')
    expect(columnDescription(id, undefined)).toBe('id · INTEGER · not null · default none · primary key · auto-increment')
  })

  it('flags a number that may not fit its column', () => {
    expect(mayBeCut('12345678901234567890', 90)).toBe(true)
    expect(mayBeCut('42', 90)).toBe(false)
  })
})

describe('scrollToShow', () => {
  it('moves only as far as it must, clear of the sticky part, the start first when the span does not fit', () => {
    // viewport 300 tall, 34 of it covered by the header; a row 30 tall
    expect(scrollToShow(34 + 5 * 30, 30, 0, 300, 34)).toBe(0)
    expect(scrollToShow(34 + 20 * 30, 30, 0, 300, 34)).toBe(34 + 21 * 30 - 300)
    expect(scrollToShow(34 + 2 * 30, 30, 200, 300, 34)).toBe(60)
    expect(scrollToShow(100, 500, 0, 300, 56)).toBe(44)
    expect(scrollToShow(20, 30, 10, 300, 34)).toBe(0)
  })
})
