import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'
import { readGrant, transfer } from './transfer-support'

/**
 * SQLite reads decimal text into an 8-byte float with its own conversion, which is not correctly
 * rounded near a halfway point: the literal -0.9309114 becomes -0.9309113999999999, one step from
 * the float every other reader (JavaScript, Python, the C library) makes of it. A value typed in the
 * grid, a form, a batch or a bulk edit must be stored as the float its digits name, in every column
 * SQLite stores floats in (REAL, DOUBLE, FLOAT, NUMERIC, DECIMAL, INTEGER affinity), and read back
 * as typed. (Found by comparing SQLite's CAST with JavaScript's Number on random doubles.)
 */
const TYPED = ['-0.9309114', '0.026007423', '8.181646141471', '-1863.8080827', '-581583.5578820549', '1e-7', '0.1', '42.5']
const COLUMNS = ['r REAL', 'd DOUBLE', 'f FLOAT', 'n NUMERIC', 'm DECIMAL(20,10)', 'i INTEGER']

describeDialects(
  'SQLite floats stored as the digits typed name them',
  (t) => {
    let sessionId = ''
    beforeAll(async () => {
      await t.raw(`CREATE TABLE reals (id INTEGER PRIMARY KEY, ${COLUMNS.join(', ')})`)
      sessionId = await t.open()
    })
    const names = COLUMNS.map((c) => c.split(' ')[0])
    // node-sqlite3 hands a REAL over as the very double stored.
    const stored = async (id: number) =>
      ((await t.raw(`SELECT ${names.join(', ')} FROM reals WHERE id = ${id}`)) as Array<Record<string, unknown>>)[0]
    const asTyped = (typed: string) => Object.fromEntries(names.map((n) => [n, Number(typed)]))

    it('typed into a new row, an edit, a staged batch and a bulk edit', async () => {
      let id = 0
      for (const typed of TYPED) {
        const values = Object.fromEntries(names.map((n) => [n, typed]))
        await t.call('records.insert', { sessionId, table: 'reals', values: { id: ++id, ...values } })
        const inserted = await stored(id)
        await t.call('records.insert', { sessionId, table: 'reals', values: { id: ++id } })
        const seen = await t.call('records.get', { sessionId, table: 'reals', key: { id } })
        await t.call('records.update', { sessionId, table: 'reals', key: { id }, original: seen, values })
        const updated = await stored(id)
        await t.call('records.batch', { sessionId, operations: [{ kind: 'insert', table: 'reals', values: { id: ++id, ...values } }] })
        const batched = await stored(id)
        await t.call('records.insert', { sessionId, table: 'reals', values: { id: ++id } })
        await t.call('records.bulkUpdate', { sessionId, table: 'reals', filters: [{ column: 'id', op: 'eq', value: id }], values })
        const bulk = await stored(id)
        for (const [how, row] of Object.entries({ inserted, updated, batched, bulk })) {
          expect({ typed, how, row }).toEqual({ typed, how, row: asTyped(typed) })
        }
      }
      // And the grid shows what was typed.
      const page = await t.call('records.page', {
        sessionId,
        table: 'reals',
        pageSize: 100,
        filters: [{ column: 'id', op: 'eq', value: 1 }],
      })
      expect(page.rows[0].r).toBe(-0.9309114)
      // And finds it by the digits typed in a filter (4 rows hold -0.9309114 in each column).
      for (const name of names.filter((n) => n !== 'i')) {
        const found = await t.call('records.count', {
          sessionId,
          table: 'reals',
          exact: true,
          filters: [{ column: name, op: 'eq', value: '-0.9309114' }],
        })
        expect({ name, found: found.value }).toEqual({ name, found: 4 })
        const below = await t.call('records.count', {
          sessionId,
          table: 'reals',
          exact: true,
          filters: [{ column: name, op: 'lte', value: '-0.9309114' }],
        })
        expect({ name, below: below.value }).toEqual({ name, below: 4 * TYPED.filter((typed) => Number(typed) <= -0.9309114).length })
      }
    })

    it('imported from CSV', async () => {
      const path = join(t.dir, 'reals.csv')
      // The import refuses a fraction for an INTEGER column (a whole number is what it holds): that one stays empty.
      const floats = names.filter((n) => n !== 'i')
      const lines = TYPED.map((typed, i) => `${1000 + i},${floats.map(() => typed).join(',')}`)
      writeFileSync(path, `id,${floats.join(',')}\n${lines.join('\n')}\n`)
      const result = await transfer(t, 'transfer.import', { sessionId, table: 'reals', source: readGrant(t, path), jobId: 'sqlite-reals' })
      expect(result).toMatchObject({ inserted: TYPED.length })
      for (const [i, typed] of TYPED.entries()) {
        expect({ typed, row: await stored(1000 + i) }).toEqual({ typed, row: { ...asTyped(typed), i: null } })
      }
    })
  },
  ['sqlite'],
)
