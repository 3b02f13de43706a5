import { beforeAll, describe, expect, it } from 'vitest'
import { describeDialects } from './harness'
import { autoId, rawAll } from './records-fixtures'

/** Optimistic concurrency, batches and bulk edits, on a plain (non-model) table and on the app's own. */
describeDialects('records: conflicts, batches and bulk edits', (t) => {
  let sessionId = ''

  beforeAll(async () => {
    // Rowboat's migrations first: they run only on an empty database or one they made.
    sessionId = await t.open()
    await t.call('migrations.up', { sessionId })
    await rawAll(t, [
      `CREATE TABLE oars (${autoId(t.dialect)}, maker VARCHAR(40) NOT NULL, weight DOUBLE PRECISION, note VARCHAR(100), UNIQUE (maker))`,
      `INSERT INTO oars (maker, weight, note) VALUES ('croker', 2.5, 'spare'), ('concept', 0.1, NULL), ('braca', 3.25, 'team'), ('wing', NULL, 'team')`,
    ])
  })

  const get = (id: number) => t.call('records.get', { sessionId, table: 'oars', key: { id } })

  describe('conflict detection', () => {
    it('updates when the row still holds what the user saw (a float included)', async () => {
      const seen = await get(2)
      expect(seen.weight).toBe(0.1)
      const updated = await t.call('records.update', {
        sessionId,
        table: 'oars',
        key: { id: 2 },
        original: seen,
        values: { note: 'light' },
      })
      expect(updated).toEqual({ ...seen, note: 'light' })
    })

    it('answers CONFLICT with the current row when it changed behind the app, and changes nothing', async () => {
      const seen = await get(1)
      await t.raw(`UPDATE oars SET weight = 2.75 WHERE id = 1`)
      const answer = await t.result('records.update', {
        sessionId,
        table: 'oars',
        key: { id: 1 },
        original: seen,
        values: { note: 'mine' },
      })
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', field: 'weight', details: { current: { ...seen, weight: 2.75 } } },
      })
      expect(await get(1)).toEqual({ ...seen, weight: 2.75 })
      // Comparing only the columns the user edited: a change elsewhere does not block.
      const narrow = await t.call('records.update', {
        sessionId,
        table: 'oars',
        key: { id: 1 },
        original: { note: 'spare' },
        values: { note: 'mine' },
      })
      expect(narrow.note).toBe('mine')
    })

    it('answers CONFLICT on delete when the row changed, and keeps it', async () => {
      const seen = await get(3)
      await t.raw(`UPDATE oars SET note = 'sold' WHERE id = 3`)
      const answer = await t.result('records.delete', { sessionId, table: 'oars', key: { id: 3 }, original: seen })
      expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { current: { ...seen, note: 'sold' } } } })
      expect(await get(3)).toEqual({ ...seen, note: 'sold' })
    })

    it('answers CONFLICT with current null when the row was deleted behind the app', async () => {
      const seen = await get(4)
      await t.raw(`DELETE FROM oars WHERE id = 4`)
      for (const answer of [
        await t.result('records.update', { sessionId, table: 'oars', key: { id: 4 }, original: seen, values: { note: 'x' } }),
        await t.result('records.delete', { sessionId, table: 'oars', key: { id: 4 }, original: seen }),
      ]) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { current: null } } })
      }
      expect((await t.call('records.count', { sessionId, table: 'oars' })).value).toBe(3)
    })
  })

  describe('batches', () => {
    it('applies every operation in order and answers each result', async () => {
      const seen = await get(2)
      const results = await t.call('records.batch', {
        sessionId,
        operations: [
          { kind: 'insert', table: 'oars', values: { maker: 'dreher', weight: 2 } },
          { kind: 'update', table: 'oars', key: { id: 2 }, original: { note: seen.note! }, values: { note: 'batched' } },
          { kind: 'insert', table: 'users', values: { username: 'cox', email: 'cox@example.com' } },
        ],
      })
      expect(results).toMatchObject([
        { kind: 'insert', row: { maker: 'dreher', weight: 2 } },
        { kind: 'update', row: { id: 2, note: 'batched' } },
        { kind: 'insert', row: { username: 'cox' } },
      ])
      const dreher = results[0].kind === 'insert' ? results[0].row : null
      const deleted = await t.call('records.batch', {
        sessionId,
        operations: [{ kind: 'delete', table: 'oars', key: { id: dreher!.id! }, original: dreher! }],
      })
      expect(deleted).toEqual([{ kind: 'delete', deleted: 1 }])
    })

    it('undoes the first operation when the second fails, naming the failing one', async () => {
      const before = await t.call('records.page', { sessionId, table: 'oars', pageSize: 100 })
      const answer = await t.result('records.batch', {
        sessionId,
        operations: [
          { kind: 'update', table: 'oars', key: { id: 2 }, original: {}, values: { note: 'first' } },
          { kind: 'insert', table: 'oars', values: { maker: 'croker' } },
          { kind: 'insert', table: 'oars', values: { maker: 'never' } },
        ],
      })
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNIQUE_VIOLATION', details: { operationIndex: 1, columns: ['maker'] } } })
      expect((await t.call('records.page', { sessionId, table: 'oars', pageSize: 100 })).rows).toEqual(before.rows)
    })

    it('undoes everything when a later operation conflicts or breaks a model rule', async () => {
      const seen = await get(1)
      await t.raw(`UPDATE oars SET note = 'behind' WHERE id = 1`)
      const conflict = await t.result('records.batch', {
        sessionId,
        operations: [
          { kind: 'insert', table: 'oars', values: { maker: 'ghost' } },
          { kind: 'delete', table: 'oars', key: { id: 1 }, original: seen },
        ],
      })
      expect(conflict).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { operationIndex: 1, current: { note: 'behind' } } },
      })
      const invalid = await t.result('records.batch', {
        sessionId,
        operations: [
          { kind: 'insert', table: 'oars', values: { maker: 'ghost' } },
          { kind: 'insert', table: 'posts', values: { title: 'x'.repeat(300), user_id: 1 } },
        ],
      })
      expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'title', details: { operationIndex: 1 } } })
      expect(
        (await t.call('records.count', { sessionId, table: 'oars', filters: [{ column: 'maker', op: 'eq', value: 'ghost' }] })).value,
      ).toBe(0)
    })
  })

  describe('bulk edits', () => {
    it('updates and deletes the selected rows in one go, answering the counts', async () => {
      await rawAll(t, [
        `CREATE TABLE buoys (${autoId(t.dialect)}, color VARCHAR(20), lit INTEGER)`,
        ...Array.from(
          { length: 12 },
          (_, i) => `INSERT INTO buoys (color, lit) VALUES (${i % 3 === 0 ? 'NULL' : `'${i % 2 ? 'red' : 'green'}'`}, ${i % 4})`,
        ),
      ])
      // Rows that already hold the new value still count (MySQL would report only changed rows).
      await t.raw(`UPDATE buoys SET lit = 1 WHERE id = 2`)
      const red = await t.call('records.bulkUpdate', {
        sessionId,
        table: 'buoys',
        filters: [{ column: 'color', op: 'eq', value: 'red' }],
        values: { lit: 1 },
      })
      expect(red).toEqual({ affected: 4 })
      expect(
        (await t.call('records.count', { sessionId, table: 'buoys', filters: [{ column: 'lit', op: 'eq', value: 1 }] })).value,
      ).toBeGreaterThanOrEqual(4)
      const notRed = await t.call('records.bulkUpdate', {
        sessionId,
        table: 'buoys',
        filters: [{ column: 'color', op: 'ne', value: 'red' }],
        values: { lit: 9 },
      })
      expect(notRed).toEqual({ affected: 8 })
      expect(await t.call('records.bulkDelete', { sessionId, table: 'buoys', filters: [{ column: 'color', op: 'isNull' }] })).toEqual({
        affected: 4,
      })
      expect(await t.call('records.bulkDelete', { sessionId, table: 'buoys', search: 'GREEN' })).toEqual({ affected: 4 })
      expect((await t.call('records.count', { sessionId, table: 'buoys' })).value).toBe(4)
      expect(await t.call('records.bulkDelete', { sessionId, table: 'buoys', filters: [{ column: 'lit', op: 'gt', value: 100 }] })).toEqual(
        { affected: 0 },
      )
    })

    it('undoes a bulk update that breaks a unique key', async () => {
      const before = await t.call('records.page', { sessionId, table: 'oars', pageSize: 100 })
      const answer = await t.result('records.bulkUpdate', { sessionId, table: 'oars', values: { maker: 'same' } })
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNIQUE_VIOLATION', details: { columns: ['maker'] } } })
      expect((await t.call('records.page', { sessionId, table: 'oars', pageSize: 100 })).rows).toEqual(before.rows)
    })
  })
})
