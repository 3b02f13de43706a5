import { beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/shared/connection-types'
import { describeDialects } from './harness'
import { autoId, rawAll, readAll } from './records-fixtures'

/** One column per kind of value that must survive a round trip exactly. */
function kindsTable(dialect: Dialect): string {
  const types: Record<Dialect, Record<string, string>> = {
    sqlite: {
      big: 'BIGINT',
      amount: 'DECIMAL(30,10)',
      at: 'DATETIME',
      data: 'BLOB',
      label: 'TEXT',
      doc: 'JSON',
      ratio: 'REAL',
      single: 'REAL',
    },
    mysql: {
      big: 'BIGINT',
      amount: 'DECIMAL(30,10)',
      at: 'DATETIME(6)',
      data: 'LONGBLOB',
      label: 'VARCHAR(100)',
      doc: 'JSON',
      ratio: 'DOUBLE',
      single: 'FLOAT',
    },
    postgres: {
      big: 'BIGINT',
      amount: 'NUMERIC(30,10)',
      at: 'TIMESTAMP(6)',
      data: 'BYTEA',
      label: 'VARCHAR(100)',
      doc: 'JSON',
      ratio: 'DOUBLE PRECISION',
      single: 'REAL',
    },
  }
  const columns = Object.entries(types[dialect]).map(([name, type]) => `${name} ${type}`)
  return `CREATE TABLE kinds (${autoId(dialect)}, ${columns.join(', ')}, dec_text TEXT)`
}

const BLOB = Buffer.from([0, 1, 0, 255, 0, 0x7f, 0])
const EXACT = {
  big: '9007199254740993',
  at: '2024-02-29 13:45:10.123456',
  data: { base64: BLOB.toString('base64') },
  label: '🚣 Rowboat ✓ 𝄞',
  doc: '{"crew": ["ann", "bo"], "oars": 2, "ok": true}',
  ratio: 0.1,
  single: 0.1,
  dec_text: '12345678901234567890.0123456789',
}

describeDialects('records: generic tables', (t) => {
  let sessionId = ''

  beforeAll(async () => {
    const compositeKey = t.dialect === 'mysql' ? 'VARCHAR(20)' : 'TEXT'
    await rawAll(t, [
      kindsTable(t.dialect),
      `CREATE TABLE crew (boat_id INTEGER NOT NULL, seat ${compositeKey} NOT NULL, name VARCHAR(40) NOT NULL UNIQUE, PRIMARY KEY (boat_id, seat))`,
    ])
    sessionId = await t.open()
  })

  describe('round trips', () => {
    it('inserts and reads back every kind of value exactly', async () => {
      const inserted = await t.call('records.insert', {
        sessionId,
        table: 'kinds',
        values: { ...EXACT, amount: t.dialect === 'sqlite' ? null : EXACT.dec_text },
      })
      const expected = {
        ...EXACT,
        amount: t.dialect === 'sqlite' ? null : '12345678901234567890.0123456789',
        data: { base64: BLOB.toString('base64'), bytes: BLOB.length, truncated: false },
        // A float32 (MySQL FLOAT, PostgreSQL real) holds 0.10000000149011612, not the JS number 0.1:
        // it crosses as the digits typed, as text (design.md §3). SQLite's REAL is a double.
        single: t.dialect === 'sqlite' ? 0.1 : '0.1',
      }
      expect(inserted).toEqual({ id: expect.any(Number), ...expected })
      // The same through the page path, and filtered by each exact value.
      const page = await t.call('records.page', {
        sessionId,
        table: 'kinds',
        pageSize: 10,
        filters: [{ column: 'id', op: 'eq', value: inserted.id! }],
      })
      expect(page.rows).toEqual([inserted])
      for (const column of ['big', 'at', 'label', 'ratio', 'single', 'dec_text', ...(t.dialect === 'sqlite' ? [] : ['amount'])]) {
        const found = await t.call('records.page', {
          sessionId,
          table: 'kinds',
          pageSize: 10,
          filters: [{ column, op: 'eq', value: inserted[column]! }],
        })
        expect(
          found.rows.map((r) => r.id),
          column,
        ).toEqual([inserted.id])
      }
    })

    it('keeps the extreme 64-bit integer and a negative one', async () => {
      const row = await t.call('records.insert', { sessionId, table: 'kinds', values: { big: '-9223372036854775808' } })
      expect(row.big).toBe('-9223372036854775808')
      const updated = await t.call('records.update', {
        sessionId,
        table: 'kinds',
        key: { id: row.id! },
        original: { big: row.big! },
        values: { big: '9223372036854775807' },
      })
      expect(updated.big).toBe('9223372036854775807')
    })

    it('refuses a decimal SQLite would round, and keeps it in a TEXT column', async () => {
      const answer = await t.result('records.insert', { sessionId, table: 'kinds', values: { amount: '12345678901234567890.0123456789' } })
      if (t.dialect === 'sqlite') {
        expect(answer).toMatchObject({ ok: false, error: { code: 'PRECISION_LOSS', field: 'amount' } })
        const count = await t.call('records.count', { sessionId, table: 'kinds', filters: [{ column: 'amount', op: 'isNotNull' }] })
        expect(count.value).toBe(0)
      } else {
        expect(answer).toMatchObject({ ok: true, value: { amount: '12345678901234567890.0123456789' } })
      }
      const text = await t.call('records.insert', { sessionId, table: 'kinds', values: { dec_text: '12345678901234567890.0123456789' } })
      expect(text.dec_text).toBe('12345678901234567890.0123456789')
    })

    it('updates a blob and a date exactly, and the conflict check sees them as the user did', async () => {
      const row = await t.call('records.insert', {
        sessionId,
        table: 'kinds',
        values: { data: { base64: 'AAAA' }, at: '2020-01-01 00:00:00.000001' },
      })
      const updated = await t.call('records.update', {
        sessionId,
        table: 'kinds',
        key: { id: row.id! },
        original: { data: row.data!, at: row.at!, single: row.single! },
        values: { data: EXACT.data, at: EXACT.at },
      })
      expect(updated).toMatchObject({ id: row.id, at: EXACT.at, data: { base64: BLOB.toString('base64'), bytes: BLOB.length } })
    })
  })

  describe('paging by each kind of column', () => {
    it('continues by cursor over ties and NULLs in every sortable column, each row once', async () => {
      const pools = {
        big: ['9007199254740993', '-9223372036854775808', '5', null],
        at: ['2024-02-29 13:45:10.123456', '2024-02-29 13:45:10.123457', null],
        label: ['🚣 Rowboat ✓ 𝄞', 'oar', null],
        doc: ['{"a": 1}', '[1, 2]', null],
        ratio: [0.1, 0.30000000000000004, null],
        single: [0.1, 0.2, null],
        dec_text: ['1.5', '10', null],
      }
      for (let i = 0; i < 9; i++) {
        const values = Object.fromEntries(Object.entries(pools).map(([name, pool]) => [name, pool[i % pool.length]!]))
        await t.call('records.insert', {
          sessionId,
          table: 'kinds',
          values: { ...values, data: { base64: Buffer.from([i, 0]).toString('base64') } },
        })
      }
      // What the schema offers as a sort key (PostgreSQL's json has no order: refused with its reason).
      const described = await t.call('schema.describe', { sessionId, table: 'kinds' })
      const refused = new Set(described.columns.filter((c) => c.sortRefusal).map((c) => c.name))
      const sortable = [...Object.keys(pools), ...(t.dialect === 'sqlite' ? [] : ['amount'])].filter((name) => !refused.has(name))
      expect([...refused].filter((name) => name !== 'data')).toEqual(t.dialect === 'postgres' ? ['doc'] : [])
      for (const column of sortable) {
        for (const direction of ['asc', 'desc'] as const) {
          const sort = [{ column, direction }]
          const whole = await t.call('records.page', { sessionId, table: 'kinds', pageSize: 1000, sort })
          const { rows } = await readAll(t, sessionId, 'kinds', { sort, pageSize: 2 })
          expect(
            rows.map((r) => r.id),
            `${column} ${direction}`,
          ).toEqual(whole.rows.map((r) => r.id))
        }
      }
    })

    it('refuses to sort by a binary column', async () => {
      const answer = await t.result('records.page', { sessionId, table: 'kinds', sort: [{ column: 'data', direction: 'asc' }] })
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'sort.0.column' } })
    })
  })

  describe('crud', () => {
    it('inserts, gets, updates and deletes by a composite key', async () => {
      const row = await t.call('records.insert', { sessionId, table: 'crew', values: { boat_id: 1, seat: 'bow', name: 'ann' } })
      expect(row).toEqual({ boat_id: 1, seat: 'bow', name: 'ann' })
      await t.call('records.insert', { sessionId, table: 'crew', values: { boat_id: 1, seat: 'stroke', name: 'bo' } })
      expect(await t.call('records.get', { sessionId, table: 'crew', key: { boat_id: 1, seat: 'stroke' } })).toMatchObject({ name: 'bo' })
      // Changing part of the key: the answer is the row under its new key.
      const moved = await t.call('records.update', {
        sessionId,
        table: 'crew',
        key: { boat_id: 1, seat: 'bow' },
        original: { name: 'ann' },
        values: { seat: 'two', name: 'anna' },
      })
      expect(moved).toEqual({ boat_id: 1, seat: 'two', name: 'anna' })
      expect(await t.result('records.get', { sessionId, table: 'crew', key: { boat_id: 1, seat: 'bow' } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(await t.call('records.delete', { sessionId, table: 'crew', key: { boat_id: 1, seat: 'two' }, original: moved })).toEqual({
        deleted: 1,
      })
      expect((await t.call('records.page', { sessionId, table: 'crew' })).rows).toEqual([{ boat_id: 1, seat: 'stroke', name: 'bo' }])
    })

    it('answers NOT_FOUND for an update of a key that never existed, and needs the whole key', async () => {
      expect(
        await t.result('records.update', { sessionId, table: 'crew', key: { boat_id: 9, seat: 'x' }, original: {}, values: { name: 'z' } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(
        await t.result('records.update', { sessionId, table: 'crew', key: { boat_id: 1 }, original: {}, values: { name: 'z' } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'key.seat' },
      })
    })

    it('names the clashing values on a unique violation, and the missing field on NOT NULL', async () => {
      const clash = await t.result('records.insert', { sessionId, table: 'crew', values: { boat_id: 2, seat: 'bow', name: 'bo' } })
      expect(clash).toMatchObject({
        ok: false,
        error: { code: 'UNIQUE_VIOLATION', field: 'name', details: { columns: ['name'], values: { name: 'bo' } } },
      })
      if (!clash.ok) expect(clash.error.message).toBe("name 'bo' is already taken.")
      const key = await t.result('records.insert', { sessionId, table: 'crew', values: { boat_id: 1, seat: 'stroke', name: 'cy' } })
      expect(key).toMatchObject({ ok: false, error: { code: 'UNIQUE_VIOLATION', details: { columns: ['boat_id', 'seat'] } } })
      const missing = await t.result('records.insert', { sessionId, table: 'crew', values: { boat_id: 3, seat: 'cox' } })
      expect(missing).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'name', details: { fields: [{ field: 'name', rule: 'notNull' }] } },
      })
    })

    it('refuses unknown columns in values, naming them', async () => {
      const answer = await t.result('records.insert', { sessionId, table: 'crew', values: { boat_id: 3, seat: 'cox', nmae: 'x' } })
      expect(answer).toMatchObject({ ok: false, error: { code: 'COLUMN_NOT_FOUND', field: 'values.nmae' } })
    })

    it('answers QUERY_FAILED with the database words for other refusals', async () => {
      // An aggregate view cannot be written in any of the three databases.
      await t.raw('CREATE VIEW crew_count AS SELECT COUNT(*) AS n FROM crew')
      const answer = await t.result('records.bulkDelete', { sessionId, table: 'crew_count' })
      expect(answer.ok).toBe(false)
      if (!answer.ok) {
        expect(answer.error.code).toBe('QUERY_FAILED')
        expect(answer.error.message).toMatch(/crew_count/)
      }
    })
  })
})
