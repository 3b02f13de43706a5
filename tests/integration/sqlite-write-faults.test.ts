import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Sequelize } from 'sequelize'
import { beforeAll, expect, it } from 'vitest'
import { createMigrator } from '../../src/main/engine/migrator'
import { AppError } from '../../src/shared/errors'
import { describeDialects, rawQuery, type DialectContext } from './harness'
import { readGrant, transferResult } from './transfer-support'

/**
 * SQLite holds one write lock for the whole database: an import, a batch or a migration that
 * fails must let go of it at once, and a Cancel must work while a statement is stuck. Each test
 * proves the lock is free by writing from another connection right after (node-sqlite3 has no
 * busy timeout by default, so a held lock answers SQLITE_BUSY at once).
 */
function csvFile(t: DialectContext, name: string, rows: number): string {
  const path = join(t.dir, name)
  const lines = Array.from({ length: rows }, (_, i) => `${i + 1},row ${i + 1}`)
  writeFileSync(path, `id,v\n${lines.join('\n')}\n`)
  return path
}

/** Resolves with what the promise settled to, or 'pending' after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), ms)))
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

describeDialects(
  'SQLite write faults release the write lock',
  (t) => {
    let sessionId = ''
    beforeAll(async () => {
      // An AFTER INSERT trigger writing to a table that was dropped: every insert fails with
      // "no such table", an error about the statement, not about a row.
      await t.raw('CREATE TABLE broken (id INTEGER PRIMARY KEY, v TEXT)')
      await t.raw('CREATE TABLE gone (x)')
      await t.raw('CREATE TRIGGER broken_log AFTER INSERT ON broken BEGIN INSERT INTO gone VALUES (new.id); END')
      await t.raw('DROP TABLE gone')
      // A trigger that keeps the statement busy for a long time (a billion-step recursive count).
      await t.raw('CREATE TABLE slow (id INTEGER PRIMARY KEY, v TEXT)')
      await t.raw('CREATE TABLE sink (n INTEGER)')
      await t.raw(
        'CREATE TRIGGER slow_count AFTER INSERT ON slow BEGIN INSERT INTO sink SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT x FROM c); END',
      )
      await t.raw('CREATE TABLE other (id INTEGER PRIMARY KEY)')
      sessionId = await t.open()
    })

    const otherWriterCanWrite = async (id: number) => {
      await t.raw(`INSERT INTO other (id) VALUES (${id})`)
      expect(await t.raw(`SELECT id FROM other WHERE id = ${id}`)).toEqual([{ id }])
    }

    for (const atomic of [true, false]) {
      it(`an import whose insert hits a statement error answers a typed error at once and frees the lock (atomic: ${atomic})`, async () => {
        const started = Date.now()
        const answer = await within(
          transferResult(t, 'transfer.import', {
            sessionId,
            table: 'broken',
            source: readGrant(t, csvFile(t, `broken-${atomic}.csv`, 20)),
            atomic,
            jobId: `broken-${atomic}`,
          }),
          10_000,
        )
        expect(answer).not.toBe('pending')
        if (answer === 'pending') return
        expect(answer.ok).toBe(false)
        if (answer.ok) return
        expect(answer.error.code).toBe('QUERY_FAILED')
        expect(answer.error.message).toMatch(/no such table: main\.gone/)
        expect(Date.now() - started).toBeLessThan(5_000)
        await otherWriterCanWrite(atomic ? 1 : 2)
        // The session itself goes on working.
        expect(await t.call('records.insert', { sessionId, table: 'other', values: { id: atomic ? '11' : '12' } })).toBeTruthy()
      })
    }

    it('a batch of edits hitting the same error answers at once and frees the lock', async () => {
      const answer = await within(
        t.result('records.batch', { sessionId, operations: [{ kind: 'insert', table: 'broken', values: { id: '1', v: 'a' } }] }),
        10_000,
      )
      expect(answer).not.toBe('pending')
      if (answer === 'pending') return
      expect(answer.ok).toBe(false)
      await otherWriterCanWrite(3)
    })

    it('a migration hitting the same error fails at once and frees the lock', async () => {
      const url = await t.freshDatabase()
      const sequelize = new Sequelize({ dialect: 'sqlite', storage: url.replace(/^sqlite:/, ''), logging: false })
      try {
        const migrator = createMigrator(sequelize, {
          lockTimeoutMs: 2_000,
          migrations: [
            {
              name: '001-broken-trigger',
              async up({ sequelize: db, transaction }) {
                for (const sql of [
                  'CREATE TABLE m_broken (id INTEGER PRIMARY KEY)',
                  'CREATE TABLE m_gone (x)',
                  'CREATE TRIGGER m_log AFTER INSERT ON m_broken BEGIN INSERT INTO m_gone VALUES (new.id); END',
                  'DROP TABLE m_gone',
                  'INSERT INTO m_broken (id) VALUES (1)',
                ])
                  await db.query(sql, { transaction })
              },
              async down() {},
            },
          ],
        })
        const answer = await within(
          migrator.up().then(
            () => 'ran',
            (error: unknown) => String(error),
          ),
          10_000,
        )
        expect(answer).toMatch(/no such table: main\.m_gone/)
        await rawQuery('sqlite', url, 'CREATE TABLE probe (x)')
        expect(await rawQuery('sqlite', url, "SELECT name FROM sqlite_master WHERE name LIKE 'm\\_%' ESCAPE '\\'")).toEqual([])
      } finally {
        await sequelize.close()
      }
    })

    it('Cancel stops an import while its statement is stuck, and frees the lock', async () => {
      const jobId = 'stuck'
      const running = transferResult(t, 'transfer.import', {
        sessionId,
        table: 'slow',
        source: readGrant(t, csvFile(t, 'slow.csv', 3)),
        jobId,
      })
      // Wait until the first insert is inside the trigger (it then holds the lock for many seconds).
      const deadline = Date.now() + 10_000
      for (;;) {
        // A write that changes nothing still needs the write lock.
        const busy = await t.raw('DELETE FROM other WHERE id = -1').then(
          () => false,
          (error: unknown) => /SQLITE_BUSY/.test(String(error)),
        )
        if (busy) break
        if (Date.now() > deadline) throw new Error('the import never took the write lock')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await t.call('transfer.cancel', { jobId })).toEqual({ cancelled: true })
      const started = Date.now()
      const answer = await within(running, 5_000)
      expect(answer).not.toBe('pending')
      if (answer === 'pending') return
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(new AppError(answer.error).code).toBe('CANCELLED')
      await otherWriterCanWrite(4)
      expect(await t.raw('SELECT count(*) AS n FROM slow')).toEqual([{ n: 0 }])
    }, 60_000)
  },
  ['sqlite'],
)
