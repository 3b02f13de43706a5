import { beforeAll, expect, it } from 'vitest'
import type { Row } from '../../src/shared/values'
import { describeDialects } from './harness'
import { autoId, rawAll, readAll } from './records-fixtures'

/**
 * boats: 23 rows with ties and NULLs in the sort columns. Names are lower-case ASCII so every
 * dialect's default collation orders them the same way.
 */
const NAMES = ['b', 'a', null, 'c', 'a', null, 'b', 'd', 'a', 'c', null, 'e', 'b', 'a', 'd', null, 'c', 'e', 'a', 'b', 'f', null, 'a']
const LENGTHS = [3, null, 5, 3, 7, null, 1, 3, 5, null, 2, 3, 3, 8, null, 6, 3, 4, 1, 9, 3, 2, null]

const byNullFirst = (a: string | number | null, b: string | number | null): number => {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

describeDialects('records: reading', (t) => {
  let sessionId = ''
  const expectedRows: Array<{ id: number; name: string | null; length: number | null }> = NAMES.map((name, i) => ({
    id: i + 1,
    name,
    length: LENGTHS[i]!,
  }))

  beforeAll(async () => {
    await rawAll(t, [
      `CREATE TABLE boats (${autoId(t.dialect)}, name VARCHAR(40), length INTEGER, note VARCHAR(100))`,
      ...expectedRows.map(
        (r) =>
          `INSERT INTO boats (name, length, note) VALUES (${r.name === null ? 'NULL' : `'${r.name}'`}, ${r.length ?? 'NULL'}, '${r.id % 5 === 0 ? 'Has a RED_sail 100%' : `plain ${r.id}`}')`,
      ),
      'CREATE TABLE logbook (entry VARCHAR(40), mood VARCHAR(20))',
      ...Array.from({ length: 7 }, (_, i) => `INSERT INTO logbook (entry, mood) VALUES ('day ${i}', '${i % 2 ? 'calm' : 'rough'}')`),
    ])
    sessionId = await t.open()
  })

  const ids = (rows: Row[]) => rows.map((r) => r.id)

  it('answers the first page with its columns and a cursor, values as numbers and NULLs', async () => {
    const page = await t.call('records.page', { sessionId, table: 'boats', pageSize: 5 })
    expect(page.columns).toEqual(['id', 'name', 'length', 'note'])
    expect(page.rows).toHaveLength(5)
    expect(page.rows[0]).toEqual({ id: 1, name: 'b', length: 3, note: 'plain 1' })
    expect(page.rows[1]).toMatchObject({ id: 2, length: null })
    expect(page.nextCursor).toEqual(expect.any(String))
  })

  it('has no next page when the selection fits on one', async () => {
    const page = await t.call('records.page', { sessionId, table: 'boats', pageSize: 23 })
    expect(page.rows).toHaveLength(23)
    expect(page.nextCursor).toBeNull()
  })

  it('filters with each operator', async () => {
    const run = async (filters: Parameters<typeof t.call<'records.page'>>[1]['filters']) =>
      ids((await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, filters })).rows)
    const where = (test: (r: (typeof expectedRows)[number]) => boolean) => expectedRows.filter(test).map((r) => r.id)
    expect(await run([{ column: 'name', op: 'eq', value: 'a' }])).toEqual(where((r) => r.name === 'a'))
    // ne keeps the rows where name is NULL: they are "not 'a'" too.
    expect(await run([{ column: 'name', op: 'ne', value: 'a' }])).toEqual(where((r) => r.name !== 'a'))
    expect(await run([{ column: 'length', op: 'lt', value: 3 }])).toEqual(where((r) => r.length !== null && r.length < 3))
    expect(await run([{ column: 'length', op: 'lte', value: 3 }])).toEqual(where((r) => r.length !== null && r.length <= 3))
    expect(await run([{ column: 'length', op: 'gt', value: 6 }])).toEqual(where((r) => r.length !== null && r.length > 6))
    expect(await run([{ column: 'length', op: 'gte', value: 6 }])).toEqual(where((r) => r.length !== null && r.length >= 6))
    expect(await run([{ column: 'note', op: 'contains', value: 'red_SAIL 100%' }])).toEqual(where((r) => r.id % 5 === 0))
    // The LIKE wildcards in user text are literal: '_' must not match any character.
    expect(await run([{ column: 'note', op: 'contains', value: 'red sail' }])).toEqual([])
    expect(await run([{ column: 'note', op: 'startsWith', value: 'plain 1' }])).toEqual(
      where((r) => r.id % 5 !== 0 && String(r.id).startsWith('1')),
    )
    // contains on a number compares its text form.
    expect(await run([{ column: 'id', op: 'contains', value: '2' }])).toEqual(where((r) => String(r.id).includes('2')))
    expect(await run([{ column: 'name', op: 'isNull' }])).toEqual(where((r) => r.name === null))
    expect(
      await run([
        { column: 'name', op: 'isNotNull' },
        { column: 'length', op: 'isNull' },
      ]),
    ).toEqual(where((r) => r.name !== null && r.length === null))
  })

  it('searches the text columns, ignoring case', async () => {
    const page = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, search: 'RED_s' })
    expect(ids(page.rows)).toEqual(expectedRows.filter((r) => r.id % 5 === 0).map((r) => r.id))
    const none = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, search: 'red%sail_' })
    expect(none.rows).toEqual([])
  })

  it('sorts ascending with NULLs first and descending with NULLs last, key as tie-breaker', async () => {
    const asc = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, sort: [{ column: 'name', direction: 'asc' }] })
    const expectedAsc = [...expectedRows].sort((a, b) => byNullFirst(a.name, b.name) || a.id - b.id).map((r) => r.id)
    expect(ids(asc.rows)).toEqual(expectedAsc)
    const desc = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, sort: [{ column: 'name', direction: 'desc' }] })
    const expectedDesc = [...expectedRows].sort((a, b) => byNullFirst(b.name, a.name) || a.id - b.id).map((r) => r.id)
    expect(ids(desc.rows)).toEqual(expectedDesc)
  })

  for (const [label, sort] of [
    ['name asc', [{ column: 'name', direction: 'asc' }]],
    ['name desc', [{ column: 'name', direction: 'desc' }]],
    [
      'length desc, name asc',
      [
        { column: 'length', direction: 'desc' },
        { column: 'name', direction: 'asc' },
      ],
    ],
    ['id desc', [{ column: 'id', direction: 'desc' }]],
  ] as const) {
    it(`continues by cursor across pages, every row once and in order (${label})`, async () => {
      const whole = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, sort: [...sort] })
      for (const pageSize of [1, 4, 7]) {
        const { rows, pages } = await readAll(t, sessionId, 'boats', { sort: [...sort], pageSize })
        expect(ids(rows)).toEqual(ids(whole.rows))
        expect(pages).toBe(Math.ceil(23 / pageSize))
      }
    })
  }

  it('continues by cursor within a filter', async () => {
    const filters = [{ column: 'name', op: 'ne' as const, value: 'a' }]
    const { rows } = await readAll(t, sessionId, 'boats', { sort: [{ column: 'length', direction: 'asc' }], filters, pageSize: 3 })
    const expected = expectedRows.filter((r) => r.name !== 'a').sort((a, b) => byNullFirst(a.length, b.length) || a.id - b.id)
    expect(ids(rows)).toEqual(expected.map((r) => r.id))
  })

  it('jumps to row N with offset', async () => {
    const sort = [{ column: 'name', direction: 'asc' as const }]
    const whole = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, sort })
    const page = await t.call('records.page', { sessionId, table: 'boats', pageSize: 5, sort, offset: 10 })
    expect(ids(page.rows)).toEqual(ids(whole.rows).slice(10, 15))
    const next = await t.call('records.page', { sessionId, table: 'boats', pageSize: 5, sort, cursor: page.nextCursor! })
    expect(ids(next.rows)).toEqual(ids(whole.rows).slice(15, 20))
    const last = await t.call('records.page', { sessionId, table: 'boats', pageSize: 5, sort, offset: 20 })
    expect(last.rows).toHaveLength(3)
    expect(last.nextCursor).toBeNull()
  })

  for (const [label, sort] of [
    ['key', []],
    ['name asc', [{ column: 'name', direction: 'asc' }]],
    [
      'length desc, name asc',
      [
        { column: 'length', direction: 'desc' },
        { column: 'name', direction: 'asc' },
      ],
    ],
  ] as const) {
    it(`reads the last rows by reversing the sort, in the sort's order (${label})`, async () => {
      const whole = await t.call('records.page', { sessionId, table: 'boats', pageSize: 100, sort: [...sort] })
      const end = await t.call('records.page', { sessionId, table: 'boats', pageSize: 6, sort: [...sort], fromEnd: true })
      expect(ids(end.rows)).toEqual(ids(whole.rows).slice(-6))
      expect(end.nextCursor).toBeNull()
      const filtered = await t.call('records.page', {
        sessionId,
        table: 'boats',
        pageSize: 2,
        sort: [...sort],
        filters: [{ column: 'name', op: 'eq', value: 'a' }],
        fromEnd: true,
      })
      expect(ids(filtered.rows)).toEqual(ids(whole.rows.filter((r) => r.name === 'a')).slice(-2))
    })
  }

  it('refuses a tampered cursor and a cursor of another query', async () => {
    const page = await t.call('records.page', { sessionId, table: 'boats', pageSize: 5 })
    const tampered = `${page.nextCursor!.slice(0, -2)}xx`
    expect(await t.result('records.page', { sessionId, table: 'boats', pageSize: 5, cursor: tampered })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'cursor' },
    })
    const otherSort = await t.result('records.page', {
      sessionId,
      table: 'boats',
      pageSize: 5,
      cursor: page.nextCursor!,
      sort: [{ column: 'name', direction: 'asc' }],
    })
    expect(otherSort).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('names unknown columns and refuses unknown tables', async () => {
    const answer = await t.result('records.page', { sessionId, table: 'boats', filters: [{ column: 'lenght', op: 'eq', value: 1 }] })
    expect(answer).toMatchObject({ ok: false, error: { code: 'COLUMN_NOT_FOUND', field: 'filters.0.column' } })
    if (!answer.ok) expect(answer.error.message).toContain('id, name, length, note')
    const sort = await t.result('records.page', { sessionId, table: 'boats', sort: [{ column: 'nope', direction: 'asc' }] })
    expect(sort).toMatchObject({ ok: false, error: { code: 'COLUMN_NOT_FOUND', field: 'sort.0.column' } })
    expect(await t.result('records.page', { sessionId, table: 'ghosts' })).toMatchObject({ ok: false, error: { code: 'TABLE_NOT_FOUND' } })
  })

  it('counts exactly, or estimates instantly when unfiltered and asked to', async () => {
    expect(await t.call('records.count', { sessionId, table: 'boats' })).toEqual({ value: 23, exact: true })
    expect(await t.call('records.count', { sessionId, table: 'boats', filters: [{ column: 'name', op: 'isNull' }] })).toEqual({
      value: 5,
      exact: true,
    })
    expect(await t.call('records.count', { sessionId, table: 'boats', search: 'red_sail' })).toEqual({ value: 4, exact: true })
    const estimate = await t.call('records.count', { sessionId, table: 'boats', exact: false })
    // A small table: the schema module counts it exactly even when an estimate is allowed.
    expect(estimate.value).toBe(23)
    const filtered = await t.call('records.count', {
      sessionId,
      table: 'boats',
      exact: false,
      filters: [{ column: 'name', op: 'eq', value: 'a' }],
    })
    expect(filtered).toEqual({ value: 6, exact: true })
  })

  it('gets one row by key, or NOT_FOUND', async () => {
    expect(await t.call('records.get', { sessionId, table: 'boats', key: { id: 4 } })).toEqual({
      id: 4,
      name: 'c',
      length: 3,
      note: 'plain 4',
    })
    expect(await t.result('records.get', { sessionId, table: 'boats', key: { id: 999 } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.result('records.get', { sessionId, table: 'boats', key: { name: 'c' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('reads a table without a primary key page by page, but refuses writes by key', async () => {
    const { rows, pages } = await readAll(t, sessionId, 'logbook', { pageSize: 3 })
    expect(pages).toBe(3)
    expect(rows.map((r) => r.entry).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `day ${i}`))
    const sorted = await readAll(t, sessionId, 'logbook', { pageSize: 2, sort: [{ column: 'entry', direction: 'desc' }] })
    expect(sorted.rows.map((r) => r.entry)).toEqual(Array.from({ length: 7 }, (_, i) => `day ${6 - i}`))
    for (const answer of [
      await t.result('records.get', { sessionId, table: 'logbook', key: { entry: 'day 1' } }),
      await t.result('records.update', { sessionId, table: 'logbook', key: { entry: 'day 1' }, original: {}, values: { mood: 'x' } }),
      await t.result('records.delete', { sessionId, table: 'logbook', key: { entry: 'day 1' }, original: {} }),
    ]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'NO_PRIMARY_KEY' } })
    }
    expect(
      await t.call('records.bulkUpdate', {
        sessionId,
        table: 'logbook',
        filters: [{ column: 'mood', op: 'eq', value: 'calm' }],
        values: { mood: 'glassy' },
      }),
    ).toEqual({ affected: 3 })
    // Inserting needs no key; the answer is the row as stored.
    expect(await t.call('records.insert', { sessionId, table: 'logbook', values: { entry: 'day 7' } })).toEqual({
      entry: 'day 7',
      mood: null,
    })
    expect(
      await t.call('records.bulkDelete', { sessionId, table: 'logbook', filters: [{ column: 'entry', op: 'eq', value: 'day 7' }] }),
    ).toEqual({ affected: 1 })
  })
})
