/**
 * The user's own project as the migration source, in the browser host: type the project folder,
 * confirm the folder the server resolved, see its migrations, read the SQL before it runs, apply
 * and roll back, write a new migration. A golang-migrate style SQL folder on a fresh SQLite database.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rawQuery } from '../support/databases'
import { connectFromList, expect, saveConnection, startHost, takeStartOffer, test, type BrowserHost } from './fixtures'
import { MigrationsPage, tableButton } from './pages/migrations-page'

/** A golang-migrate style project with two migrations, in `parent`. */
function sqlProject(parent: string, name: string): string {
  const project = join(parent, name)
  mkdirSync(join(project, 'db', 'migrations'), { recursive: true })
  const file = (file: string, sql: string) => writeFileSync(join(project, 'db', 'migrations', file), sql)
  file('000001_create_authors.up.sql', 'CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n')
  file('000001_create_authors.down.sql', 'DROP TABLE authors;\n')
  file('000002_create_books.up.sql', 'CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT);\n')
  file('000002_create_books.down.sql', 'DROP TABLE books;\n')
  return project
}

test('the source chosen for a saved connection is there again after a restart; a folder that has gone is said plainly', async ({
  page,
}) => {
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-e2e-kept-')))
  let run: { host: BrowserHost; child: ChildProcess } | null = null
  const launch = async () => {
    if (run) {
      run.child.kill('SIGTERM')
      await new Promise((resolve) => run!.child.once('exit', resolve))
    }
    run = await startHost(dataDir)
    await takeStartOffer(run.host)
    await page.goto(run.host.url)
    return run.host
  }
  try {
    const project = sqlProject(dataDir, 'kept-app')
    const url = `sqlite:${join(dataDir, 'kept.sqlite')}`
    writeFileSync(url.slice('sqlite:'.length), '')
    await saveConnection(await launch(), { name: 'Kept app', url })
    await page.reload()
    await connectFromList(page, 'Kept app')
    const migrations = new MigrationsPage(page)
    await migrations.open()
    await migrations.useProjectFolder(project, project)
    await expect(migrations.source()).toHaveText('SQL migration folder: kept-app')

    // A new host process over the same data folder: the saved connection's panel shows the same source.
    await launch()
    await connectFromList(page, 'Kept app')
    await migrations.open()
    await expect(migrations.source()).toHaveText('SQL migration folder: kept-app')
    await expect(migrations.panel).toContainText('golang-migrate style')
    await migrations.expectStates({ '000001_create_authors': 'Pending', '000002_create_books': 'Pending' })

    renameSync(project, `${project}-moved`)
    await launch()
    await connectFromList(page, 'Kept app')
    await page.getByRole('button', { name: 'Migrations', exact: true }).click()
    await expect(migrations.source()).toHaveText('SQL migration folder: kept-app')
    await expect(migrations.panel.getByRole('note', { name: 'Source unavailable' })).toContainText(
      `The project folder ${project}, chosen for this connection's migrations, no longer exists`,
    )
    await expect(migrations.panel.getByRole('button', { name: 'Apply all pending' })).toBeDisabled()
    await expect(migrations.panel.getByRole('table')).toHaveCount(0)
  } finally {
    const running = run as { child: ChildProcess } | null
    if (running) {
      running.child.kill('SIGTERM')
      await new Promise((resolve) => running.child.once('exit', resolve))
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a project folder of SQL migrations: pick it, preview the SQL, apply, roll back', async ({ app: page, host }) => {
  const project = join(host.dataDir, `shop-app-${Date.now()}`)
  mkdirSync(join(project, 'db', 'migrations'), { recursive: true })
  const file = (name: string, sql: string) => writeFileSync(join(project, 'db', 'migrations', name), sql)
  file('000001_create_authors.up.sql', 'CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n')
  file('000001_create_authors.down.sql', 'DROP TABLE authors;\n')
  file(
    '000002_create_books.up.sql',
    'CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES authors (id));\n',
  )
  file('000002_create_books.down.sql', 'DROP TABLE books;\n')
  const url = `sqlite:${join(host.dataDir, `project-${Date.now()}.sqlite`)}`
  writeFileSync(url.slice('sqlite:'.length), '')

  await saveConnection(host, { name: 'Shop app', url })
  await page.reload()
  await connectFromList(page, 'Shop app')
  const migrations = new MigrationsPage(page)
  await migrations.open()
  await expect(migrations.source()).toHaveText("Rowboat's sample schema")

  // The typed path is not the folder's own form: the confirmation names the folder the server resolved.
  await migrations.useProjectFolder(`${project}/db/..`, realpathSync(project))
  await expect(migrations.source()).toContainText('SQL migration folder')
  await expect(migrations.panel).toContainText('golang-migrate style')
  await migrations.expectStates({ '000001_create_authors': 'Pending', '000002_create_books': 'Pending' })

  await migrations.request('Apply all pending')
  await expect(migrations.plannedItems()).toHaveText(['000001_create_authors', '000002_create_books'])
  await expect(await migrations.showSql()).toContainText('CREATE TABLE books (id INTEGER PRIMARY KEY')
  await migrations.confirm(/Applied 2 migrations\./)
  await migrations.expectStates({ '000001_create_authors': 'Applied', '000002_create_books': 'Applied' })
  await expect(tableButton(page, 'books')).toBeVisible()
  expect(await rawQuery('sqlite', url, 'SELECT version, dirty FROM schema_migrations')).toEqual([{ version: 2, dirty: 0 }])

  await migrations.request('Roll back last')
  await expect(migrations.plannedItems()).toHaveText(['000002_create_books'])
  await expect(await migrations.showSql()).toContainText('DROP TABLE books;')
  await migrations.confirm(/Rolled back 1 migration\./)
  await migrations.expectStates({ '000001_create_authors': 'Applied', '000002_create_books': 'Pending' })
  await expect(tableButton(page, 'books')).toHaveCount(0)

  // "New migration…" writes an empty, correctly numbered pair into the project, listed as pending.
  await migrations.panel.getByRole('button', { name: 'New migration…' }).click()
  await migrations.panel.getByLabel("New migration's name").fill('add isbn')
  await migrations.panel.getByRole('button', { name: 'Write the file' }).click()
  await expect(migrations.panel).toContainText('Written into the project: 000003_add_isbn.up.sql, 000003_add_isbn.down.sql')
  await migrations.expectStates({ '000003_add_isbn': 'Pending' })

  // Back to Rowboat's own set: on this database (it has the app's tables) it offers nothing to run.
  await migrations.panel.getByRole('button', { name: "Use Rowboat's sample schema" }).click()
  await expect(migrations.source()).toHaveText("Rowboat's sample schema")
  await expect(migrations.panel.getByRole('note', { name: "Not managed by Rowboat's migrations" })).toBeVisible()
})
