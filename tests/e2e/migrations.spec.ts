/**
 * Scenario 5: a fresh, empty database; apply, roll back and re-apply the app's migrations through
 * the migrations panel, with the Tables navigation following every run.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import type { Dialect } from '../../src/shared/connection-types'
import { rawQuery } from '../support/databases'
import { connectFromList, dialects, emptyDatabase, expect, saveConnection, test, saveReadmeScreenshot } from './fixtures'
import { MigrationsPage, tableButton } from './pages/migrations-page'

const ALL = ['0001-create-users', '0002-create-posts', '0003-create-notes', '0004-add-user-profile', '0005-index-posts-user-id']

async function freshDatabase(dialect: Dialect, dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = join(dataDir, `fresh-${Date.now()}.sqlite`)
    writeFileSync(file, '') // an empty file is an empty SQLite database
    return { url: `sqlite:${file}`, drop: async () => undefined }
  }
  return emptyDatabase(dialect)
}

/**
 * Holds up a run from outside the app: servers lock `posts` (so 0005, which indexes it, waits while
 * running); SQLite takes the write lock (so the run waits to start). Answers the release.
 */
async function holdUpRun(dialect: Dialect, url: string): Promise<() => Promise<void>> {
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('BEGIN')
    await client.query('LOCK TABLE posts IN ACCESS EXCLUSIVE MODE')
    return async () => {
      await client.query('COMMIT')
      await client.end()
    }
  }
  if (dialect === 'mysql') {
    const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') })
    await connection.query('LOCK TABLES posts WRITE')
    return async () => {
      await connection.query('UNLOCK TABLES')
      await connection.end()
    }
  }
  const db = new sqlite3.Database(url.replace(/^sqlite:/, ''))
  const exec = (sql: string) => new Promise<void>((done, fail) => db.exec(sql, (error) => (error ? fail(error) : done())))
  await exec('BEGIN IMMEDIATE')
  return async () => {
    await exec('COMMIT')
    await new Promise<void>((done) => db.close(() => done()))
  }
}

for (const dialect of dialects()) {
  test(`migrations panel on a fresh ${dialect} database: apply, roll back, re-apply`, async ({ app: page, host }) => {
    const { url, drop } = await freshDatabase(dialect, host.dataDir)
    try {
      const name = `Fresh ${dialect}`
      await saveConnection(host, { name, url })
      await page.reload()
      await connectFromList(page, name)
      const migrations = new MigrationsPage(page)
      await migrations.open()

      // Nothing applied yet: five pending, no current version, none of the app's tables.
      await migrations.expectStates(Object.fromEntries(ALL.map((n) => [n, 'Pending'])))
      await migrations.expectCurrent(null)
      await expect(tableButton(page, 'users')).toHaveCount(0)

      // Apply all: the confirmation lists the five in order.
      await migrations.request('Apply all pending')
      await expect(migrations.plannedItems()).toHaveText(ALL)
      await migrations.confirm(/Applied 5 migrations/)
      await migrations.expectStates(Object.fromEntries(ALL.map((n) => [n, 'Applied'])))
      for (const migration of ALL) await migrations.expectAppliedWithDate(migration)
      await migrations.expectCurrent('0005-index-posts-user-id')
      for (const table of ['users', 'posts', 'notes']) await expect(tableButton(page, table)).toBeVisible()

      // Roll back the last: the confirmation names it.
      await migrations.request('Roll back last')
      await expect(migrations.plannedItems()).toHaveText(['0005-index-posts-user-id'])
      await migrations.confirm(/Rolled back 1 migration\./)
      await migrations.expectStates({ '0004-add-user-profile': 'Applied', '0005-index-posts-user-id': 'Pending' })
      await migrations.expectCurrent('0004-add-user-profile')

      // A user with a bio, written behind the app's back: rolling back 0004 would drop it.
      await rawQuery(
        dialect,
        url,
        "INSERT INTO users (username, email, bio, created_at, updated_at) VALUES ('ann', 'ann@example.com', 'Sails on weekends', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
      )
      await migrations.rollBackTo('0003-create-notes')
      await expect(migrations.plannedItems()).toHaveText(['0004-add-user-profile', '0003-create-notes'])
      await expect(migrations.dataLoss()).toContainText('users.bio: 1 row holds data')
      await migrations.confirm(/Rolled back 2 migrations\./)
      await migrations.expectStates({
        '0002-create-posts': 'Applied',
        '0003-create-notes': 'Pending',
        '0004-add-user-profile': 'Pending',
        '0005-index-posts-user-id': 'Pending',
      })
      await migrations.expectCurrent('0002-create-posts')
      await expect(tableButton(page, 'notes')).toHaveCount(0)
      await expect(tableButton(page, 'users')).toBeVisible()
      await expect(tableButton(page, 'posts')).toBeVisible()

      // Apply up to the third: only it runs, and notes comes back.
      await migrations.applyUpTo('0003-create-notes')
      await expect(migrations.plannedItems()).toHaveText(['0003-create-notes'])
      await migrations.confirm(/Applied 1 migration\./)
      await migrations.expectStates({
        '0003-create-notes': 'Applied',
        '0004-add-user-profile': 'Pending',
        '0005-index-posts-user-id': 'Pending',
      })
      await migrations.expectCurrent('0003-create-notes')
      await expect(tableButton(page, 'notes')).toBeVisible()

      if (dialect === 'sqlite') {
        // For the README: three applied, two pending, the current version highlighted.
        await page.mouse.move(0, 0)
        await saveReadmeScreenshot(page, 'migrations')
      }

      await page.getByRole('button', { name: 'Disconnect' }).click()
    } finally {
      await drop()
    }
  })
}

for (const dialect of dialects()) {
  test(`migrations panel on ${dialect}: progress while a run is held up, and a failed run`, async ({ app: page, host }) => {
    const { url, drop } = await freshDatabase(dialect, host.dataDir)
    try {
      const name = `Progress ${dialect}`
      await saveConnection(host, { name, url })
      await page.reload()
      await connectFromList(page, name)
      const migrations = new MigrationsPage(page)
      await migrations.open()
      await migrations.applyUpTo('0003-create-notes')
      await migrations.confirm(/Applied 3 migrations\./)

      // Someone added the column 0004 is about to add: 0004 refuses before anything runs, and says why.
      // Where the SQL is previewed (a dry run: PostgreSQL, SQLite) the plan already says so; elsewhere the run does.
      await rawQuery(dialect, url, 'ALTER TABLE users ADD COLUMN bio TEXT')
      await migrations.panel.getByRole('button', { name: 'Apply all pending', exact: true }).click()
      const inTheWay = 'would create the column "users.bio", which already exists. Nothing was run or changed.'
      const refusedInPlan = migrations.dialog.getByText(inTheWay, { exact: false })
      await expect(migrations.plannedItems().first().or(refusedInPlan)).toBeVisible()
      const failure = page.getByRole('alert').filter({ hasText: 'Migration 0004-add-user-profile failed' })
      if (await refusedInPlan.isVisible()) {
        await migrations.dialog.getByRole('button', { name: /^(Cancel|Close)$/ }).click()
        await expect(migrations.dialog).toHaveCount(0)
      } else {
        await expect(migrations.plannedItems()).toHaveText(['0004-add-user-profile', '0005-index-posts-user-id'])
        await migrations.confirm(/Stopped: 0004-add-user-profile failed\./)
        await expect(failure).toContainText(inTheWay)
        await expect(migrations.panel).toContainText('The database is now at 0003-create-notes, with 2 migrations pending.')
      }
      await migrations.expectStates({
        '0003-create-notes': 'Applied',
        '0004-add-user-profile': 'Pending',
        '0005-index-posts-user-id': 'Pending',
      })
      await expect(tableButton(page, 'users')).toBeVisible()

      // Put it right, then run again while something outside holds the run up: progress shows and the UI answers.
      await rawQuery(dialect, url, 'ALTER TABLE users DROP COLUMN bio')
      const release = await holdUpRun(dialect, url)
      let released = false
      try {
        await migrations.request('Apply all pending')
        await migrations.dialog.getByRole('button', { name: 'Apply 2 migrations' }).click()
        await expect(migrations.status).toHaveText(
          dialect === 'sqlite' ? 'Applying 2 migrations: starting…' : /^Applying 0005-index-posts-user-id \(2 of 2\)…$/,
        )
        await expect(migrations.panel.getByRole('list', { name: 'Run progress' })).toBeVisible()
        await expect(migrations.panel.getByRole('button', { name: 'Apply all pending' })).toBeDisabled()
        await expect(migrations.panel).toHaveAttribute('aria-busy', 'true')
        // The rest of the app stays usable while it waits.
        await expect(tableButton(page, 'notes')).toBeEnabled()
        await release()
        released = true
      } finally {
        if (!released) await release()
      }
      await expect(migrations.status).toHaveText('Applied 2 migrations.', { timeout: 30_000 })
      await expect(failure).toHaveCount(0)
      await migrations.expectStates(Object.fromEntries(ALL.map((n) => [n, 'Applied'])))
      await page.getByRole('button', { name: 'Disconnect' }).click()
    } finally {
      await drop()
    }
  })
}
