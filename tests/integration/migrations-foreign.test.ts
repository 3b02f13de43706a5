/**
 * Rowboat's built-in migrations on databases they did not make: an app's own database (Flask with
 * Alembic, Node with sequelize-cli, or no tool at all). The panel refuses, names the tool, and no
 * call of the API creates, alters or drops anything there.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { migrations as bundled } from '../../migrations'
import type { Dialect } from '../../src/shared/connection-types'
import type { ChannelName, InputOf } from '../../src/shared/contract'
import { describeDialects, rawQuery, type DialectContext } from './harness'

const [USERS] = bundled.map((m) => m.name) as [string]

/** The tables of a database with their row counts, read with the plain driver. */
async function snapshot(dialect: Dialect, url: string): Promise<Record<string, number>> {
  const sql = {
    sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    mysql: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
    postgres: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  }[dialect]
  const names = (await rawQuery(dialect, url, sql)).map((r) => String((r as { name: string }).name))
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const counts: Record<string, number> = {}
  for (const name of names) {
    const [row] = await rawQuery(dialect, url, `SELECT COUNT(*) AS n FROM ${q(name)}`)
    counts[name] = Number((row as { n: unknown }).n)
  }
  return counts
}

/** Every call that could run Rowboat's migrations, each of which must refuse. */
const RUNS: Array<{ channel: ChannelName; input: (sessionId: string) => InputOf<ChannelName> }> = [
  { channel: 'migrations.plan', input: (sessionId) => ({ sessionId, direction: 'up' }) },
  { channel: 'migrations.plan', input: (sessionId) => ({ sessionId, direction: 'down', to: 0 }) },
  { channel: 'migrations.up', input: (sessionId) => ({ sessionId }) },
  { channel: 'migrations.up', input: (sessionId) => ({ sessionId, to: USERS }) },
  { channel: 'migrations.down', input: (sessionId) => ({ sessionId }) },
  { channel: 'migrations.down', input: (sessionId) => ({ sessionId, to: 0 }) },
]

describeDialects('migrations on a database Rowboat did not make', (t: DialectContext) => {
  /** A fresh database set up by `sql`, and a session on it. */
  async function database(sql: string[]): Promise<{ url: string; sessionId: string }> {
    const url = await t.freshDatabase()
    for (const statement of sql) await rawQuery(t.dialect, url, statement)
    const { sessionId } = await t.call('sessions.open', { url })
    return { url, sessionId }
  }

  async function expectEveryRunRefused(url: string, sessionId: string) {
    const before = await snapshot(t.dialect, url)
    for (const run of RUNS) {
      const answer = await t.result(run.channel, run.input(sessionId))
      expect(answer.ok, `${run.channel} ${JSON.stringify(run.input(sessionId))}`).toBe(false)
      if (!answer.ok) expect(answer.error.code).toBe('NOT_ROWBOAT_SCHEMA')
    }
    expect(await snapshot(t.dialect, url)).toEqual(before)
  }

  describe('a Flask app with Flask-Migrate (alembic_version)', () => {
    let db: { url: string; sessionId: string }
    beforeAll(async () => {
      db = await database([
        'CREATE TABLE users (id INTEGER PRIMARY KEY, username VARCHAR(80) NOT NULL)',
        'CREATE TABLE post (id INTEGER PRIMARY KEY, user_id INTEGER, title VARCHAR(200))',
        'CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)',
        'CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)',
        "INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf')",
        "INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob')",
      ])
    })

    it('says so in the status, naming Alembic and its revision', async () => {
      const status = await t.call('migrations.status', { sessionId: db.sessionId })
      expect(status.ownership).toEqual({
        managed: false,
        tables: 4,
        otherTools: [{ tool: 'Alembic / Flask-Migrate', table: 'alembic_version', current: 'ae1027a6acf' }],
      })
    })

    it('and in Test connection', async () => {
      const tested = await t.call('connections.test', { url: db.url })
      expect(tested.migrations.ownership.managed).toBe(false)
    })

    it(`refuses all ${RUNS.length} ways of running Rowboat's migrations, changing nothing (the app's users keep their rows)`, async () => {
      await expectEveryRunRefused(db.url, db.sessionId)
      expect((await snapshot(t.dialect, db.url)).users).toBe(2)
    })

    it('explains why, and what to use instead', async () => {
      const answer = await t.result('migrations.up', { sessionId: db.sessionId })
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(answer.error.message).toMatch(/not managed by Rowboat's migrations/)
      expect(answer.error.message).toMatch(/Alembic/)
      expect(answer.error.hint).toMatch(/flask db upgrade/)
    })
  })

  it('a sequelize-cli project (SequelizeMeta with its own names) is named and left alone', async () => {
    const db = await database([
      `CREATE TABLE ${t.dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'} (name VARCHAR(255) NOT NULL PRIMARY KEY)`,
      `INSERT INTO ${t.dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'} (name) VALUES ('20240101000000-create-thing.js'), ('20240202000000-add-colour.js')`,
      'CREATE TABLE things (id INTEGER PRIMARY KEY, colour VARCHAR(20))',
    ])
    const status = await t.call('migrations.status', { sessionId: db.sessionId })
    expect(status.ownership).toEqual({
      managed: false,
      tables: 2,
      otherTools: [{ tool: 'sequelize-cli / Umzug', table: 'SequelizeMeta', current: '20240202000000-add-colour.js' }],
    })
    await expectEveryRunRefused(db.url, db.sessionId)
  })

  it("a database with tables and no migration tool at all is not Rowboat's either (rolling back can never drop its users)", async () => {
    const db = await database(['CREATE TABLE users (id INTEGER PRIMARY KEY, username VARCHAR(80))', "INSERT INTO users VALUES (1, 'ann')"])
    expect((await t.call('migrations.status', { sessionId: db.sessionId })).ownership).toEqual({
      managed: false,
      tables: 1,
      otherTools: [],
    })
    await expectEveryRunRefused(db.url, db.sessionId)
  })

  it('recognises the migration tables of Knex, Prisma, Django, Rails and TypeORM', async () => {
    const db = await database([
      'CREATE TABLE knex_migrations (id INTEGER PRIMARY KEY, name VARCHAR(255), batch INTEGER)',
      "INSERT INTO knex_migrations VALUES (1, '20240101_init.js', 1), (2, '20240301_more.js', 2)",
      'CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, migration_name VARCHAR(255), started_at TIMESTAMP NULL)',
      "INSERT INTO _prisma_migrations VALUES ('a', '20240101_init', '2024-01-01 00:00:00')",
      'CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app VARCHAR(255), name VARCHAR(255))',
      "INSERT INTO django_migrations VALUES (1, 'blog', '0001_initial')",
      'CREATE TABLE schema_migrations (version VARCHAR(255) PRIMARY KEY)',
      "INSERT INTO schema_migrations VALUES ('20240101000000')",
      'CREATE TABLE migrations (id INTEGER PRIMARY KEY, timestamp BIGINT, name VARCHAR(255))',
      "INSERT INTO migrations VALUES (1, 1704067200000, 'Init1704067200000')",
    ])
    const status = await t.call('migrations.status', { sessionId: db.sessionId })
    expect(status.ownership.managed).toBe(false)
    if (status.ownership.managed) return
    expect(status.ownership.otherTools).toEqual([
      { tool: 'Knex', table: 'knex_migrations', current: '20240301_more.js' },
      { tool: 'Prisma Migrate', table: '_prisma_migrations', current: '20240101_init' },
      { tool: 'Django', table: 'django_migrations', current: '0001_initial' },
      { tool: 'Rails / dbmate', table: 'schema_migrations', current: '20240101000000' },
      { tool: 'TypeORM', table: 'migrations', current: 'Init1704067200000' },
    ])
  })

  it("on Rowboat's own database, a migration refuses before touching anything when what it creates is already there", async () => {
    const db = await database([])
    await t.call('migrations.up', { sessionId: db.sessionId, to: USERS })
    // Made behind Rowboat's back: the table migration 0002 would create.
    await rawQuery(t.dialect, db.url, 'CREATE TABLE posts (id INTEGER PRIMARY KEY, kept VARCHAR(10))')
    await rawQuery(t.dialect, db.url, "INSERT INTO posts VALUES (1, 'mine')")
    const before = await snapshot(t.dialect, db.url)
    const answer = await t.result('migrations.up', { sessionId: db.sessionId })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('MIGRATION_FAILED')
    expect(answer.error.message).toMatch(/table "posts", which already exists/)
    expect(await snapshot(t.dialect, db.url)).toEqual(before)
    const status = await t.call('migrations.status', { sessionId: db.sessionId })
    expect(status.current).toBe(USERS)
    expect(status.ownership).toEqual({ managed: true })
  })

  it("an empty database, or one with only an empty SequelizeMeta, is still Rowboat's to migrate", async () => {
    const empty = await database([])
    expect((await t.call('migrations.status', { sessionId: empty.sessionId })).ownership).toEqual({ managed: true })
    const emptied = await database([
      `CREATE TABLE ${t.dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'} (name VARCHAR(255) NOT NULL PRIMARY KEY)`,
    ])
    expect((await t.call('migrations.status', { sessionId: emptied.sessionId })).ownership).toEqual({ managed: true })
    expect((await t.call('migrations.up', { sessionId: emptied.sessionId })).ran).toHaveLength(bundled.length)
  })
})
