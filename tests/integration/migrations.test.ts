import { beforeAll, expect, it } from 'vitest'
import type { Sequelize } from 'sequelize'
import { migrations as bundled } from '../../migrations'
import { createApi, type Api } from '../../src/main/api'
import { acquireRunLock, createMigrator, readMigrationSummary, type Migration } from '../../src/main/engine/migrator'
import type { Dialect } from '../../src/shared/connection-types'
import type { EventMap } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { describeDialects, rawQuery, type DialectContext } from './harness'

const NAMES = bundled.map((m) => m.name)
const [USERS, POSTS, NOTES, PROFILE, INDEX] = NAMES as [string, string, string, string, string]
const STAMP = `'2024-01-01 00:00:00'`
/**
 * The SQL a plan shows: tried in a transaction that is rolled back (PostgreSQL, SQLite); MySQL,
 * whose DDL commits at once, says plainly that there is none.
 */
const previewMatching = (dialect: string, pattern: RegExp): unknown =>
  dialect === 'mysql'
    ? expect.objectContaining({ kind: 'unavailable', reason: expect.stringMatching(/commit every schema change at once/) as unknown })
    : { kind: 'sql', sql: expect.stringMatching(pattern) as unknown }

/** Catalog questions answered with the plain driver, independent of the code under test. */
function catalog(dialect: Dialect, url: string) {
  const names = async (sql: string) => (await rawQuery(dialect, url, sql)).map((r) => String((r as { name: string }).name))
  const where = {
    sqlite: {
      tables: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      columns: (t: string) => `SELECT name FROM pragma_table_info('${t}')`,
      indexes: `SELECT name FROM sqlite_master WHERE type = 'index'`,
    },
    mysql: {
      tables: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
      columns: (t: string) =>
        `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${t}'`,
      indexes: `SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`,
    },
    postgres: {
      tables: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
      columns: (t: string) =>
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'`,
      indexes: `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`,
    },
  }[dialect]
  return {
    tables: () => names(where.tables),
    columns: (table: string) => names(where.columns(table)),
    indexes: () => names(where.indexes),
    metaNames: () => names(`SELECT name FROM ${dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'}`),
  }
}

describeDialects('migrations', (t: DialectContext) => {
  let sessionId = ''
  let sequelize: Sequelize
  let db: ReturnType<typeof catalog>
  const events: Array<EventMap['migrations.progress']> = []

  beforeAll(async () => {
    sessionId = await t.open()
    sequelize = t.api.engine.sessions.get(sessionId).sequelize
    db = catalog(t.dialect, t.url)
    t.api.engine.emit = (event, payload) => {
      if (event === 'migrations.progress') events.push(payload as EventMap['migrations.progress'])
    }
  })

  it('reports every migration pending on a fresh database, without creating anything', async () => {
    const status = await t.call('migrations.status', { sessionId })
    expect(status.current).toBeNull()
    expect(status.migrations).toEqual(NAMES.map((name) => ({ name, state: 'pending', appliedAt: null })))
    expect(await readMigrationSummary(sequelize)).toEqual({
      tracked: false,
      applied: 0,
      pending: 5,
      current: null,
      ownership: { managed: true },
    })
    expect(await t.call('migrations.plan', { sessionId, direction: 'up' })).toEqual({
      direction: 'up',
      migrations: NAMES,
      dataLoss: [],
      preview: previewMatching(
        t.dialect,
        /-- 0001-create-users \(up\)\nCREATE TABLE IF NOT EXISTS [`"]users[`"][\s\S]*-- 0005-index-posts-user-id \(up\)\nCREATE INDEX/,
      ),
    })
    // The trial run left nothing behind.
    expect(await db.tables()).not.toContain('users')
    expect(await db.tables()).not.toContain('SequelizeMeta')
  })

  it('applies every pending migration, with progress, and records when', async () => {
    const before = Date.now() - 5_000
    const run = await t.call('migrations.up', { sessionId })
    expect(run.ran).toEqual(NAMES)
    expect(await db.tables()).toEqual(expect.arrayContaining(['users', 'posts', 'notes', 'SequelizeMeta']))
    expect((await db.columns('users')).sort()).toEqual(['bio', 'created_at', 'email', 'id', 'is_active', 'score', 'updated_at', 'username'])
    expect((await db.columns('posts')).sort()).toEqual(['content', 'created_at', 'id', 'title', 'updated_at', 'user_id'])
    expect(await db.indexes()).toContain('posts_user_id')
    const status = await t.call('migrations.status', { sessionId })
    expect(status.current).toBe(INDEX)
    for (const m of status.migrations) {
      expect(m.state).toBe('applied')
      expect(Date.parse(m.appliedAt!)).toBeGreaterThan(before)
      expect(Date.parse(m.appliedAt!)).toBeLessThan(Date.now() + 5_000)
    }
    expect(run.status).toEqual(status)
    expect(events.map((e) => `${e.phase} ${e.name} ${e.index}/${e.total}`)).toEqual(
      NAMES.flatMap((n, i) => [`start ${n} ${i}/5`, `done ${n} ${i}/5`]),
    )
    expect(events.every((e) => e.sessionId === sessionId && e.direction === 'up')).toBe(true)
    expect(await readMigrationSummary(sequelize)).toEqual({
      tracked: true,
      applied: 5,
      pending: 0,
      current: INDEX,
      ownership: { managed: true },
    })
  })

  it('plans a rollback with the rows it would destroy', async () => {
    await t.raw(
      `INSERT INTO users (username, email, bio, created_at, updated_at) VALUES ('ann', 'ann@example.com', 'hello', ${STAMP}, ${STAMP})`,
    )
    await t.raw(`INSERT INTO users (username, email, created_at, updated_at) VALUES ('bob', 'bob@example.com', ${STAMP}, ${STAMP})`)
    for (const [title, user] of [
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ] as const) {
      await t.raw(`INSERT INTO posts (title, user_id, created_at, updated_at) VALUES ('${title}', ${user}, ${STAMP}, ${STAMP})`)
    }
    const all = await t.call('migrations.plan', { sessionId, direction: 'down', to: 0 })
    expect(all.migrations).toEqual([...NAMES].reverse())
    expect(all.dataLoss).toEqual([
      { table: 'users', column: 'bio', rows: 1 },
      { table: 'users', column: 'is_active', rows: 2 },
      { table: 'users', column: 'score', rows: 2 },
      { table: 'notes', column: null, rows: 0 },
      { table: 'posts', column: null, rows: 3 },
      { table: 'users', column: null, rows: 2 },
    ])
    expect(await t.call('migrations.plan', { sessionId, direction: 'down' })).toEqual({
      direction: 'down',
      migrations: [INDEX],
      dataLoss: [],
      preview: previewMatching(t.dialect, /-- 0005-index-posts-user-id \(down\)\nDROP INDEX/),
    })
    expect(await t.call('migrations.plan', { sessionId, direction: 'up' })).toEqual({
      direction: 'up',
      migrations: [],
      dataLoss: [],
      preview: { kind: 'sql', sql: '' },
    })
  })

  it('rolls back the last migration', async () => {
    const run = await t.call('migrations.down', { sessionId })
    expect(run.ran).toEqual([INDEX])
    expect(await db.indexes()).not.toContain('posts_user_id')
    expect(run.status.current).toBe(PROFILE)
    expect(run.status.migrations.at(-1)).toEqual({ name: INDEX, state: 'pending', appliedAt: null })
  })

  it('rolls back down to a named migration, keeping the rows and foreign keys of the tables it alters', async () => {
    const run = await t.call('migrations.down', { sessionId, to: NOTES })
    expect(run.ran).toEqual([PROFILE, NOTES])
    expect(await db.tables()).not.toContain('notes')
    expect((await db.columns('users')).sort()).toEqual(['created_at', 'email', 'id', 'updated_at', 'username'])
    expect(await t.raw(`SELECT username FROM users ORDER BY id`)).toEqual([{ username: 'ann' }, { username: 'bob' }])
    // The posts still point at their users: deleting a user with posts is refused (RESTRICT), also on SQLite.
    await expect(sequelize.query(`DELETE FROM users WHERE id = 1`)).rejects.toMatchObject({ name: 'SequelizeForeignKeyConstraintError' })
    await expect(
      sequelize.query(`INSERT INTO users (username, email, created_at, updated_at) VALUES ('ann', 'x@example.com', ${STAMP}, ${STAMP})`),
    ).rejects.toMatchObject({
      name: 'SequelizeUniqueConstraintError',
    })
    expect(run.status.current).toBe(POSTS)
  })

  it('rolls back everything with to: 0', async () => {
    const run = await t.call('migrations.down', { sessionId, to: 0 })
    expect(run.ran).toEqual([POSTS, USERS])
    expect(await db.tables()).toEqual(['SequelizeMeta'])
    expect(await db.metaNames()).toEqual([])
    expect(await readMigrationSummary(sequelize)).toEqual({
      tracked: true,
      applied: 0,
      pending: 5,
      current: null,
      ownership: { managed: true },
    })
    expect((await t.call('migrations.down', { sessionId })).ran).toEqual([])
  })

  it('applies up to a named migration, then the rest', async () => {
    const first = await t.call('migrations.up', { sessionId, to: NOTES })
    expect(first.ran).toEqual([USERS, POSTS, NOTES])
    expect(first.status.migrations.map((m) => m.state)).toEqual(['applied', 'applied', 'applied', 'pending', 'pending'])
    expect(await db.columns('users')).not.toContain('bio')
    expect((await t.call('migrations.up', { sessionId, to: POSTS })).ran).toEqual([])
    expect((await t.call('migrations.up', { sessionId })).ran).toEqual([PROFILE, INDEX])
    expect((await db.metaNames()).sort()).toEqual(NAMES)
  })

  it('refuses an unknown migration name, listing the valid ones', async () => {
    for (const answer of [
      await t.result('migrations.up', { sessionId, to: '0009-nope' }),
      await t.result('migrations.down', { sessionId, to: '0009-nope' }),
      await t.result('migrations.plan', { sessionId, direction: 'down', to: '0009-nope' }),
    ]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'MIGRATION_NOT_FOUND', field: 'to' } })
      if (!answer.ok) for (const name of NAMES) expect(answer.error.message).toContain(name)
    }
    expect(await t.result('migrations.up', { sessionId, to: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'to' },
    })
    expect((await t.call('migrations.status', { sessionId })).current).toBe(INDEX)
  })

  it('does not record a failing migration, names it, and on PostgreSQL/SQLite leaves no trace', async () => {
    const other = await openSession(t.api, await t.freshDatabase())
    const failing: Migration = {
      name: '0002-doomed',
      async up({ queryInterface, transaction }) {
        await queryInterface.createTable('doomed', { id: { type: 'INTEGER', primaryKey: true } }, { transaction })
        throw new Error('boom on purpose')
      },
      async down() {},
    }
    const phases: string[] = []
    const migrator = createMigrator(other.sequelize, {
      migrations: [bundled[0], failing],
      onProgress: (p) => phases.push(`${p.phase} ${p.name}`),
    })
    const error = await migrator.up().then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError.code).toBe('MIGRATION_FAILED')
    expect(appError.details?.migration).toBe('0002-doomed')
    expect(appError.message).toContain('0002-doomed')
    expect(appError.message).toContain('boom on purpose')
    expect(phases).toEqual([`start ${USERS}`, `done ${USERS}`, 'start 0002-doomed', 'failed 0002-doomed'])
    const status = await migrator.status()
    expect(status.migrations.map((m) => m.state)).toEqual(['applied', 'pending'])
    const otherDb = catalog(t.dialect, other.url)
    expect(await otherDb.metaNames()).toEqual([USERS])
    if (t.dialect === 'mysql') {
      expect(appError.details?.partiallyApplied).toBe(true)
      expect(appError.message).toMatch(/part of this migration may already be applied/)
      expect(await otherDb.tables()).toContain('doomed')
    } else {
      expect(appError.details?.partiallyApplied).toBe(false)
      expect(await otherDb.tables()).not.toContain('doomed')
      expect(await otherDb.tables()).toContain('users')
    }
  })

  // A SequelizeMeta that holds another project's names is that project's (migrations-foreign.test.ts).
  it("works with a SequelizeMeta table of sequelize-cli's shape (name only, no applied_at)", async () => {
    const url = await t.freshDatabase()
    const quoted = t.dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'
    await rawQuery(t.dialect, url, `CREATE TABLE ${quoted} (name VARCHAR(255) NOT NULL PRIMARY KEY)`)
    const other = await openSession(t.api, url)
    expect(await readMigrationSummary(other.sequelize)).toEqual({
      tracked: true,
      applied: 0,
      pending: 5,
      current: null,
      ownership: { managed: true },
    })
    const run = await t.call('migrations.up', { sessionId: other.sessionId })
    expect(run.ran).toEqual(NAMES)
    expect(run.status.migrations.every((m) => m.appliedAt !== null)).toBe(true)
    expect((await catalog(t.dialect, url).metaNames()).sort()).toEqual([...NAMES].sort())
  })

  it('lets two runners on one database race without applying anything twice', async () => {
    const url = await t.freshDatabase()
    const second = createApi({ baseDir: t.dir, log: () => undefined })
    try {
      const a = await openSession(t.api, url)
      const b = await openSession(second, url)
      const [runA, runB] = await Promise.all([
        t.api.router.invoke('migrations.up', { sessionId: a.sessionId }),
        second.router.invoke('migrations.up', { sessionId: b.sessionId }),
      ])
      expect(runA).toMatchObject({ ok: true })
      expect(runB).toMatchObject({ ok: true })
      const [ranA, ranB] = [runA, runB].map((r) => (r.ok ? (r.value as { ran: string[] }).ran : []))
      // The lock covers a whole run: one runner applies everything, the other finds nothing left.
      expect([ranA, ranB].sort((x, y) => x.length - y.length)).toEqual([[], NAMES])
      expect((await catalog(t.dialect, url).metaNames()).sort()).toEqual(NAMES)
    } finally {
      await second.engine.shutdown()
    }
  })

  it('gives a runner that waits too long for the lock a clear error', async () => {
    const url = await t.freshDatabase()
    const second = createApi({ baseDir: t.dir, log: () => undefined })
    try {
      const holder = await openSession(t.api, url)
      const waiter = await openSession(second, url)
      const lock = await acquireRunLock(holder.sequelize)
      try {
        const error = await createMigrator(waiter.sequelize, { lockTimeoutMs: 400 })
          .up()
          .then(
            () => null,
            (e: unknown) => e,
          )
        expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('Another runner is applying migrations') })
      } finally {
        await lock.release()
      }
      expect(await readMigrationSummary(waiter.sequelize)).toMatchObject({ applied: 0 })
      expect((await createMigrator(waiter.sequelize, { lockTimeoutMs: 5_000 }).up()).ran).toEqual(NAMES)
    } finally {
      await second.engine.shutdown()
    }
  })
})

async function openSession(api: Api, url: string): Promise<{ sessionId: string; sequelize: Sequelize; url: string }> {
  const answer = await api.router.invoke('sessions.open', { url })
  if (!answer.ok) throw new AppError(answer.error)
  const { sessionId } = answer.value as { sessionId: string }
  return { sessionId, sequelize: api.engine.sessions.get(sessionId).sequelize, url }
}
