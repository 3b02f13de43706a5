import { beforeAll, expect, it } from 'vitest'
import type pg from 'pg'
import { restoreEngineSession } from '../../src/main/engine/connection/output-settings'
import { sqlModesOf } from '../../src/main/engine/connection/mysql-sql-mode'
import type { ConnectionManagerInternals } from '../../src/main/engine/query/runner'
import { describeDialects } from './harness'

interface MysqlResettable {
  reset(callback: (error: Error | null) => void): void
}

/**
 * The console runs the user's SQL on the session's pooled connections, and the grid is lent the same
 * connections next. A `SET` in the console (extra_float_digits, DateStyle, IntervalStyle, the time
 * zone, search_path, bytea_output, default_transaction_read_only; MySQL's time_zone, character sets,
 * sql_mode, sql_select_limit, autocommit) must not change what the grid shows or writes afterwards:
 * rounded floats, dates in another style or zone, another schema's table of the same name, text in
 * another character set, a page cut short, a write refused or left uncommitted.
 */
describeDialects(
  'a console SET stays in the console',
  (t) => {
    let sessionId = ''
    beforeAll(async () => {
      if (t.dialect === 'postgres') {
        await t.raw('CREATE TABLE readings (id INTEGER PRIMARY KEY, d DOUBLE PRECISION, at TIMESTAMPTZ, iv INTERVAL, b BYTEA, note TEXT)')
        await t.raw(
          "INSERT INTO readings VALUES (1, 0.30000000000000004, '2026-12-05 06:50:00+00', '-1 day +2:03:04', '\\x00ff'::bytea, 'ünï')",
        )
        // A table of the same name elsewhere: a search_path set in the console must not make the grid read it.
        await t.raw('CREATE SCHEMA elsewhere')
        await t.raw(
          'CREATE TABLE elsewhere.readings (id INTEGER PRIMARY KEY, d DOUBLE PRECISION, at TIMESTAMPTZ, iv INTERVAL, b BYTEA, note TEXT)',
        )
        await t.raw("INSERT INTO elsewhere.readings VALUES (1, 1, '2000-01-01 00:00:00+00', '1 day', '\\x01'::bytea, 'other')")
      } else {
        await t.raw('CREATE TABLE readings (id INTEGER PRIMARY KEY, d DOUBLE, at TIMESTAMP(6), note VARCHAR(20))')
        await t.raw("INSERT INTO readings VALUES (1, 0.30000000000000004, '2026-12-05 06:50:00', 'ünï')")
      }
      sessionId = await t.open()
    })

    const SETS = {
      postgres: [
        'SET extra_float_digits = 0',
        "SET DateStyle = 'SQL, DMY'",
        'SET IntervalStyle = sql_standard',
        "SET TIME ZONE 'Asia/Tokyo'",
        'SET search_path = elsewhere',
        "SET bytea_output = 'escape'",
        'SET default_transaction_read_only = on',
        'SET lock_timeout = 1',
        // Last: the tests' login is a superuser, which may become another user.
        'SET SESSION AUTHORIZATION pg_read_all_data',
      ],
      mysql: [
        "SET time_zone = '+05:00'",
        'SET NAMES latin1',
        "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'",
        'SET SESSION sql_select_limit = 0',
        'SET SESSION foreign_key_checks = 0',
        'SET SESSION autocommit = 0',
        'SET SESSION TRANSACTION READ ONLY',
        'SET timestamp = 1',
      ],
    } as const

    it('the grid reads, finds and writes as before, whichever connection it is lent', async () => {
      const before = (await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })).rows
      expect(before[0].d).toBe(0.30000000000000004)
      await t.call('query.run', { sessionId, runId: 'state-1', sql: SETS[t.dialect as 'postgres' | 'mysql'].join('; ') })
      // The console's connection is back in the pool: read often enough to be lent it.
      for (let i = 0; i < 8; i++) {
        expect((await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })).rows).toEqual(before)
        const found = await t.call('records.page', { sessionId, table: 'readings', filters: [{ column: 'note', op: 'eq', value: 'ünï' }] })
        expect(found.rows).toHaveLength(1)
      }
      const seen = await t.call('records.get', { sessionId, table: 'readings', key: { id: 1 } })
      await t.call('records.update', { sessionId, table: 'readings', key: { id: 1 }, original: seen, values: { note: 'edited' } })
      const stored = (await t.raw('SELECT d, note FROM readings WHERE id = 1')) as Array<{ d: number; note: string }>
      expect(stored[0]).toEqual({ d: 0.30000000000000004, note: 'edited' })
    })

    it('puts the connection back as it was, instead of dropping it (the restoring statements are valid on this server)', async () => {
      const manager = t.api.engine.sessions.get(sessionId).sequelize.connectionManager as unknown as ConnectionManagerInternals
      const connection = await manager.getConnection({ type: 'write' })
      try {
        if (t.dialect === 'postgres') {
          const client = connection as pg.Client
          const settings =
            "SELECT current_setting('extra_float_digits') AS f, current_setting('TimeZone') AS z, current_setting('default_transaction_read_only') AS r, current_setting('client_min_messages') AS m"
          const before = (await client.query(settings)).rows
          await client.query(SETS.postgres.join('; '))
          await restoreEngineSession(client)
          expect((await client.query(settings)).rows).toEqual(before)
        } else {
          const client = connection as { query(sql: string, callback: (error: Error | null, rows: unknown) => void): void }
          const query = (sql: string) =>
            new Promise<unknown>((resolve, reject) => client.query(sql, (error, rows) => (error ? reject(error) : resolve(rows))))
          const variables =
            'SELECT @@SESSION.time_zone AS z, @@SESSION.sql_select_limit AS l, @@SESSION.autocommit AS a, @@SESSION.sql_mode AS m'
          const before = await query(variables)
          for (const sql of SETS.mysql) await query(sql)
          // As the console gives a connection back: COM_RESET_CONNECTION, then the engine's own settings.
          await new Promise<void>((resolve, reject) =>
            (connection as MysqlResettable).reset((error) => (error ? reject(error) : resolve())),
          )
          await query(sqlModesOf(connection as object)!.restore)
          expect(await query(variables)).toEqual(before)
        }
      } finally {
        manager.releaseConnection(connection)
      }
    })

    it('a temporary table made in the console never hides the table of that name from the grid', async () => {
      await t.call('query.run', {
        sessionId,
        runId: 'state-temp',
        sql: 'CREATE TEMPORARY TABLE readings (id INTEGER PRIMARY KEY, note VARCHAR(20)); INSERT INTO readings VALUES (1, ' + "'the copy')",
      })
      for (let i = 0; i < 8; i++) {
        const page = await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })
        expect(page.rows.map((row) => row.note)).toEqual(['edited'])
      }
    })

    it.skipIf(t.dialect !== 'mysql')(
      'MySQL: a temporary table made by a procedure the console calls does not hide the table either',
      async () => {
        await t.raw(
          "CREATE PROCEDURE make_copy() BEGIN CREATE TEMPORARY TABLE readings (id INTEGER PRIMARY KEY, note VARCHAR(20)); INSERT INTO readings VALUES (1, 'the copy'); END",
        )
        await t.call('query.run', { sessionId, runId: 'state-call', sql: 'CALL make_copy()' })
        for (let i = 0; i < 8; i++) {
          expect((await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })).rows.map((row) => row.note)).toEqual([
            'edited',
          ])
        }
      },
    )

    it('locks taken in the console are let go: named and advisory locks, MySQL table locks', async () => {
      await t.raw('CREATE TABLE others (id INTEGER PRIMARY KEY)')
      const sql =
        t.dialect === 'postgres' ? 'SELECT pg_advisory_lock(4242)' : "SELECT GET_LOCK('rowboat-state', 0); LOCK TABLES readings READ"
      await t.call('query.run', { sessionId, runId: 'state-locks', sql })
      const free =
        t.dialect === 'postgres'
          ? 'SELECT pg_try_advisory_lock(4242) AS free, pg_advisory_unlock(4242) AS unlocked'
          : "SELECT IS_FREE_LOCK('rowboat-state') AS free"
      expect(Boolean(((await t.raw(free)) as Array<{ free: unknown }>)[0].free)).toBe(true)
      // Under LOCK TABLES a connection may read only the tables it locked.
      for (let i = 0; i < 8; i++) expect((await t.call('records.page', { sessionId, table: 'others', pageSize: 10 })).rows).toEqual([])
    })

    it('a transaction a run leaves open is rolled back and said so; the grid never works inside it', async () => {
      const begin = t.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN'
      const run = await t.call('query.run', {
        sessionId,
        runId: 'state-tx',
        sql: `${begin}; UPDATE readings SET note = 'uncommitted' WHERE id = 1`,
      })
      expect(run.statements.at(-1)?.notices.join(' ')).toMatch(/began a transaction and did not end it, so Rowboat rolled it back/)
      for (let i = 0; i < 8; i++) {
        expect((await t.call('records.page', { sessionId, table: 'readings', pageSize: 10 })).rows.map((row) => row.note)).toEqual([
          'edited',
        ])
      }
      const seen = await t.call('records.get', { sessionId, table: 'readings', key: { id: 1 } })
      await t.call('records.update', { sessionId, table: 'readings', key: { id: 1 }, original: seen, values: { note: 'by the grid' } })
      expect(((await t.raw('SELECT note FROM readings WHERE id = 1')) as Array<{ note: string }>)[0].note).toBe('by the grid')
      // A last result longer than a page is not kept open inside the transaction (closing it later would roll back without a word).
      await t.raw('CREATE TABLE many (id INTEGER PRIMARY KEY)')
      await t.raw('INSERT INTO many VALUES (1), (2), (3)')
      const paged = await t.call('query.run', {
        sessionId,
        runId: 'state-tx-paged',
        rowLimit: 1,
        sql: `${begin}; UPDATE readings SET note = 'uncommitted' WHERE id = 1; SELECT id FROM many ORDER BY id`,
      })
      const last = paged.statements.at(-1)
      expect(last?.resultId).toBeUndefined()
      expect(last?.totalRows).toBe(3)
      expect(last?.notices.join(' ')).toMatch(/rolled it back/)
      expect(((await t.raw('SELECT note FROM readings WHERE id = 1')) as Array<{ note: string }>)[0].note).toBe('by the grid')
      // A run that ends its own transaction is not told anything.
      const whole = await t.call('query.run', {
        sessionId,
        runId: 'state-tx-2',
        sql: `${begin}; UPDATE readings SET note = 'edited' WHERE id = 1; COMMIT`,
      })
      expect(whole.statements.flatMap((statement) => statement.notices)).toEqual([])
      expect(((await t.raw('SELECT note FROM readings WHERE id = 1')) as Array<{ note: string }>)[0].note).toBe('edited')
      if (t.dialect !== 'mysql') return
      // MySQL: autocommit off opens a transaction without BEGIN; a statement that commits implicitly (DDL) ends one.
      const off = await t.call('query.run', {
        sessionId,
        runId: 'state-tx-3',
        sql: "SET autocommit = 0; UPDATE readings SET note = 'lost' WHERE id = 1",
      })
      expect(off.statements.at(-1)?.notices.join(' ')).toMatch(/rolled it back/)
      expect(((await t.raw('SELECT note FROM readings WHERE id = 1')) as Array<{ note: string }>)[0].note).toBe('edited')
      const ddl = await t.call('query.run', {
        sessionId,
        runId: 'state-tx-4',
        sql: "START TRANSACTION; UPDATE readings SET note = 'kept by DDL' WHERE id = 1; CREATE TABLE after_ddl (id INTEGER)",
      })
      expect(ddl.statements.flatMap((statement) => statement.notices)).toEqual([])
      expect(((await t.raw('SELECT note FROM readings WHERE id = 1')) as Array<{ note: string }>)[0].note).toBe('kept by DDL')
      await t.raw("UPDATE readings SET note = 'edited' WHERE id = 1")
    })

    it('the console itself keeps what the user set, for the statements of that run', async () => {
      const sql =
        t.dialect === 'postgres'
          ? 'SET extra_float_digits = 0; SELECT d FROM readings'
          : "SET time_zone = '+05:00'; SELECT at FROM readings"
      const run = await t.call('query.run', { sessionId, runId: 'state-2', sql })
      const value = run.statements[1].rows[0][0]
      expect(String(value)).toBe(t.dialect === 'postgres' ? '0.3' : '2026-12-05 11:50:00.000000')
    })
  },
  ['postgres', 'mysql'],
)

describeDialects(
  'a SQLite console run that leaves a transaction open',
  (t) => {
    it('is rolled back and said so (closing the console’s handle would roll it back without a word)', async () => {
      await t.raw('CREATE TABLE readings (id INTEGER PRIMARY KEY, note TEXT)')
      await t.raw("INSERT INTO readings VALUES (1, 'stored')")
      const sessionId = await t.open()
      const run = await t.call('query.run', {
        sessionId,
        runId: 'sqlite-tx',
        sql: "BEGIN; UPDATE readings SET note = 'uncommitted' WHERE id = 1",
      })
      expect(run.statements.at(-1)?.notices.join(' ')).toMatch(/began a transaction and did not end it, so Rowboat rolled it back/)
      expect(((await t.raw('SELECT note FROM readings')) as Array<{ note: string }>)[0].note).toBe('stored')
      const whole = await t.call('query.run', {
        sessionId,
        runId: 'sqlite-tx-2',
        sql: "SAVEPOINT s; UPDATE readings SET note = 'saved' WHERE id = 1; RELEASE s",
      })
      expect(whole.statements.flatMap((statement) => statement.notices)).toEqual([])
      expect(((await t.raw('SELECT note FROM readings')) as Array<{ note: string }>)[0].note).toBe('saved')
    })
  },
  ['sqlite'],
)
