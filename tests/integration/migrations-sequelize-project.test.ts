/**
 * A Node app's own sequelize-cli migrations, applied and rolled back from Rowboat's panel while
 * the real sequelize-cli (6.6.5, a devDependency) checks each step: both read and write the same
 * SequelizeMeta, so `db:migrate:status` in the project and the panel always agree.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeDialects, rawQuery, type DialectContext } from './harness'

const PROJECT = resolve(__dirname, '../fixtures/sequelize-project')
const CLI = join(resolve(createRequire(__filename).resolve('sequelize-cli/package.json'), '..'), 'lib', 'sequelize')
const [AUTHORS, BOOKS, ISBN, REVIEWS] = [
  '20240101000000-create-authors.js',
  '20240102000000-create-books.js',
  '20240103000000-add-isbn-to-books.js',
  '20240104000000-create-reviews.js',
] as const

/** Runs sequelize-cli in the project folder, as its developer would, on the test's database. */
async function cli(url: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    cwd: PROJECT,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url },
    timeout: 60_000,
  })
  return stdout
}

/** `db:migrate:status` as { file: 'up' | 'down' }. */
async function cliStatus(url: string): Promise<Record<string, string>> {
  const lines = (await cli(url, 'db:migrate:status')).split('\n')
  return Object.fromEntries(
    lines
      .map((line) => /^(up|down)\s+(\S+)$/.exec(line.trim()))
      .filter((m) => m !== null)
      .map((m) => [m[2], m[1]]),
  )
}

describeDialects('a sequelize-cli project as the migration source', (t: DialectContext) => {
  let url = ''
  let sessionId = ''

  const panel = async () =>
    Object.fromEntries(
      (await t.call('migrations.status', { sessionId })).migrations.map((m) => [m.name, m.state === 'applied' ? 'up' : 'down']),
    )
  const tables = async () => {
    const sql = {
      sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('authors', 'books', 'reviews') ORDER BY name`,
      mysql: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('authors', 'books', 'reviews') ORDER BY TABLE_NAME`,
      postgres: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('authors', 'books', 'reviews') ORDER BY table_name`,
    }[t.dialect]
    return (await rawQuery(t.dialect, url, sql)).map((r) => String((r as { name: string }).name))
  }

  beforeAll(async () => {
    url = await t.freshDatabase()
    sessionId = (await t.call('sessions.open', { url })).sessionId
  })

  it('recognises the folder through .sequelizerc and lists its four migrations, all pending, as the CLI does', async () => {
    const grant = t.api.files.grantFolder(PROJECT)
    const status = await t.call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: grant.id } })
    expect(status.source).toMatchObject({ kind: 'sequelize', folder: 'sequelize-project', table: 'SequelizeMeta', canRun: true })
    expect(status.source.found).toMatch(/db\/migrations.*\.sequelizerc/)
    expect(status.migrations.map((m) => m.name)).toEqual([AUTHORS, BOOKS, ISBN, REVIEWS])
    expect(await cliStatus(url)).toEqual(await panel())
  })

  it('Rowboat applies two of four; the CLI agrees', async () => {
    const plan = await t.call('migrations.plan', { sessionId, direction: 'up', to: BOOKS })
    expect(plan.migrations).toEqual([AUTHORS, BOOKS])
    if (t.dialect === 'mysql') {
      expect(plan.preview.kind === 'unavailable' && plan.preview.reason).toMatch(/commit every schema change at once/)
    } else {
      // Tried for real in a transaction that was rolled back: the SQL is the migrations' own, and nothing stayed.
      expect(plan.preview.kind).toBe('sql')
      const sql = plan.preview.kind === 'sql' ? plan.preview.sql : ''
      expect(sql).toMatch(
        /-- 20240101000000-create-authors\.js \(up\)[\s\S]*CREATE TABLE IF NOT EXISTS [`"]authors[`"][\s\S]*-- 20240102000000-create-books\.js \(up\)[\s\S]*CREATE TABLE IF NOT EXISTS [`"]books[`"]/,
      )
      expect(await tables()).toEqual([])
      expect(await cliStatus(url)).toEqual({ [AUTHORS]: 'down', [BOOKS]: 'down', [ISBN]: 'down', [REVIEWS]: 'down' })
    }
    const run = await t.call('migrations.up', { sessionId, to: BOOKS })
    expect(run.ran).toEqual([AUTHORS, BOOKS])
    expect(await cliStatus(url)).toEqual({ [AUTHORS]: 'up', [BOOKS]: 'up', [ISBN]: 'down', [REVIEWS]: 'down' })
    expect(await tables()).toEqual(['authors', 'books'])
  })

  it('the CLI applies the rest; the panel agrees', async () => {
    await cli(url, 'db:migrate')
    expect(await panel()).toEqual({ [AUTHORS]: 'up', [BOOKS]: 'up', [ISBN]: 'up', [REVIEWS]: 'up' })
  })

  it('Rowboat rolls back to the first migration; the CLI agrees and the tables are gone', async () => {
    if (t.dialect !== 'mysql') {
      const plan = await t.call('migrations.plan', { sessionId, direction: 'down', to: BOOKS })
      expect(plan.preview.kind === 'sql' && plan.preview.sql).toMatch(
        /DROP TABLE IF EXISTS [`"]reviews[`"][\s\S]*DROP TABLE IF EXISTS [`"]books[`"]/,
      )
      expect(await tables()).toEqual(['authors', 'books', 'reviews'])
    }
    const run = await t.call('migrations.down', { sessionId, to: BOOKS })
    expect(run.ran).toEqual([REVIEWS, ISBN, BOOKS])
    expect(await cliStatus(url)).toEqual({ [AUTHORS]: 'up', [BOOKS]: 'down', [ISBN]: 'down', [REVIEWS]: 'down' })
    expect(await tables()).toEqual(['authors'])
    // And the CLI can carry on from there with its own history.
    await cli(url, 'db:migrate:undo')
    expect(await panel()).toEqual({ [AUTHORS]: 'down', [BOOKS]: 'down', [ISBN]: 'down', [REVIEWS]: 'down' })
  })

  it("the choice belongs to the connection: a new session on it sees the project, and Rowboat's set comes back when chosen", async () => {
    const other = (await t.call('sessions.open', { url })).sessionId
    expect((await t.call('migrations.status', { sessionId: other })).source.kind).toBe('sequelize')
    const back = await t.call('migrations.setSource', { sessionId: other, source: { kind: 'rowboat' } })
    expect(back.source.kind).toBe('rowboat')
    expect((await t.call('migrations.status', { sessionId })).source.kind).toBe('rowboat')
  })

  it('a folder handle that was never granted is refused', async () => {
    const answer = await t.result('migrations.setSource', { sessionId, source: { kind: 'folder', folder: 'A'.repeat(24) } })
    expect(answer.ok).toBe(false)
    if (!answer.ok) expect(answer.error.code).toBe('INVALID_INPUT')
  })
})

describeDialects('Umzug-style migrations, and a preview that must stay a dry run', (t: DialectContext) => {
  it('runs ({ context }) migrations; a migration that manages its own transaction gets no preview and changes nothing until it runs', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-umzug-project-')))
    mkdirSync(join(root, 'migrations'))
    writeFileSync(
      join(root, 'migrations', '01-gadgets.js'),
      "module.exports = {\n  async up({ context: qi }) { await qi.createTable('gadgets', { id: { type: 'INTEGER', primaryKey: true } }) },\n  async down({ context: qi }) { await qi.dropTable('gadgets') },\n}\n",
    )
    writeFileSync(
      join(root, 'migrations', '02-widgets.js'),
      "module.exports = {\n  up: (queryInterface, Sequelize) => queryInterface.sequelize.transaction((transaction) => queryInterface.createTable('widgets', { id: { type: Sequelize.INTEGER, primaryKey: true } }, { transaction })),\n  down: (queryInterface) => queryInterface.dropTable('widgets'),\n}\n",
    )
    const url = await t.freshDatabase()
    const { sessionId } = await t.call('sessions.open', { url })
    const status = await t.call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: t.api.files.grantFolder(root).id } })
    expect(status.source.kind).toBe('sequelize')
    const count = async (table: string) =>
      (
        await rawQuery(
          t.dialect,
          url,
          t.dialect === 'sqlite'
            ? `SELECT name FROM sqlite_master WHERE name = '${table}'`
            : `SELECT table_name FROM information_schema.tables WHERE table_name = '${table}' AND table_schema = ${t.dialect === 'mysql' ? 'DATABASE()' : 'current_schema()'}`,
        )
      ).length
    if (t.dialect !== 'mysql') {
      const first = await t.call('migrations.plan', { sessionId, direction: 'up', to: '01-gadgets.js' })
      expect(first.preview.kind === 'sql' && first.preview.sql).toMatch(/CREATE TABLE IF NOT EXISTS [`"]gadgets[`"]/)
      const both = await t.call('migrations.plan', { sessionId, direction: 'up' })
      expect(both.preview.kind === 'unavailable' && both.preview.reason).toMatch(/(outside|end) the trial transaction.*Nothing was changed/)
      expect([await count('gadgets'), await count('widgets'), await count('SequelizeMeta')]).toEqual([0, 0, 0])
    }
    expect((await t.call('migrations.up', { sessionId })).ran).toEqual(['01-gadgets.js', '02-widgets.js'])
    expect([await count('gadgets'), await count('widgets')]).toEqual([1, 1])
  })
})

describe('fixture', () => {
  it('is where the test expects it', () => {
    expect(PROJECT.endsWith(join('tests', 'fixtures', 'sequelize-project'))).toBe(true)
  })
})
