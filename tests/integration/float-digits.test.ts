import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { only } from './console-support'
import { describeDialects, rawQuery } from './harness'
import { transfer, writeGrant } from './transfer-support'

/**
 * PostgreSQL prints floats with every digit they need only while `extra_float_digits` is above 0
 * (1 by default since PostgreSQL 12). A database, role or server set to 0 or less (old setups,
 * poolers' start-up parameters) prints 15 digits for a double and 6 for a real, so a client that
 * takes the session as it comes shows, exports and writes back rounded numbers. Rowboat's sessions
 * must read every float as stored however the database is set.
 */
const STORED = [
  // [id, double precision, real as PostgreSQL prints it with round-trip digits]
  [1, '0.30000000000000004', '0.1'],
  [2, '0.3333333333333333', '0.33333334'],
  [3, '123456789.12345679', '3.4028235e+38'],
  [4, '1.0000000000000002', '1.0000001'],
  [5, '-2.2250738585072014e-308', '-1.1754944e-38'],
] as const

describeDialects(
  'floats exact whatever extra_float_digits the database sets',
  (t) => {
    let sessionId = ''
    // The same rows in a database left at PostgreSQL's default: what every read must match.
    let plainSessionId = ''
    let dir = ''
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rowboat-float-digits-'))
      const plainUrl = await t.freshDatabase()
      for (const run of [t.raw, (sql: string) => rawQuery('postgres', plainUrl, sql)]) {
        await run('CREATE TABLE readings (id INTEGER PRIMARY KEY, d DOUBLE PRECISION, r REAL, note TEXT)')
        for (const [id, d, r] of STORED) await run(`INSERT INTO readings (id, d, r, note) VALUES (${id}, '${d}', '${r}', 'n')`)
      }
      // Sessions opened from now on start with it, as they would on a database set up this way.
      await t.raw('DO $$ BEGIN EXECUTE format($f$ALTER DATABASE %I SET extra_float_digits = 0$f$, current_database()); END $$')
      sessionId = await t.open()
      plainSessionId = (await t.call('sessions.open', { url: plainUrl })).sessionId
    })
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('the database really prints fewer digits to a session that takes its setting', async () => {
      const [row] = (await t.raw('SELECT d::text AS d, r::text AS r FROM readings WHERE id = 1')) as Array<{ d: string; r: string }>
      expect(row).toEqual({ d: '0.3', r: '0.1' })
    })

    it('pages show every stored digit', async () => {
      const page = await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })
      expect(page.rows.map((row) => row.d)).toEqual(STORED.map(([, d]) => Number(d)))
      const plain = await t.call('records.page', { sessionId: plainSessionId, table: 'readings', pageSize: 10 })
      expect(page.rows).toEqual(plain.rows)
    })

    it('the console shows every stored digit, on a manual tab’s own connection too', async () => {
      const sql = 'SELECT d, r::float8 AS widened FROM readings ORDER BY id'
      const manualTab = async (session: string) => {
        const tab = await t.call('query.newTab', { sessionId: session })
        return (await t.call('query.updateTab', { sessionId: session, tabId: tab.id, mode: 'manual' })).id
      }
      const tabs = { set: await manualTab(sessionId), plain: await manualTab(plainSessionId) }
      let runs = 0
      const rowsOf = async (session: string, tabId?: string) =>
        only(await t.call('query.run', { sessionId: session, runId: `float-digits-${++runs}`, sql, ...(tabId ? { tabId } : {}) })).rows
      for (const [set, plain] of [
        [await rowsOf(sessionId), await rowsOf(plainSessionId)],
        [await rowsOf(sessionId, tabs.set), await rowsOf(plainSessionId, tabs.plain)],
      ]) {
        expect(JSON.stringify(set)).toContain('0.30000000000000004')
        expect(set).toEqual(plain)
      }
    })

    it('an edit of another column leaves the floats as stored', async () => {
      const seen = await t.call('records.get', { sessionId, table: 'readings', key: { id: 1 } })
      await t.call('records.update', { sessionId, table: 'readings', key: { id: 1 }, original: seen, values: { note: 'edited' } })
      const [row] = (await t.raw(
        "SELECT d = '0.30000000000000004'::float8 AS d_kept, r = '0.1'::real AS r_kept, note FROM readings WHERE id = 1",
      )) as Array<{ d_kept: boolean; r_kept: boolean; note: string }>
      expect(row).toEqual({ d_kept: true, r_kept: true, note: 'edited' })
    })

    it('exports (CSV by COPY, JSON Lines) write every stored digit', async () => {
      const exported = async (session: string, kind: 'csv' | 'jsonl', name: string) => {
        const path = join(dir, name)
        await transfer(t, 'transfer.export', {
          sessionId: session,
          table: 'readings',
          columns: ['id', 'd', 'r'],
          format: { kind },
          destination: writeGrant(t, path),
          jobId: `float-digits-${name}`,
        })
        return readFileSync(path, 'utf8')
      }
      for (const kind of ['csv', 'jsonl'] as const) {
        const text = await exported(sessionId, kind, `set.${kind}`)
        expect(text).toContain('0.30000000000000004')
        expect(text).toBe(await exported(plainSessionId, kind, `plain.${kind}`))
      }
    })
  },
  ['postgres'],
)
