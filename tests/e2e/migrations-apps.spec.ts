/**
 * An app's own migrations in the panel, end to end on every dialect this run has: a Flask-Migrate
 * project (revisions with a branch and a merge point, run by the project's own `flask db`) and a
 * sequelize-cli project (run with Umzug over the session). Pick the project folder, see the
 * history with the current revision marked, read the SQL before it runs, apply, roll back.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Dialect } from '../../src/shared/connection-types'
import { rawQuery } from '../support/databases'
import {
  connectFromList,
  startHost,
  takeStartOffer,
  dialects,
  emptyDatabase,
  expect,
  saveConnection,
  saveReadmeScreenshot,
  test,
  type BrowserHost,
} from './fixtures'
import { MigrationsPage, tableButton } from './pages/migrations-page'
import type { Page } from '@playwright/test'

const FLASK_PROJECT = realpathSync(resolve(__dirname, '../fixtures/flask-project'))
const SEQUELIZE_PROJECT = realpathSync(resolve(__dirname, '../fixtures/sequelize-project'))
const [AUTHORS, BOOKS, TAGS, MERGE] = ['1a2b3c4d5e01', '2b3c4d5e6f02', '3c4d5e6f7a03', '4d5e6f7a8b04'] as const
const INSTALL = 'apt-get install -y python3-flask-migrate python3-alembic python3-pymysql python3-psycopg2'

function flaskMigrateInstalled(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import flask_migrate, flask_sqlalchemy, pymysql, psycopg2'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A fresh, empty database of the dialect, saved as a connection and opened from the list. */
async function openFresh(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  let url: string
  let drop: () => Promise<void> = async () => undefined
  if (dialect === 'sqlite') {
    url = `sqlite:${join(host.dataDir, `${name.replace(/\W+/g, '-')}-${Date.now()}.sqlite`)}`
    writeFileSync(url.slice('sqlite:'.length), '')
  } else {
    const created = await emptyDatabase(dialect)
    url = created.url
    drop = created.drop
  }
  await saveConnection(host, { name, url })
  await page.reload()
  await connectFromList(page, name)
  const migrations = new MigrationsPage(page)
  await migrations.open()
  return { url, drop, migrations, sql: (query: string) => rawQuery(dialect, url, query) }
}

const installed = flaskMigrateInstalled()
if (!installed && process.env.CI === 'true') throw new Error(`Flask-Migrate is missing: under CI it must be installed (${INSTALL}).`)

test('the Python interpreter the user names is checked, kept and runs the Flask project', async ({ app: page, host }) => {
  test.skip(!installed, `needs Flask-Migrate: ${INSTALL}`)
  test.setTimeout(120_000)
  const { drop, migrations } = await openFresh(page, host, 'sqlite', 'Flask interpreter')
  // An interpreter of the user's own: it notes that it ran, then is the system's python3.
  const marker = join(host.dataDir, `interpreter-ran-${Date.now()}`)
  const wrapper = join(host.dataDir, `my-python-${Date.now()}`)
  writeFileSync(wrapper, `#!/bin/sh\necho ran >> '${marker}'\nexec /usr/bin/python3 "$@"\n`)
  chmodSync(wrapper, 0o755)
  try {
    await migrations.useProjectFolder(FLASK_PROJECT, FLASK_PROJECT)
    await expect(migrations.interpreter()).toHaveValue('/usr/bin/python3')

    await migrations.useInterpreter(join(host.dataDir, 'no-such-python'))
    await expect(migrations.panel.getByRole('alert')).toContainText(`There is no file at ${join(host.dataDir, 'no-such-python')}.`)

    await migrations.useInterpreter(wrapper)
    await expect(migrations.panel.getByRole('alert')).toHaveCount(0)
    await expect(migrations.panel.getByRole('button', { name: 'Use this interpreter' })).toBeDisabled()
    expect(existsSync(marker)).toBe(true)
    rmSync(marker)

    // The history, then a run: the project's tool now runs with the interpreter the user named.
    await migrations.expectStates({ [AUTHORS]: 'Pending', [BOOKS]: 'Pending', [TAGS]: 'Pending', [MERGE]: 'Pending' })
    await migrations.applyUpTo(AUTHORS)
    await migrations.confirm(/Applied 1 migration\./)
    await migrations.expectCurrent(AUTHORS)
    expect(existsSync(marker)).toBe(true)

    // Kept with the saved connection, like the folder.
    await page.reload()
    await connectFromList(page, 'Flask interpreter')
    await migrations.open()
    await expect(migrations.interpreter()).toHaveValue(wrapper)
  } finally {
    await drop()
  }
})

for (const dialect of dialects()) {
  test(`a Flask-Migrate project on ${dialect}: history with branches and the merge, SQL preview, apply, roll back`, async ({
    app: page,
    host,
  }) => {
    test.skip(!installed, `needs Flask-Migrate: ${INSTALL}`)
    test.setTimeout(240_000)
    const { drop, migrations, sql } = await openFresh(page, host, dialect, `Flask app ${dialect}`)
    try {
      await migrations.useProjectFolder(FLASK_PROJECT, FLASK_PROJECT)
      await expect(migrations.source()).toHaveText('Flask-Migrate / Alembic project: flask-project')
      await expect(migrations.panel).toContainText('Flask-Migrate (Alembic) revisions in migrations/versions, 4 files')
      await migrations.expectStates({ [AUTHORS]: 'Pending', [BOOKS]: 'Pending', [TAGS]: 'Pending', [MERGE]: 'Pending' })
      // The history as `flask db history` has it: the messages, the one head, and the merge of the two branches.
      await expect(migrations.row(BOOKS)).toContainText('create books')
      await expect(migrations.row(MERGE)).toContainText('head')
      await expect(migrations.row(MERGE)).toContainText(`merges ${BOOKS}, ${TAGS}`)

      // Apply through books: the SQL is Alembic's own offline SQL.
      await migrations.applyUpTo(BOOKS)
      await expect(migrations.plannedItems()).toHaveText([AUTHORS, BOOKS])
      const preview = await migrations.showSql()
      await expect(preview).toContainText('CREATE TABLE authors')
      await expect(preview).toContainText('CREATE TABLE books')
      await migrations.confirm(/Applied 2 migrations\./)
      await migrations.expectCurrent(BOOKS)
      await expect(tableButton(page, 'books')).toBeVisible()

      // The other branch: the database stands on two heads, both marked current.
      await migrations.applyUpTo(TAGS)
      await expect(migrations.plannedItems()).toHaveText([TAGS])
      await migrations.confirm(/Applied 1 migration\./)
      const currents = migrations.panel.getByRole('rowheader', { name: /current version/ })
      await expect(currents).toHaveCount(2)
      await expect(migrations.panel).toContainText(`Current version ${BOOKS}, ${TAGS}`)
      await migrations.expectStates({ [AUTHORS]: 'Applied', [BOOKS]: 'Applied', [TAGS]: 'Applied', [MERGE]: 'Pending' })
      if (dialect === 'sqlite') await saveReadmeScreenshot(page, 'migrations-flask')

      // From two heads Alembic writes no offline SQL, and the panel says so plainly.
      await migrations.request('Apply all pending')
      await expect(migrations.plannedItems()).toHaveText([MERGE])
      await expect(migrations.dialog.getByRole('note', { name: 'No SQL preview' })).toContainText('more than one branch head')
      await migrations.confirm(/Applied 1 migration\./)
      await migrations.expectCurrent(MERGE)
      expect(await sql('SELECT version_num FROM alembic_version')).toEqual([{ version_num: MERGE }])

      // Roll back to tags: Alembic goes to its parent, so the merge and both branches' heads go.
      await migrations.rollBackTo(TAGS)
      await expect(migrations.plannedItems()).toHaveText([MERGE, TAGS, BOOKS])
      if (dialect === 'sqlite') {
        await expect(migrations.dialog.getByRole('note', { name: 'No SQL preview' })).toContainText('cannot proceed in --sql mode')
      } else {
        const down = await migrations.showSql()
        await expect(down).toContainText('DROP TABLE tags')
        await expect(down).toContainText('DROP TABLE books')
      }
      await migrations.confirm(/Rolled back 3 migrations\./)
      await migrations.expectCurrent(AUTHORS)
      await migrations.expectStates({ [AUTHORS]: 'Applied', [BOOKS]: 'Pending', [TAGS]: 'Pending', [MERGE]: 'Pending' })
      await expect(tableButton(page, 'books')).toHaveCount(0)
      expect(await sql('SELECT version_num FROM alembic_version')).toEqual([{ version_num: AUTHORS }])
    } finally {
      await drop()
    }
  })

  test(`a sequelize-cli project on ${dialect}: its migrations, SQL preview (or why none), apply, roll back`, async ({
    app: page,
    host,
  }) => {
    test.setTimeout(120_000)
    const [CREATE_AUTHORS, CREATE_BOOKS, ISBN, REVIEWS] = [
      '20240101000000-create-authors.js',
      '20240102000000-create-books.js',
      '20240103000000-add-isbn-to-books.js',
      '20240104000000-create-reviews.js',
    ]
    const { drop, migrations, sql } = await openFresh(page, host, dialect, `Node app ${dialect}`)
    try {
      await migrations.useProjectFolder(SEQUELIZE_PROJECT, SEQUELIZE_PROJECT)
      await expect(migrations.source()).toHaveText('sequelize-cli / Umzug project: sequelize-project')
      await expect(migrations.panel).toContainText('path from .sequelizerc')
      await migrations.expectStates({ [CREATE_AUTHORS]: 'Pending', [CREATE_BOOKS]: 'Pending', [ISBN]: 'Pending', [REVIEWS]: 'Pending' })

      await migrations.applyUpTo(CREATE_BOOKS)
      await expect(migrations.plannedItems()).toHaveText([CREATE_AUTHORS, CREATE_BOOKS])
      if (dialect === 'mysql') {
        // MySQL commits each schema change at once: no trial run, and the panel says so instead of showing nothing.
        await expect(migrations.dialog.getByRole('note', { name: 'No SQL preview' })).toContainText('commit every schema change at once')
      } else {
        await expect(await migrations.showSql()).toContainText(/CREATE TABLE IF NOT EXISTS [`"]books[`"]/)
      }
      await migrations.confirm(/Applied 2 migrations\./)
      await migrations.expectCurrent(CREATE_BOOKS)
      await expect(tableButton(page, 'books')).toBeVisible()

      await migrations.request('Apply all pending')
      await expect(migrations.plannedItems()).toHaveText([ISBN, REVIEWS])
      await migrations.confirm(/Applied 2 migrations\./)
      await migrations.expectCurrent(REVIEWS)
      if (dialect === 'sqlite') await saveReadmeScreenshot(page, 'migrations-sequelize')
      const meta = dialect === 'mysql' ? '`SequelizeMeta`' : '"SequelizeMeta"'
      const names = (await sql(`SELECT name FROM ${meta} ORDER BY name`)).map((row) => (row as { name: string }).name)
      expect(names).toEqual([CREATE_AUTHORS, CREATE_BOOKS, ISBN, REVIEWS])

      await migrations.rollBackTo(ISBN)
      await expect(migrations.plannedItems()).toHaveText([REVIEWS, ISBN])
      if (dialect !== 'mysql') await expect(await migrations.showSql()).toContainText(/DROP TABLE IF EXISTS [`"]reviews[`"]/)
      await migrations.confirm(/Rolled back 2 migrations\./)
      await migrations.expectCurrent(CREATE_BOOKS)
      await migrations.expectStates({ [CREATE_AUTHORS]: 'Applied', [CREATE_BOOKS]: 'Applied', [ISBN]: 'Pending', [REVIEWS]: 'Pending' })
      await expect(tableButton(page, 'reviews')).toHaveCount(0)
    } finally {
      await drop()
    }
  })
}

for (const dialect of dialects()) {
  test(`a Flask-Migrate run on ${dialect}: its lines stream into the panel, Cancel stops it and the panel says what stayed applied`, async ({
    app: page,
    host,
  }) => {
    test.skip(!installed, `needs Flask-Migrate: ${INSTALL}`)
    test.setTimeout(180_000)
    const SLOW = '5e6f7a8b9c05'
    // The fixture plus a revision after the merge that waits (on a child process of its own) until stopped.
    const project = join(host.dataDir, `slow-flask-${dialect}-${Date.now()}`)
    cpSync(FLASK_PROJECT, project, { recursive: true })
    writeFileSync(
      join(project, 'migrations', 'versions', `${SLOW}_slow.py`),
      [
        '"""a long data fix"""',
        'import subprocess',
        'from alembic import op',
        `revision = '${SLOW}'`,
        `down_revision = '${MERGE}'`,
        'branch_labels = None',
        'depends_on = None',
        'from alembic import context',
        'def upgrade():',
        '    if not context.is_offline_mode():  # the SQL preview runs this offline: it has nothing to print',
        "        subprocess.run(['sleep', '120'])",
        'def downgrade():',
        '    pass',
        '',
      ].join('\n'),
    )
    const { drop, migrations, sql } = await openFresh(page, host, dialect, `Slow Flask app ${dialect}`)
    try {
      await migrations.useProjectFolder(project, project)
      await migrations.applyUpTo(BOOKS)
      await migrations.confirm(/Applied 2 migrations\./)

      await migrations.request('Apply all pending')
      await expect(migrations.plannedItems()).toHaveText([TAGS, MERGE, SLOW])
      await migrations.dialog.getByRole('button', { name: 'Apply 3 migrations' }).click()
      const log = migrations.panel.getByRole('log', { name: 'Tool output' })
      await expect(log).toContainText(`Running upgrade ${MERGE} -> ${SLOW}`, { timeout: 60_000 })
      await expect(migrations.status).toHaveText(`Applying ${SLOW} (3 of 3)…`)

      await migrations.panel.getByRole('button', { name: 'Cancel run' }).click()
      await expect(migrations.status).toHaveText(`Cancelled: ${SLOW} did not complete.`, { timeout: 30_000 })
      const rows = (await sql('SELECT version_num FROM alembic_version')).map((r) => (r as { version_num: string }).version_num).sort()
      await expect(migrations.panel).toContainText(`alembic_version now reads ${rows.join(', ') || 'nothing (base)'}.`)
      await migrations.expectStates({ [SLOW]: 'Pending' })
      // What the panel marks current is what alembic_version holds, whatever this dialect kept of the run.
      for (const name of rows) await expect(migrations.row(name)).toContainText('current version')
      await expect(migrations.panel.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)
    } finally {
      await drop()
    }
  })
}

test('quitting the app mid-run stops the project tool and what it started (they lead a process group of their own)', async ({ page }) => {
  test.skip(!installed, `needs Flask-Migrate: ${INSTALL}`)
  test.setTimeout(120_000)
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-e2e-quit-')))
  const { host, child } = await startHost(dataDir)
  let exited = false
  child.once('exit', () => (exited = true))
  try {
    await takeStartOffer(host)
    await page.goto(host.url)
    const project = join(dataDir, 'slow-flask')
    cpSync(FLASK_PROJECT, project, { recursive: true })
    const pidFile = join(dataDir, 'sleeper.pid')
    writeFileSync(
      join(project, 'migrations', 'versions', '5e6f7a8b9c05_slow.py'),
      [
        '"""a long data fix"""',
        'import subprocess',
        'from alembic import context',
        "revision = '5e6f7a8b9c05'",
        `down_revision = '${MERGE}'`,
        'branch_labels = None',
        'depends_on = None',
        'def upgrade():',
        '    if not context.is_offline_mode():',
        "        sleeper = subprocess.Popen(['sleep', '120'])",
        `        open(${JSON.stringify(pidFile)}, 'w').write(str(sleeper.pid))`,
        '        sleeper.wait()',
        'def downgrade():',
        '    pass',
        '',
      ].join('\n'),
    )
    const url = `sqlite:${join(dataDir, 'quit.sqlite')}`
    writeFileSync(url.slice('sqlite:'.length), '')
    await saveConnection(host, { name: 'Quitting app', url })
    await page.reload()
    await connectFromList(page, 'Quitting app')
    const migrations = new MigrationsPage(page)
    await migrations.open()
    await migrations.useProjectFolder(project, project)
    await migrations.request('Apply all pending')
    await migrations.dialog.getByRole('button', { name: 'Apply 5 migrations' }).click()
    await expect(migrations.panel.getByRole('log', { name: 'Tool output' })).toContainText(`-> 5e6f7a8b9c05`, { timeout: 60_000 })
    await expect.poll(() => existsSync(pidFile) && /^\d+$/.test(readFileSync(pidFile, 'utf8')), { timeout: 30_000 }).toBe(true)
    const sleeper = Number(readFileSync(pidFile, 'utf8'))

    child.kill('SIGTERM')
    await expect.poll(() => exited, { timeout: 30_000 }).toBe(true)
    await expect
      .poll(
        () => {
          try {
            process.kill(sleeper, 0)
            return 'still running'
          } catch {
            return 'stopped'
          }
        },
        { timeout: 10_000 },
      )
      .toBe('stopped')
  } finally {
    if (!exited) child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
})
