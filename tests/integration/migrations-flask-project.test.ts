/**
 * A Flask app's Flask-Migrate (Alembic) revisions as the migration source: four revisions with a
 * branch and a merge point. Rowboat reads the history and current revision itself, runs the
 * project's own `flask db upgrade|downgrade`, and the real `flask db` commands check every step.
 * Needs Debian's python3-flask-migrate (and python3-pymysql, python3-psycopg2 for the servers).
 */
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EventMap } from '../../src/shared/contract'
import { describeDialects, rawQuery, type DialectContext } from './harness'

const PROJECT = resolve(__dirname, '../fixtures/flask-project')
const PYTHON = '/usr/bin/python3'
const INSTALL = 'apt-get install -y python3-flask-migrate python3-alembic python3-pymysql python3-psycopg2'
const [AUTHORS, BOOKS, TAGS, MERGE] = ['1a2b3c4d5e01', '2b3c4d5e6f02', '3c4d5e6f7a03', '4d5e6f7a8b04'] as const

function flaskMigrateInstalled(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import flask_migrate, flask_sqlalchemy, pymysql, psycopg2'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// Each step starts the real `flask` a few times (about a second each, more on a busy machine).
vi.setConfig({ testTimeout: 120_000 })

const installed = flaskMigrateInstalled()
if (!installed && process.env.CI === 'true') throw new Error(`Flask-Migrate is missing: under CI it must be installed (${INSTALL}).`)
if (!installed) console.warn(`[rowboat tests] Flask-Migrate project tests skipped: ${INSTALL}`)

/** The SQLAlchemy URL of a test database, for the CLI's DATABASE_URL. */
function sqlalchemyUrl(url: string): string {
  if (url.startsWith('sqlite:')) return `sqlite:///${url.slice('sqlite:'.length)}`
  if (url.startsWith('mysql:')) return url.replace(/^mysql:/, 'mysql+pymysql:')
  return url.replace(/^postgres:/, 'postgresql:')
}

/** `flask db <args>` in the project folder, as its developer would run it. */
async function flask(url: string, ...args: string[]): Promise<string> {
  return flaskIn(PROJECT, url, ...args)
}

async function flaskIn(project: string, url: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(PYTHON, ['-m', 'flask', 'db', ...args], {
    cwd: project,
    env: { ...process.env, DATABASE_URL: sqlalchemyUrl(url), PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 60_000,
  })
  return stdout
}

/** `flask db history` lines ("a, b -> c (head) (mergepoint), message") as { revision: { parents, message } }. */
async function cliHistory(url: string) {
  const entries = (await flask(url, 'history'))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^(.+?) -> (\w+)(?: \([^)]*\))*, (.*)$/.exec(line)!
      return [match[2], { parents: match[1] === '<base>' ? [] : match[1].split(', ').sort(), message: match[3] }] as const
    })
  return Object.fromEntries(entries)
}

const cliCurrent = async (url: string, project = PROJECT) =>
  (await flaskIn(project, url, 'current'))
    .split('\n')
    .map((l) => l.trim().split(' ')[0])
    .filter(Boolean)
    .sort()

describeDialects('a Flask-Migrate project as the migration source', (t: DialectContext) => {
  if (!installed) {
    it.skip(`needs Flask-Migrate: ${INSTALL}`, () => undefined)
    return
  }
  let url = ''
  let sessionId = ''
  const versionRows = async (on = url) =>
    (await rawQuery(t.dialect, on, 'SELECT version_num FROM alembic_version'))
      .map((r) => String((r as { version_num: string }).version_num))
      .sort()

  beforeAll(async () => {
    url = await t.freshDatabase()
    sessionId = (await t.call('sessions.open', { url })).sessionId
  })

  it('shows the history and current revision as `flask db history` and `flask db current` do', async () => {
    const status = await t.call('migrations.setSource', {
      sessionId,
      source: { kind: 'folder', folder: t.api.files.grantFolder(PROJECT).id },
    })
    expect(status.source).toMatchObject({ kind: 'alembic', folder: 'flask-project', table: 'alembic_version', canRun: true })
    expect(status.source.found).toMatch(
      /^Flask-Migrate \(Alembic\) revisions in migrations\/versions, 4 files, run with \/usr\/bin\/python3$/,
    )
    const ours = Object.fromEntries(
      status.migrations.map((m) => [m.name, { parents: [...(m.revision?.parents ?? [])].sort(), message: m.message }]),
    )
    expect(ours).toEqual(await cliHistory(url))
    expect(status.migrations.map((m) => m.name)).toEqual([AUTHORS, BOOKS, TAGS, MERGE]) // parents before children
    expect(status.migrations.filter((m) => m.revision?.head).map((m) => m.name)).toEqual([MERGE])
    expect(status.current).toBeNull()
    expect(await cliCurrent(url)).toEqual([])
  })

  it('previews exactly what `flask db upgrade --sql` prints, then applies through the named revision', async () => {
    const plan = await t.call('migrations.plan', { sessionId, direction: 'up', to: BOOKS })
    expect(plan.migrations).toEqual([AUTHORS, BOOKS])
    expect(plan.preview).toEqual({ kind: 'sql', sql: await flask(url, 'upgrade', '--sql', `base:${BOOKS}`) })
    expect(plan.preview.kind === 'sql' && plan.preview.sql).toMatch(/CREATE TABLE books/)
    const run = await t.call('migrations.up', { sessionId, to: BOOKS })
    expect(run.ran).toEqual([AUTHORS, BOOKS])
    expect(run.output).toMatch(/Running upgrade 1a2b3c4d5e01 -> 2b3c4d5e6f02/)
    expect(await versionRows()).toEqual([BOOKS])
    expect(await cliCurrent(url)).toEqual([BOOKS])
  })

  it('applies the other branch, keeping both heads in alembic_version as the CLI does, then the merge', async () => {
    await t.call('migrations.up', { sessionId, to: TAGS })
    expect(await versionRows()).toEqual([BOOKS, TAGS])
    expect(await cliCurrent(url)).toEqual([BOOKS, TAGS])
    const status = await t.call('migrations.status', { sessionId })
    expect(status.migrations.filter((m) => m.revision?.current).map((m) => m.name)).toEqual([BOOKS, TAGS])
    const plan = await t.call('migrations.plan', { sessionId, direction: 'up' })
    expect(plan.migrations).toEqual([MERGE])
    expect(plan.preview.kind).toBe('unavailable') // offline SQL starts from one revision, and there are two
    expect((await t.call('migrations.up', { sessionId })).ran).toEqual([MERGE])
    expect(await versionRows()).toEqual([MERGE])
  })

  it('rolls back as `flask db downgrade` would: never "back one" from a merge point, which Alembic calls ambiguous', async () => {
    const refused = await t.result('migrations.down', { sessionId })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toMatch(/merges 2b3c4d5e6f02 and 3c4d5e6f7a03/)
    expect(await versionRows()).toEqual([MERGE])
    // Down to and including tags: Alembic goes to its parent, reverting everything not below it.
    const plan = await t.call('migrations.plan', { sessionId, direction: 'down', to: TAGS })
    expect(plan.migrations).toEqual([MERGE, TAGS, BOOKS])
    if (t.dialect === 'sqlite') {
      // SQLite's batch mode needs a live database, so Alembic itself refuses offline SQL: the panel says so in its words.
      expect(plan.preview.kind).toBe('unavailable')
      expect(plan.preview.kind === 'unavailable' && plan.preview.reason).toMatch(/cannot proceed in --sql mode/)
    } else {
      expect(plan.preview).toEqual({ kind: 'sql', sql: await flask(url, 'downgrade', '--sql', `${MERGE}:${AUTHORS}`) })
    }
    expect((await t.call('migrations.down', { sessionId, to: TAGS })).ran).toEqual([MERGE, TAGS, BOOKS])
    expect(await versionRows()).toEqual([AUTHORS])
    expect(await cliCurrent(url)).toEqual([AUTHORS])
    expect((await t.call('migrations.down', { sessionId })).ran).toEqual([AUTHORS])
    expect(await versionRows()).toEqual([])
    expect(await cliCurrent(url)).toEqual([])
  })

  it("a failing revision is reported with Alembic's own error, and nothing is recorded for it", async () => {
    await rawQuery(t.dialect, url, 'CREATE TABLE authors (id INTEGER PRIMARY KEY)')
    const answer = await t.result('migrations.up', { sessionId, to: AUTHORS })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('MIGRATION_FAILED')
    expect(answer.error.details?.migration).toBe(AUTHORS)
    expect(answer.error.message).toMatch(/Alembic stopped at revision 1a2b3c4d5e01: .*(already exists|exists already)/i)
    expect(await versionRows()).toEqual([])
    await rawQuery(t.dialect, url, 'DROP TABLE authors')
  })

  describe('a run that takes long', () => {
    const SLOW = '5e6f7a8b9c05'
    let slowProject = ''
    afterAll(() => rmSync(slowProject, { recursive: true, force: true }))

    it("streams the tool's lines while it runs; Cancel kills its process group and says what stayed applied, as alembic_version reads", async () => {
      // The fixture plus a revision after the merge that creates a table, then waits on a child process of its own.
      slowProject = mkdtempSync(join(tmpdir(), 'rowboat-flask-slow-'))
      cpSync(PROJECT, slowProject, { recursive: true })
      const pidFile = join(slowProject, 'sleeper.pid')
      writeFileSync(
        join(slowProject, 'migrations', 'versions', `${SLOW}_slow.py`),
        [
          '"""slow: a long data fix"""',
          'import subprocess',
          'from alembic import op',
          'import sqlalchemy as sa',
          `revision = '${SLOW}'`,
          `down_revision = '${MERGE}'`,
          'branch_labels = None',
          'depends_on = None',
          'def upgrade():',
          "    op.create_table('slow_marks', sa.Column('id', sa.Integer, primary_key=True))",
          "    sleeper = subprocess.Popen(['sleep', '120'])",
          `    open(${JSON.stringify(pidFile)}, 'w').write(str(sleeper.pid))`,
          '    sleeper.wait()',
          'def downgrade():',
          "    op.drop_table('slow_marks')",
          '',
        ].join('\n'),
      )
      const slowUrl = await t.freshDatabase()
      const slowSession = (await t.call('sessions.open', { url: slowUrl })).sessionId
      const folder = t.api.files.grantFolder(slowProject).id
      await t.call('migrations.setSource', { sessionId: slowSession, source: { kind: 'folder', folder } })
      await t.call('migrations.up', { sessionId: slowSession, to: BOOKS })

      const lines: string[] = []
      const started: string[] = []
      const emit = t.api.engine.emit
      t.api.engine.emit = (event, payload) => {
        if (event === 'migrations.output') lines.push((payload as EventMap['migrations.output']).line)
        const progress = payload as EventMap['migrations.progress']
        if (event === 'migrations.progress' && progress.phase === 'start') started.push(progress.name)
        emit(event, payload)
      }
      try {
        const running = t.result('migrations.up', { sessionId: slowSession })
        // The lines arrive while the tool runs: the slow revision has started, and the run has not answered.
        const slowStarted = new RegExp(`Running upgrade ${MERGE} -> ${SLOW}`)
        await vi.waitFor(() => expect(lines.join('\n')).toMatch(slowStarted), { timeout: 60_000, interval: 100 })
        await vi.waitFor(() => expect(readFileSync(pidFile, 'utf8')).toMatch(/^\d+$/), { timeout: 30_000, interval: 100 })
        expect(started).toEqual([TAGS, MERGE, SLOW])
        const sleeper = Number(readFileSync(pidFile, 'utf8'))
        expect(await t.call('migrations.cancel', { sessionId: slowSession })).toEqual({ cancelled: true })
        const answer = await running
        expect(answer.ok).toBe(false)
        if (answer.ok) return
        expect(answer.error.code).toBe('CANCELLED')
        expect(answer.error.details?.migration).toBe(SLOW)
        // The tool's own child went with it (the whole process group was stopped). SIGKILL is delivered
        // asynchronously and the orphan is reaped by init when it gets to it: wait for it to stop running.
        await vi.waitFor(() => expect(isRunning(sleeper)).toBe(false), { timeout: 10_000, interval: 100 })

        // What the answer says stayed applied is what the database says, and what the CLI says.
        const rows = await versionRows(slowUrl)
        expect(answer.error.message).toContain(`alembic_version now reads ${rows.join(', ') || 'nothing (base)'}.`)
        expect(await cliCurrent(slowUrl, slowProject)).toEqual(rows)
        const status = await t.call('migrations.status', { sessionId: slowSession })
        expect(status.migrations.find((m) => m.name === SLOW)?.state).toBe('pending')
        expect([...(status.current?.split(', ') ?? [])].sort()).toEqual(rows)
        expect(await t.call('migrations.cancel', { sessionId: slowSession })).toEqual({ cancelled: false })
      } finally {
        t.api.engine.emit = emit
      }
    }, 180_000)

    it.runIf(t.dialect === 'postgres')(
      "PostgreSQL: Cancel also ends the tool's statement on the server (its backends, by application_name), so its locks are free at once",
      async () => {
        const LONG = '6f7a8b9c0d06'
        const project = mkdtempSync(join(tmpdir(), 'rowboat-flask-long-'))
        try {
          cpSync(PROJECT, project, { recursive: true })
          writeFileSync(
            join(project, 'migrations', 'versions', `${LONG}_long.py`),
            [
              "'long: a long server-side statement'",
              'from alembic import op',
              `revision = '${LONG}'`,
              `down_revision = '${MERGE}'`,
              'branch_labels = None',
              'depends_on = None',
              'def upgrade():',
              "    op.execute('LOCK TABLE authors IN ACCESS EXCLUSIVE MODE')",
              "    op.execute('SELECT pg_sleep(120)')",
              'def downgrade():',
              '    pass',
              '',
            ].join('\n'),
          )
          const longUrl = await t.freshDatabase()
          const database = new URL(longUrl).pathname.slice(1)
          const longSession = (await t.call('sessions.open', { url: longUrl })).sessionId
          const folder = t.api.files.grantFolder(project).id
          await t.call('migrations.setSource', { sessionId: longSession, source: { kind: 'folder', folder } })
          await t.call('migrations.up', { sessionId: longSession, to: MERGE })

          const toolBackends = async () =>
            (await rawQuery(
              'postgres',
              longUrl,
              `SELECT pid, application_name, query FROM pg_stat_activity WHERE datname = '${database}' AND application_name LIKE 'rowboat-alembic-%'`,
            )) as Array<{ pid: number; application_name: string; query: string }>
          const running = t.result('migrations.up', { sessionId: longSession })
          await vi.waitFor(async () => expect((await toolBackends()).map((b) => b.query)).toContain('SELECT pg_sleep(120)'), {
            timeout: 60_000,
            interval: 200,
          })
          expect(await t.call('migrations.cancel', { sessionId: longSession })).toEqual({ cancelled: true })
          const answer = await running
          expect(answer.ok ? null : answer.error.code).toBe('CANCELLED')
          // No backend of the tool remains, and the table its revision locked can be altered at once.
          expect(await toolBackends()).toEqual([])
          await rawQuery('postgres', longUrl, "SET lock_timeout = '2s'; ALTER TABLE authors ADD COLUMN checked INTEGER")
          expect(await versionRows(longUrl)).toEqual([MERGE])
        } finally {
          rmSync(project, { recursive: true, force: true })
        }
      },
      180_000,
    )
  })
})

/** Whether a process exists and is not a zombie waiting to be reaped (Linux /proc; elsewhere signal 0). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) [ZX] /s.test(stat)
  } catch {
    if (process.platform === 'linux') return false
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
}
