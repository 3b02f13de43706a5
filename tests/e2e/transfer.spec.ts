/**
 * Import and export through the screen, against every dialect: a CSV of notes uploaded and imported
 * (then again, its rows skipped or updated by key); users matched by their username; a bad row
 * reported and nothing written; the grid's filtered view exported and downloaded; selected rows
 * copied to the clipboard; an import cancelled while it waits.
 */
import { readFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import { parse } from 'csv-parse/sync'
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, saveReadmeScreenshot, test, type BrowserHost } from './fixtures'
import { GridPage } from './pages/grid-page'
import { TransferPage } from './pages/transfer-page'
import { WorkspacePage } from './pages/workspace-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const seeded = await openSeeded(page, host, dialect, name)
  return { ...seeded, transfer: new TransferPage(page), grid: new GridPage(page), workspace: new WorkspacePage(page) }
}

const count = async (sql: (q: string) => Promise<unknown[]>, from: string) => Number((await sql(`SELECT COUNT(*) AS n FROM ${from}`)).map((r) => (r as { n: unknown }).n)[0])

/** Three notes with their ids (so a second import meets them again); 102's content is NULL, 103's is "". */
const NOTES_CSV = 'id,title,content\n101,Imported one,"first, with a comma"\n102,Imported two,\n103,Imported three,""\n'

const ACTIVE_USERS = ['alice', 'bob', 'carol', 'erin', 'frank', 'grace', 'heidi', 'judy']

for (const dialect of dialects()) {
  test.describe(`import and export on ${dialect}`, () => {
    test('a CSV of notes: preview, check, import, find the rows, then the same file skipped and updated', async ({ app: page, host }) => {
      const { transfer, grid, sql, drop } = await open(page, host, dialect, `Transfer ${dialect} notes`)
      try {
        await transfer.open('notes')
        await transfer.chooseFile('new-notes.csv', NOTES_CSV)

        // What was detected, and the columns matched by name.
        await expect(transfer.panel.getByLabel('Delimiter')).toHaveValue(',')
        await expect(transfer.panel.getByText('Detected: Comma (,)')).toBeVisible()
        await expect(transfer.panel.getByLabel('Encoding')).toHaveValue('utf8')
        await expect(transfer.panel.getByLabel('First row holds column names')).toBeChecked()
        await expect(transfer.mapping('id')).toHaveValue('id')
        await expect(transfer.mapping('title')).toHaveValue('title')
        await expect(transfer.mapping('content')).toHaveValue('content')
        await expect(transfer.targetRow('title')).toContainText('required')
        await expect(transfer.targetRow('created_at')).toContainText('filled in by the app')

        // The preview: an unquoted empty field is NULL, a quoted one the empty string.
        await expect(transfer.previewRow(1)).toContainText('first, with a comma')
        await expect(transfer.previewRow(2)).toContainText('NULL')
        await expect(transfer.previewRow(3)).toContainText('empty')

        // A check counts without writing.
        await transfer.checkFile()
        await expect(transfer.importStatus()).toContainText('nothing was written')
        await transfer.expectCounts({ inserted: 3, updated: 0, skipped: 0, failed: 0 })
        expect(await count(sql, 'notes')).toBe(15)

        await transfer.runImport('notes')
        await expect(transfer.importStatus()).toHaveText('Import finished: 3 inserted, 0 updated, 0 skipped, 0 failed.')
        await transfer.expectCounts({ inserted: 3, updated: 0, skipped: 0, failed: 0 })
        expect(await count(sql, 'notes')).toBe(18)
        const stored = (await sql('SELECT id, content FROM notes WHERE id IN (102, 103) ORDER BY id')) as Array<{ content: string | null }>
        expect(stored.map((r) => r.content)).toEqual([null, ''])
        if (dialect === 'sqlite') await saveReadmeScreenshot(page, 'import')

        // The rows are in the grid.
        await transfer.panel.getByRole('button', { name: 'Open notes' }).click()
        await grid.waitLoaded()
        await grid.search('Imported')
        expect(await grid.columnTexts('title')).toEqual(['Imported one', 'Imported two', 'Imported three'])

        // The same file again: insert-only skips the three, upsert updates them.
        await transfer.open()
        await expect(transfer.panel.getByText('Reading new-notes.csv')).toBeVisible()
        await transfer.onDuplicate('Insert only')
        await transfer.runImport('notes')
        await expect(transfer.importStatus()).toHaveText('Import finished: 0 inserted, 0 updated, 3 skipped, 0 failed.')
        await transfer.onDuplicate('Upsert')
        await transfer.runImport('notes')
        await transfer.expectCounts({ inserted: 0, updated: 3, skipped: 0, failed: 0 })
        expect(await count(sql, 'notes')).toBe(18)
      } finally {
        await drop()
      }
    })

    test('users matched by their unique username: pasted text, insert-only, then upsert', async ({ app: page, host }) => {
      const { transfer, sql, drop } = await open(page, host, dialect, `Transfer ${dialect} users`)
      try {
        await transfer.open('users')
        await transfer.pasteText('username;email;score\nzoe;zoe@example.com;1.5\nalice;alice@new.example.com;99\n')
        await expect(transfer.panel.getByLabel('Delimiter')).toHaveValue(';')
        // id is not in the text: the primary key cannot match rows, so the username's unique index is offered.
        await expect(transfer.panel.getByLabel('Recognise a row by').getByRole('option', { selected: true })).toHaveText('username (unique index)')
        
        await transfer.onDuplicate('Insert only')
        await transfer.runImport('users')
        await transfer.expectCounts({ inserted: 1, updated: 0, skipped: 1, failed: 0 })
        expect(await sql(`SELECT email FROM users WHERE username = 'alice'`)).toEqual([{ email: 'alice@example.com' }])

        await transfer.onDuplicate('Upsert')
        await transfer.runImport('users')
        await transfer.expectCounts({ inserted: 0, updated: 2, skipped: 0, failed: 0 })
        expect(await sql(`SELECT email FROM users WHERE username = 'alice'`)).toEqual([{ email: 'alice@new.example.com' }])
        expect(await count(sql, 'users')).toBe(11)
      } finally {
        await drop()
      }
    })

    test('a bad row is reported with its row number; all-or-nothing writes nothing, "skip bad rows" the rest', async ({ app: page, host }) => {
      const { transfer, sql, drop } = await open(page, host, dialect, `Transfer ${dialect} bad rows`)
      try {
        await transfer.open('notes')
        await transfer.chooseFile('bad-notes.csv', 'title,content\nGood one,a\n,no title here\nGood two,b\n')
        // The preview already shows the problem on row 2.
        await expect(transfer.previewRow(2)).toContainText(/title/)

        await transfer.runImport('notes')
        await expect(transfer.importStatus()).toContainText('Import stopped by a bad row: nothing was written')
        await transfer.expectCounts({ inserted: 0, updated: 0, skipped: 0, failed: 1 })
        const issues = await transfer.issueTexts()
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatch(/^2 \| title \| .+/)
        expect(await count(sql, 'notes')).toBe(15)

        await transfer.onBadRow('Skip bad rows')
        await transfer.runImport('notes')
        await transfer.expectCounts({ inserted: 2, updated: 0, skipped: 0, failed: 1 })
        expect(await transfer.issueTexts()).toEqual([issues[0]])
        expect(await count(sql, 'notes')).toBe(17)
      } finally {
        await drop()
      }
    })

    test('the grid’s filtered and sorted view of users, exported as CSV and downloaded', async ({ app: page, host }) => {
      const { transfer, grid, workspace, drop } = await open(page, host, dialect, `Transfer ${dialect} export`)
      try {
        await workspace.openTable('users')
        await grid.waitLoaded()
        await grid.addFilter('is_active', '=', 'true')
        await grid.applyFilters()
        await grid.sortBy('username', 'descending')
        await expect(grid.status()).toHaveText('Showing 8 of 8 rows')

        await page.getByRole('button', { name: 'Export…' }).click()
        await expect(transfer.tab('Export')).toHaveAttribute('aria-selected', 'true')
        const form = transfer.exportForm('users')
        await expect(form.getByRole('radio', { name: /^The current view of the grid/ })).toBeChecked()
        await expect(form.getByRole('radio', { name: /^The current view of the grid/ })).toHaveAccessibleName(/is_active = true · sorted by username ↓/)

        const downloading = page.waitForEvent('download', { timeout: 15_000 })
        downloading.catch(() => undefined) // a failed export is reported below, with its message
        await form.getByRole('button', { name: 'Export CSV' }).click()
        await expect(transfer.exportStatus()).toHaveText(/^(Exported|The export failed)/)
        expect(await transfer.panel.getByRole('alert').allInnerTexts(), 'no error shown').toEqual([])
        const download = await downloading
        expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/)
        await expect(transfer.exportStatus()).toHaveText(/^Exported 8 rows to users-.*\.csv\. Your browser has the download\.$/)

        const rows = parse(readFileSync(await download.path()), { columns: true }) as Array<Record<string, string>>
        const header = readFileSync(await download.path(), 'utf8').split(/\r?\n/)[0]
        expect(header?.split(',')).toEqual(['id', 'username', 'email', 'created_at', 'updated_at', 'bio', 'is_active', 'score'])
        expect(rows.map((r) => r.username)).toEqual([...ACTIVE_USERS].reverse())
      } finally {
        await drop()
      }
    })

    test('two selected rows copied as CSV and as SQL INSERT', async ({ app: page, host, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
      const { grid, workspace, drop } = await open(page, host, dialect, `Transfer ${dialect} copy`)
      try {
        await workspace.openTable('users')
        await grid.waitLoaded()
        await grid.sortBy('username', 'ascending')
        for (const name of ['alice', 'bob']) await (await grid.row('username', name)).getByRole('checkbox', { name: /^Select row/ }).check()

        await page.getByRole('button', { name: /^Copy as/ }).click()
        await page.getByRole('list', { name: 'Copy 2 rows as' }).getByRole('button', { name: 'CSV', exact: true }).click()
        await expect(page.getByRole('status').filter({ hasText: /^Copied/ })).toHaveText('Copied 2 rows as CSV')
        const csv = await page.evaluate<string>('navigator.clipboard.readText()')
        const rows = parse(csv, { columns: true }) as Array<Record<string, string>>
        expect(rows.map((r) => [r.username, r.email])).toEqual([
          ['alice', 'alice@example.com'],
          ['bob', 'bob@example.com'],
        ])

        await page.getByRole('button', { name: /^Copy as/ }).click()
        await page.getByRole('list', { name: 'Copy 2 rows as' }).getByRole('button', { name: 'SQL INSERT', exact: true }).click()
        await expect(page.getByRole('status').filter({ hasText: /^Copied/ })).toHaveText('Copied 2 rows as SQL INSERT')
        const statements = (await page.evaluate<string>('navigator.clipboard.readText()')).trim().split('\n')
        expect(statements).toHaveLength(2)
        for (const statement of statements) expect(statement).toMatch(/^INSERT INTO .*users.* VALUES \(.*\);$/)
        expect(statements[0]).toContain("'alice@example.com'")
      } finally {
        await drop()
      }
    })

    test('an import held up by a lock is cancelled: rolled back, nothing written', async ({ app: page, host }) => {
      const { transfer, sql, target, drop } = await open(page, host, dialect, `Transfer ${dialect} cancel`)
      try {
        await transfer.open('notes')
        // Several chunks of file: the engine looks for a cancel between them.
        const lines = Array.from({ length: 5000 }, (_, i) => `Held note ${i + 1},waiting for the lock`)
        await transfer.chooseFile('held.csv', `title,content\n${lines.join('\n')}\n`)
        const release = await lockNotes(dialect, target.url)
        try {
          await transfer.importButton('notes').click()
          await expect(transfer.importStatus()).toHaveText(/^Importing into notes…/)
          await transfer.panel.getByRole('button', { name: 'Cancel import' }).click()
          // The engine has taken the cancel (it may already have stopped, between two chunks of the file).
          await expect(transfer.importStatus()).toHaveText(/^(Cancelling: the import is being stopped and rolled back|The import was cancelled)/)
        } finally {
          await release()
        }
        await expect(transfer.importStatus()).toHaveText('The import was cancelled.')
        await expect(transfer.panel.getByText('Nothing was kept; start it again when ready.')).toBeVisible()
        expect(await count(sql, 'notes')).toBe(15)
      } finally {
        await drop()
      }
    })
  })
}

/** Holds a write lock on notes from outside the app, so an import waits; answers the release. */
async function lockNotes(dialect: Dialect, url: string): Promise<() => Promise<void>> {
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('BEGIN')
    await client.query('LOCK TABLE notes IN ACCESS EXCLUSIVE MODE')
    return async () => {
      await client.query('COMMIT')
      await client.end()
    }
  }
  if (dialect === 'mysql') {
    const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') })
    await connection.query('LOCK TABLES notes WRITE')
    return async () => {
      await connection.query('UNLOCK TABLES')
      await connection.end()
    }
  }
  const db = new sqlite3.Database(url.replace(/^sqlite:/, ''))
  const exec = (statement: string) => new Promise<void>((done, fail) => db.exec(statement, (error) => (error ? fail(error) : done())))
  await exec('BEGIN IMMEDIATE')
  return async () => {
    await exec('COMMIT')
    await new Promise<void>((done) => db.close(() => done()))
  }
}
