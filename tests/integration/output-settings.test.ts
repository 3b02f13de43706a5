import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { only } from './console-support'
import { describeDialects, rawQuery } from './harness'
import { transfer, writeGrant } from './transfer-support'

/**
 * How PostgreSQL prints values depends on settings a database, role, server or start-up `options`
 * may change. Set to 0 or less, `extra_float_digits` prints 15 digits for a double and 6 for a real
 * (old setups, poolers' start-up parameters); DateStyle `SQL, DMY` (common in European setups)
 * prints `05/12/2026 06:50:00`. A client that takes the session as it comes shows, exports and
 * writes back rounded numbers and dates its own editors do not read. `bytea_output = escape`
 * (PostgreSQL's form before 9.0) is here to hold binary to the same bar: nothing sets it, the
 * driver reads both forms. `IntervalStyle = sql_standard` prints `-1 2:03:04` for −1 day −2:03:04,
 * which a database at the default reads as −1 day +2:03:04. Every read must match the same rows in a
 * database left at PostgreSQL's defaults.
 */
const STORED = [
  // [id, double precision, real (as printed with round-trip digits), timestamp, date, timestamptz]
  [1, '0.30000000000000004', '0.1', '2026-12-05 06:50:00.123456', '2026-12-05', '2026-12-05 06:50:00+00'],
  [2, '0.3333333333333333', '0.33333334', '1999-01-02 03:04:05', '1999-01-02', '1999-01-02 03:04:05.5+00'],
  [3, '123456789.12345679', '3.4028235e+38', '0044-03-15 12:00:00 BC', '0044-03-15 BC', '2000-02-29 23:59:59.999999+00'],
  [4, '1.0000000000000002', '1.0000001', 'infinity', '-infinity', 'infinity'],
  [5, '-2.2250738585072014e-308', '-1.1754944e-38', '2026-02-01 00:00:00', '2026-02-01', '2026-02-01 00:00:00+00'],
] as const
/** Intervals whose sql_standard text means another interval to a database at the default (`-1 2:03:04`). */
const SPANS = ['-1 day -02:03:04', '1 year 2 mons -3 days +04:05:06.5', '-1 years -2 mons', '3 days', '-00:00:00.000001']

describeDialects(
  'values as stored whatever extra_float_digits, DateStyle and bytea_output the database sets',
  (t) => {
    let sessionId = ''
    // The same rows in a database left at PostgreSQL's default: what every read must match.
    let plainSessionId = ''
    let dir = ''
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rowboat-output-settings-'))
      const plainUrl = await t.freshDatabase()
      for (const run of [t.raw, (sql: string) => rawQuery('postgres', plainUrl, sql)]) {
        await run(
          'CREATE TABLE readings (id INTEGER PRIMARY KEY, d DOUBLE PRECISION, r REAL, at TIMESTAMP(6), on_day DATE, at_tz TIMESTAMPTZ, note TEXT, bytes BYTEA, span INTERVAL)',
        )
        for (const [id, d, r, at, onDay, atTz] of STORED)
          await run(
            `INSERT INTO readings VALUES (${id}, '${d}', '${r}', '${at}', '${onDay}', '${atTz}', 'n', '\\x00ff5c270${id}'::bytea, '${SPANS[id - 1]}')`,
          )
      }
      // Sessions opened from now on start with them, as they would on a database set up this way.
      for (const setting of ['extra_float_digits = 0', "DateStyle = 'SQL, DMY'", "bytea_output = 'escape'", 'IntervalStyle = sql_standard'])
        await t.raw(`DO $$ BEGIN EXECUTE format($f$ALTER DATABASE %I SET ${setting}$f$, current_database()); END $$`)
      sessionId = await t.open()
      plainSessionId = (await t.call('sessions.open', { url: plainUrl })).sessionId
    })
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('the database really prints this way to a session that takes its settings', async () => {
      const [row] = (await t.raw('SELECT d::text AS d, r::text AS r, at::text AS at FROM readings WHERE id = 1')) as Array<
        Record<string, string>
      >
      expect(row).toEqual({ d: '0.3', r: '0.1', at: '05/12/2026 06:50:00.123456' })
    })

    it('pages show every stored digit and ISO dates', async () => {
      const page = await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })
      expect(page.rows.map((row) => row.d)).toEqual(STORED.map(([, d]) => Number(d)))
      expect(page.rows[0].at).toBe('2026-12-05 06:50:00.123456')
      const plain = await t.call('records.page', { sessionId: plainSessionId, table: 'readings', pageSize: 10 })
      expect(page.rows).toEqual(plain.rows)
    })

    it('the console shows every stored digit and ISO dates, on a manual tab’s own connection too', async () => {
      const sql = 'SELECT d, r::float8 AS widened, at, on_day, at_tz, bytes FROM readings ORDER BY id'
      const manualTab = async (session: string) => {
        const tab = await t.call('query.newTab', { sessionId: session })
        return (await t.call('query.updateTab', { sessionId: session, tabId: tab.id, mode: 'manual' })).id
      }
      const tabs = { set: await manualTab(sessionId), plain: await manualTab(plainSessionId) }
      let runs = 0
      const rowsOf = async (session: string, tabId?: string) =>
        only(await t.call('query.run', { sessionId: session, runId: `output-settings-${++runs}`, sql, ...(tabId ? { tabId } : {}) })).rows
      for (const [set, plain] of [
        [await rowsOf(sessionId), await rowsOf(plainSessionId)],
        [await rowsOf(sessionId, tabs.set), await rowsOf(plainSessionId, tabs.plain)],
      ]) {
        expect(JSON.stringify(set)).toContain('0.30000000000000004')
        expect(JSON.stringify(set)).toContain('2026-12-05 06:50:00.123456')
        expect(set).toEqual(plain)
      }
    })

    it('an edit of another column leaves the floats as stored', async () => {
      const seen = await t.call('records.get', { sessionId, table: 'readings', key: { id: 1 } })
      await t.call('records.update', { sessionId, table: 'readings', key: { id: 1 }, original: seen, values: { note: 'edited' } })
      const [row] = (await t.raw(
        "SELECT d = '0.30000000000000004'::float8 AS d_kept, r = '0.1'::real AS r_kept, at = '2026-12-05 06:50:00.123456' AS at_kept, note FROM readings WHERE id = 1",
      )) as Array<Record<string, unknown>>
      expect(row).toEqual({ d_kept: true, r_kept: true, at_kept: true, note: 'edited' })
    })

    it('a date typed in the grid is stored as typed, and the console still reads ambiguous dates in the database’s day/month order', async () => {
      // In both databases, so the exports below still match.
      for (const session of [sessionId, plainSessionId]) {
        const seen = await t.call('records.get', { sessionId: session, table: 'readings', key: { id: 5 } })
        await t.call('records.update', {
          sessionId: session,
          table: 'readings',
          key: { id: 5 },
          original: seen,
          values: { on_day: '2026-03-04' },
        })
      }
      const [row] = (await t.raw("SELECT on_day = DATE '2026-03-04' AS kept FROM readings WHERE id = 5")) as Array<Record<string, unknown>>
      expect(row).toEqual({ kept: true })
      // Only the output part of DateStyle is Rowboat's: the order an app's users type dates in stays theirs.
      const typed = only(
        await t.call('query.run', { sessionId, runId: 'output-settings-dmy', sql: "SELECT DATE '04/03/2026' = DATE '2026-03-04' AS dmy" }),
      )
      expect(typed.rows).toEqual([[true]])
    })

    it('exports (CSV by COPY, JSON Lines) write every stored digit and ISO dates', async () => {
      const exported = async (session: string, kind: 'csv' | 'jsonl', name: string) => {
        const path = join(dir, name)
        await transfer(t, 'transfer.export', {
          sessionId: session,
          table: 'readings',
          columns: ['id', 'd', 'r', 'at', 'on_day', 'at_tz', 'bytes', 'span'],
          format: { kind },
          destination: writeGrant(t, path),
          jobId: `output-settings-${name}`,
        })
        return readFileSync(path, 'utf8')
      }
      for (const kind of ['csv', 'jsonl'] as const) {
        const text = await exported(sessionId, kind, `set.${kind}`)
        expect(text).toContain('0.30000000000000004')
        expect(text).toContain('2026-12-05 06:50:00.123456')
        expect(text).toBe(await exported(plainSessionId, kind, `plain.${kind}`))
      }
    })

    it('intervals are shown and written in PostgreSQL’s default style, and the console reads typed ones in the database’s', async () => {
      const page = await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })
      expect(page.rows[0].span).toBe('-1 days -02:03:04')
      const seen = await t.call('records.get', { sessionId, table: 'readings', key: { id: 2 } })
      await t.call('records.update', { sessionId, table: 'readings', key: { id: 2 }, original: seen, values: { span: seen.span } })
      const [row] = (await t.raw("SELECT span = interval '1 year 2 mons -3 days +04:05:06.5' AS kept FROM readings WHERE id = 2")) as Array<
        Record<string, unknown>
      >
      expect(row).toEqual({ kept: true })
      // Under sql_standard a leading sign applies to every field: the user's SQL means what it means in psql.
      const typed = only(
        await t.call('query.run', {
          sessionId,
          runId: 'output-settings-interval',
          sql: "SELECT '-1 2:03:04'::interval = '-1 day -2:03:04'::interval AS standard, current_setting('IntervalStyle') AS style",
        }),
      )
      expect(typed.rows).toEqual([[true, 'sql_standard']])
    })
  },
  ['postgres'],
)
