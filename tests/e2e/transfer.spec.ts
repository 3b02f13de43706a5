/**
 * Import and export through the screen, against every dialect: a CSV of notes uploaded and imported
 * (then again, its rows skipped or updated by key); users matched by their username; a bad row
 * reported and nothing written; the grid's filtered view exported and downloaded; selected rows
 * copied to the clipboard; an import cancelled while it waits; a table of big integers, decimals and
 * dates exported as JSON Lines; formula-looking text in a spreadsheet-safe CSV (and as it is without
 * the option); an export cancelled while it runs (on PostgreSQL also while it reads its last page),
 * its file removed and nothing downloaded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import sqlite3 from 'sqlite3'
import { parse } from 'csv-parse/sync'
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, saveReadmeScreenshot, test, type BrowserHost } from './fixtures'
import { GridPage } from './pages/grid-page'
import { TransferPage, type ExportOptions } from './pages/transfer-page'
import { WorkspacePage } from './pages/workspace-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const seeded = await openSeeded(page, host, dialect, name)
  return { ...seeded, transfer: new TransferPage(page), grid: new GridPage(page), workspace: new WorkspacePage(page) }
}

const count = async (sql: (q: string) => Promise<unknown[]>, from: string) =>
  Number((await sql(`SELECT COUNT(*) AS n FROM ${from}`)).map((r) => (r as { n: unknown }).n)[0])

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
        await expect(transfer.panel.getByLabel('Recognise a row by').getByRole('option', { selected: true })).toHaveText(
          'username (unique index)',
        )

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

    test('a bad row is reported with its row number; all-or-nothing writes nothing, "skip bad rows" the rest', async ({
      app: page,
      host,
    }) => {
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
        await expect(form.getByRole('radio', { name: /^The current view of the grid/ })).toHaveAccessibleName(
          /is_active = true · sorted by username ↓/,
        )

        const downloading = page.waitForEvent('download', { timeout: 15_000 })
        downloading.catch(() => undefined) // a failed export is reported below, with its message
        await form.getByRole('button', { name: 'Export CSV' }).click()
        await expect(transfer.exportStatus()).toHaveText(/^(Exported|The export failed)/)
        expect(await transfer.panel.getByRole('alert').allInnerTexts(), 'no error shown').toEqual([])
        const download = await downloading
        expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}(-[0-9a-f]{6})?\.csv$/)
        await expect(transfer.exportStatus()).toHaveText(/^Exported 8 rows to users-.*\.csv\. Your browser has the download\.$/)

        const rows = parse<Record<string, string>>(readFileSync(await download.path()), { columns: true })
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
        // The keyboard stays where it was: back on the menu's button, not lost to the page.
        await expect(page.getByRole('button', { name: /^Copy as/ })).toBeFocused()
        const csv = await page.evaluate<string>('navigator.clipboard.readText()')
        const rows = parse<Record<string, string>>(csv, { columns: true })
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
        const release = await lockTable(dialect, target.url, 'notes')
        try {
          await transfer.importButton('notes').click()
          await expect(transfer.importStatus()).toHaveText(/^Importing into notes…/)
          await transfer.panel.getByRole('button', { name: 'Cancel import' }).click()
          // The engine has taken the cancel (it may already have stopped, between two chunks of the file).
          await expect(transfer.importStatus()).toHaveText(
            /^(Cancelling: the import is being stopped and rolled back|The import was cancelled)/,
          )
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

    test('big integers, decimals and dates exported as JSON Lines: one object per line, every digit kept', async ({ app: page, host }) => {
      const { transfer, workspace, sql, drop } = await open(page, host, dialect, `Transfer ${dialect} JSON Lines`)
      try {
        await sql(READINGS_TABLE[dialect])
        await sql(READINGS_ROWS)
        await workspace.refreshTables('readings')
        await transfer.open('readings')
        await transfer.showExport()
        await transfer.chooseExport('readings', { rows: 'table', format: 'jsonl' })
        await expect(transfer.exportForm('readings').getByLabel('File name', { exact: true })).toHaveValue(
          /^readings-\d{4}-\d{2}-\d{2}\.jsonl$/,
        )

        const download = await transfer.exportAndDownload('readings', 'jsonl')
        expect(download.suggestedFilename()).toMatch(/^readings-\d{4}-\d{2}-\d{2}(-[0-9a-f]{6})?\.jsonl$/)
        await expect(transfer.exportStatus()).toHaveText(
          `Exported 3 rows to ${download.suggestedFilename()}. Your browser has the download.`,
        )

        const text = readFileSync(await download.path(), 'utf8')
        // One object per line, each line ended by \n (the label's line break is escaped inside its line).
        expect(text.endsWith('\n')).toBe(true)
        const lines = text.slice(0, -1).split('\n')
        expect(lines).toHaveLength(3)
        const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
        for (const object of objects) expect(Object.keys(object)).toEqual(['id', 'big', 'amount', 'day', 'taken_at', 'ok', 'label'])
        // Numbers only when the JS number is exactly the stored value; big integers, decimals and dates as
        // the database prints them. SQLite has no decimals: it stored floats, and those are what it exports.
        const decimal = (printed: string) => (dialect === 'sqlite' ? Number(printed) : printed)
        expect(objects).toEqual([
          {
            id: 1,
            big: '9007199254740993',
            amount: decimal('12345678901234567890.1234'),
            day: '2024-02-29',
            taken_at: '2024-02-29 13:45:06',
            ok: true,
            label: 'say "hi"\nsecond line · ünïcode ✓',
          },
          { id: 2, big: 42, amount: decimal('0.1000'), day: null, taken_at: null, ok: false, label: '' },
          { id: 3, big: '9223372036854775807', amount: null, day: '1999-12-31', taken_at: '1999-12-31 23:59:59', ok: null, label: null },
        ])
        // The file itself carries the big integer as text, never as a number a JSON reader would round.
        expect(lines[0]).toContain('"big":"9007199254740993"')
      } finally {
        await drop()
      }
    })

    test("formula-looking text in CSV: as it is by default, prefixed with ' when spreadsheet-safe (numbers never)", async ({
      app: page,
      host,
    }) => {
      const { transfer, sql, drop } = await open(page, host, dialect, `Transfer ${dialect} spreadsheet-safe`)
      try {
        for (const [username, bio] of Object.entries(FORMULA_BIOS))
          await sql(`UPDATE users SET bio = '${bio}' WHERE username = '${username}'`)
        await sql(`UPDATE users SET score = -1.5 WHERE username = 'alice'`)
        await transfer.open('users')
        await transfer.showExport()

        await transfer.chooseExport('users', { rows: 'table', format: 'csv', spreadsheetSafe: false, fileName: 'users-as-is.csv' })
        const plain = await transfer.exportAndDownload('users', 'csv')
        // The server never replaces a file an earlier dialect's run of this spec left: a suffix then tells them apart.
        await expect(transfer.exportStatus()).toHaveText(
          /^Exported 10 rows to users-as-is(-[0-9a-f]{6})?\.csv\. Your browser has the download\.$/,
        )
        const plainText = readFileSync(await plain.path(), 'utf8')
        const plainRows = byUsername(parse<Record<string, string>>(plainText, { columns: true }))
        for (const [username, bio] of Object.entries(FORMULA_BIOS)) expect(plainRows[username]?.bio, username).toBe(bio)
        expect(plainText).toContain(',"=HYPERLINK(""https://evil.example/"",""click"")",')
        expect(plainText).not.toContain("'=")

        await transfer.chooseExport('users', { format: 'csv', spreadsheetSafe: true, fileName: 'users-safe.csv' })
        const safe = await transfer.exportAndDownload('users', 'csv')
        await expect(transfer.exportStatus()).toHaveText(
          /^Exported 10 rows to users-safe(-[0-9a-f]{6})?\.csv\. Your browser has the download\.$/,
        )
        const safeText = readFileSync(await safe.path(), 'utf8')
        const safeRows = byUsername(parse<Record<string, string>>(safeText, { columns: true }))
        for (const [username, bio] of Object.entries(FORMULA_BIOS)) expect(safeRows[username]?.bio, username).toBe(`'${bio}`)
        expect(safeText).toContain(',"\'=HYPERLINK(""https://evil.example/"",""click"")",')
        expect(safeText.split('\r\n')[0]).toBe('id,username,email,created_at,updated_at,bio,is_active,score')
        // Other text is untouched; a negative number is a number, not a formula.
        expect(safeRows.erin?.bio).toBe('Data engineer 📊')
        expect(safeRows.ivan?.bio).toBe('')
        expect(safeRows.alice?.score).toBe('-1.5')
        expect(plainRows.alice?.score).toBe('-1.5')
        // Apart from the escaped cells, the two files are the same.
        expect(safeText.replace(/(^|,|")'(?=[=+\-@])/g, '$1')).toBe(plainText)
      } finally {
        await drop()
      }
    })

    test('an export cancelled while it runs: the screen says so, its partial file is removed and nothing downloaded', async ({
      app: page,
      host,
    }) => {
      const { transfer, grid, workspace, sql, target, drop } = await open(page, host, dialect, `Transfer ${dialect} cancel export`)
      const downloads = downloadsOf(page)
      const fileName = `ticks-cancelled-${dialect}.csv`
      const exportDir = join(host.dataDir, 'exports')
      try {
        await sql(TICKS_TABLE)
        await sql(fillTicks(dialect))
        // Statistics say how many rows there are, so the export counts nothing (a count would wait for the lock below).
        if (dialect !== 'sqlite') await sql(dialect === 'mysql' ? 'ANALYZE TABLE ticks' : 'ANALYZE ticks')
        await openExportOfTicks(page, transfer, grid, workspace, fileName)

        // On PostgreSQL and MariaDB a lock makes the export wait until Cancel has been taken: it cannot
        // finish first. SQLite cannot hold a reader for long (it gives up after a second), so there the
        // table is big enough that the export runs for seconds, and Cancel comes after its first rows.
        const release = dialect === 'sqlite' ? async () => undefined : await lockTable(dialect, target.url, 'ticks')
        try {
          await startThenCancel(transfer, exportDir, fileName, dialect === 'sqlite' ? 1000 : 0)
          if (dialect === 'sqlite')
            await expect(transfer.exportStatus()).toHaveText(
              /^(Cancelling: the export is being stopped and its file removed…|The export was cancelled)/,
            )
          // PostgreSQL CSV is one COPY statement, and Cancel stops it on the server (pg_cancel_backend):
          // the export ends while it still waits for the lock.
          else if (dialect === 'postgres') await expectExportCancelled(transfer, exportDir, fileName, downloads)
          else await expect(transfer.exportStatus()).toHaveText('Cancelling: the export is being stopped and its file removed…')
        } finally {
          await release()
        }
        await expectExportCancelled(transfer, exportDir, fileName, downloads)
      } finally {
        await drop()
      }
    })

    // PostgreSQL only: there a test can keep a table's statistics stale (autovacuum off for it), so the export
    // trusts an estimate of 100,000 rows, counts nothing, and waits for the lock at its one and last page.
    // JSON Lines: it is read page by page (CSV is one COPY statement, which Cancel stops on the server).
    if (dialect === 'postgres') {
      test('a cancel taken while the export reads its last page still cancels it: no file, nothing downloaded', async ({
        app: page,
        host,
      }) => {
        const { transfer, grid, workspace, sql, target, drop } = await open(page, host, dialect, `Transfer ${dialect} cancel last page`)
        const downloads = downloadsOf(page)
        const fileName = 'ticks-cancelled-last-page.jsonl'
        const exportDir = join(host.dataDir, 'exports')
        try {
          await sql(`${TICKS_TABLE} WITH (autovacuum_enabled = false)`)
          await sql(fillTicks(dialect))
          await sql('ANALYZE ticks')
          await sql('DELETE FROM ticks WHERE id > 1000')
          await openExportOfTicks(page, transfer, grid, workspace, fileName, 'jsonl')

          const release = await lockTable(dialect, target.url, 'ticks')
          try {
            await startThenCancel(transfer, exportDir, fileName, 0, 'jsonl')
            await expect(transfer.exportStatus()).toHaveText('Cancelling: the export is being stopped and its file removed…')
          } finally {
            await release()
          }
          // The page read after the release is the last (1,000 rows): the cancel taken meanwhile still counts.
          await expectExportCancelled(transfer, exportDir, fileName, downloads, 'jsonl')
        } finally {
          await drop()
        }
      })
    }
  })
}

/** A table of the types whose values JSON cannot carry as numbers, per dialect. */
const READINGS_TABLE: Record<Dialect, string> = {
  sqlite:
    'CREATE TABLE readings (id INTEGER PRIMARY KEY, big BIGINT, amount DECIMAL(30,4), day DATE, taken_at DATETIME, ok BOOLEAN, label TEXT)',
  mysql:
    'CREATE TABLE readings (id INT PRIMARY KEY, big BIGINT, amount DECIMAL(30,4), day DATE, taken_at DATETIME, ok BOOLEAN, label TEXT)',
  postgres:
    'CREATE TABLE readings (id INTEGER PRIMARY KEY, big BIGINT, amount DECIMAL(30,4), day DATE, taken_at TIMESTAMP, ok BOOLEAN, label TEXT)',
}

const READINGS_ROWS = `INSERT INTO readings (id, big, amount, day, taken_at, ok, label) VALUES
  (1, 9007199254740993, 12345678901234567890.1234, '2024-02-29', '2024-02-29 13:45:06', TRUE, 'say "hi"
second line · ünïcode ✓'),
  (2, 42, 0.1000, NULL, NULL, FALSE, ''),
  (3, 9223372036854775807, NULL, '1999-12-31', '1999-12-31 23:59:59', NULL, NULL)`

/** Bios a spreadsheet app would run as formulas: one for each character spreadsheet-safe escapes. */
const FORMULA_BIOS: Record<string, string> = {
  alice: '=HYPERLINK("https://evil.example/","click")',
  bob: '+1 555 0100',
  carol: '-2',
  dave: '@SUM(A1:A2)',
}

function byUsername(rows: Array<Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries(rows.map((row) => [row.username, row]))
}

const TICKS_TABLE = 'CREATE TABLE ticks (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)'

/** A million narrow rows on SQLite (seconds of export), a hundred thousand on the servers (held by a lock). */
function fillTicks(dialect: Dialect): string {
  if (dialect === 'sqlite')
    return 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) INSERT INTO ticks (id, n) SELECT x, x % 1000 FROM c'
  if (dialect === 'postgres') return 'INSERT INTO ticks (id, n) SELECT x, x % 1000 FROM generate_series(1, 100000) AS x'
  // MariaDB stops recursive CTEs at 1000 iterations: digits crossed five times instead.
  const digits =
    '(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)'
  return `INSERT INTO ticks (id, n) SELECT x, x % 1000 FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS x FROM ${digits} a, ${digits} b, ${digits} c, ${digits} e, ${digits} f) AS seq`
}

/** The names of the files the page downloads from now on. */
function downloadsOf(page: Page): string[] {
  const names: string[] = []
  page.on('download', (download) => names.push(download.suggestedFilename()))
  return names
}

/**
 * ticks in the grid, then the grid's "Export…" with the whole table as CSV into `fileName`. Seen in the
 * grid first, the table's description is kept by the session, so an export does not wait for a lock to
 * read the catalog: only to read rows, after it has opened its file.
 */
async function openExportOfTicks(
  page: Page,
  transfer: TransferPage,
  grid: GridPage,
  workspace: WorkspacePage,
  fileName: string,
  format: ExportOptions['format'] = 'csv',
): Promise<void> {
  await workspace.refreshTables('ticks')
  await workspace.openTable('ticks')
  await grid.waitLoaded()
  await page.getByRole('button', { name: 'Export…' }).click()
  await expect(transfer.tab('Export')).toHaveAttribute('aria-selected', 'true')
  await transfer.chooseExport('ticks', { rows: 'table', format, fileName })
}

/** Starts the export, waits until its temporary file holds `minBytes`, and presses Cancel. */
async function startThenCancel(
  transfer: TransferPage,
  exportDir: string,
  fileName: string,
  minBytes: number,
  format: ExportOptions['format'] = 'csv',
): Promise<void> {
  await transfer.exportButton('ticks', format).click()
  await expect(transfer.exportStatus()).toHaveText(/^Exporting ticks…/)
  // The export writes a temporary file beside the destination, renamed only when it has finished.
  await expect.poll(() => partFiles(exportDir, fileName).filter((part) => part.bytes >= minBytes).length, { intervals: [25] }).toBe(1)
  await transfer.cancelExportButton().click()
}

/** The screen says the export was cancelled; no file, temporary or not, is left, offered or downloaded. */
async function expectExportCancelled(
  transfer: TransferPage,
  exportDir: string,
  fileName: string,
  downloads: string[],
  format: ExportOptions['format'] = 'csv',
): Promise<void> {
  await expect(transfer.exportStatus()).toHaveText('The export was cancelled. No file was left behind.')
  await expect(transfer.cancelExportButton()).toHaveCount(0)
  await expect(transfer.panel.getByRole('button', { name: /^Download/ })).toHaveCount(0)
  await expect(transfer.panel.getByRole('alert')).toHaveCount(0)
  await expect(transfer.exportButton('ticks', format)).toBeEnabled()
  expect(readdirSync(exportDir).filter((name) => name.includes(fileName))).toEqual([])
  expect(downloads).toEqual([])
}

/** The export's temporary files for `fileName` (".<name>.<random>.part", beside the destination) and their sizes. */
function partFiles(dir: string, fileName: string): Array<{ name: string; bytes: number }> {
  return readdirSync(dir)
    .filter((name) => name.startsWith(`.${fileName}.`) && name.endsWith('.part'))
    .map((name) => ({ name, bytes: statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? -1 }))
}

/**
 * Holds a lock on a table from outside the app, so an import waits (on PostgreSQL and MariaDB an
 * export too: its reads wait as well); answers the release.
 */
async function lockTable(dialect: Dialect, url: string, table: string): Promise<() => Promise<void>> {
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('BEGIN')
    await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`)
    return async () => {
      await client.query('COMMIT')
      await client.end()
    }
  }
  if (dialect === 'mysql') {
    const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') })
    await connection.query(`LOCK TABLES ${table} WRITE`)
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
