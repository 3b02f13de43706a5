/**
 * The rough edges a new user found (issue 16): each one as the user met it, on the screen.
 * Dialect-neutral behaviour runs on SQLite; where the database matters, on every dialect this run has.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, test, type BrowserHost } from './fixtures'
import { FormPage } from './pages/form-page'
import { GridPage } from './pages/grid-page'
import { TransferPage } from './pages/transfer-page'
import { WorkspacePage } from './pages/workspace-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  return { workspace: new WorkspacePage(page), grid: new GridPage(page), sql, drop }
}

type Record = { [column: string]: unknown }
const one = async (rows: Promise<unknown[]>) => (await rows)[0] as Record

test.describe('counts in words', () => {
  test('one pending change "is" not saved; two "are"', async ({ app: page, host }) => {
    const { workspace, grid, drop } = await open(page, host, 'sqlite', 'Plurals')
    try {
      await workspace.openTable('notes')
      await grid.waitLoaded()
      await grid.editCell(await grid.row('title', 'Ideas'), 'content', 'one')
      await workspace.tableButton('posts').click()
      const ask = page.getByRole('dialog', { name: 'Unsaved changes' })
      await expect(ask).toContainText('You have 1 pending change that is not saved yet. To leave this table, commit or discard it first.')
      await ask.getByRole('button', { name: 'Keep editing' }).click()
      await grid.editCell(await grid.row('title', 'Quote'), 'content', 'two')
      await workspace.tableButton('posts').click()
      await expect(ask).toContainText('You have 2 pending changes that are not saved yet.')
      await ask.getByRole('button', { name: 'Discard changes' }).click()
    } finally {
      await drop()
    }
  })
})

for (const dialect of dialects()) {
  test.describe(`the grid's conflict dialog on ${dialect}`, () => {
    test('shows every column someone else changed, and "Keep mine" writes mine at once', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Conflict ${dialect}`)
      try {
        await workspace.openTable('notes')
        await grid.waitLoaded()
        const row = await grid.row('title', 'Reading list')
        await grid.editCell(row, 'content', 'Mine')
        // Someone else changes the same column and another one of the same row.
        await sql(`UPDATE notes SET content = 'Theirs', title = 'Reading list (theirs)' WHERE title = 'Reading list'`)
        await grid.commit()
        const conflict = grid.conflictDialog()
        await expect(conflict).toBeVisible()
        const line = (column: string) =>
          conflict.getByRole('row').filter({ has: page.getByRole('rowheader', { name: column, exact: true }) })
        await expect(line('content').getByRole('cell')).toHaveText([
          'Mine',
          'Use The Index, Luke; Designing Data-Intensive Applications.',
          /^Theirs/,
        ])
        await expect(line('title').getByRole('cell')).toHaveText(['(not edited)', 'Reading list', /^Reading list \(theirs\)changed$/])
        await expect(line('id')).toHaveCount(0)

        await conflict.getByRole('button', { name: 'Keep mine' }).click()
        await expect(conflict).toBeHidden()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT title, content FROM notes WHERE title LIKE 'Reading list%'`))).toEqual({
          title: 'Reading list (theirs)',
          content: 'Mine',
        })
        await expect(page.getByRole('status').filter({ hasText: 'Committed 1 change.' })).toBeVisible()
      } finally {
        await drop()
      }
    })
  })
}

test.describe('the Review', () => {
  test('a refused value is named by row and column, Commit waits for it, the others show their writes; checks on demand; Copy', async ({
    app: page,
    host,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
    const { workspace, grid, sql, drop } = await open(page, host, 'sqlite', 'Review problems')
    try {
      await workspace.openTable('users')
      await grid.waitLoaded()
      const carolId = String((await one(sql(`SELECT id FROM users WHERE username = 'carol'`))).id)
      await grid.editCell(await grid.row('username', 'bob'), 'bio', 'Reviewed')
      await grid.editCell(await grid.row('username', 'carol'), 'email', 'not-an-email')
      await grid.editCell(await grid.row('username', 'dave'), 'bio', 'Also reviewed')
      await grid.expectPending(3)

      const { dialog, statements } = await grid.review()
      const refused = dialog.getByRole('list', { name: 'Refused values' }).getByRole('listitem')
      await expect(refused).toHaveCount(1)
      await expect(refused).toContainText(`users id = ${carolId}, column email: Email must be a valid email address`)
      await expect(dialog.getByRole('button', { name: 'Commit 3 operations' })).toBeDisabled()
      // The writes of the two acceptable changes, and nothing else by default.
      expect(statements).toHaveLength(2)
      expect(statements.every((s) => /^UPDATE\b/i.test(s))).toBe(true)
      expect(statements.join('\n')).toContain('Reviewed')
      expect(statements.join('\n')).toContain('Also reviewed')

      // The checks (row locks and comparisons, read-backs) and the transaction, on demand.
      const list = dialog.getByRole('list', { name: 'SQL statements' }).getByRole('listitem')
      await dialog.getByRole('checkbox', { name: /Show the checks/ }).check()
      await expect(list.first()).toHaveText(/^BEGIN/)
      await expect(list.filter({ hasText: /^SELECT\b/ }).first()).toBeVisible()
      expect(await list.count()).toBeGreaterThan(2)
      await dialog.getByRole('checkbox', { name: /Show the checks/ }).uncheck()
      await expect(list).toHaveCount(2)

      await dialog.getByRole('button', { name: 'Copy SQL' }).click()
      await expect(dialog.getByRole('status').filter({ hasText: 'Copied 2 statements.' })).toBeVisible()
      const copied = await page.evaluate<string>('navigator.clipboard.readText()')
      expect(copied).toMatch(/^UPDATE[\s\S]*Reviewed[\s\S]*;\nUPDATE[\s\S]*Also reviewed[\s\S]*;$/)

      // Go to the cell, fix it: Commit is offered again and writes all three.
      await refused.getByRole('button', { name: 'Go to cell' }).click()
      await expect(dialog).toBeHidden()
      const editor = page.getByRole('group', { name: 'Edit email' })
      await editor.getByRole('textbox', { name: 'email', exact: true }).fill('carol@example.net')
      await editor.getByRole('textbox', { name: 'email', exact: true }).press('Enter')
      // Opened again, the Review shows nothing of the previous dry run (its 2 statements, its refused
      // value) while the new one is under way, and Commit waits for it: held here to see that state.
      let release = () => {}
      const held = new Promise<void>((resolve) => (release = resolve))
      // Settles once the held request went on (a promise resolved with a promise follows it).
      let intercepted: (done: Promise<void>) => void = () => {}
      const continued = new Promise<void>((resolve) => (intercepted = resolve))
      await page.route('**/api/records.preview', (route) => {
        const done = held.then(() => route.continue())
        intercepted(done)
        return done
      })
      // Every list of statements put on the page, even for one frame (a stale one is read as soon as it shows).
      await page.evaluate(`{
        const added = (window.addedStatementLists = [])
        new MutationObserver((records) => {
          for (const record of records)
            for (const node of record.addedNodes) {
              if (!(node instanceof Element)) continue
              const list = node.matches('[aria-label="SQL statements"]') ? node : node.querySelector('[aria-label="SQL statements"]')
              if (list) added.push(list.children.length)
            }
        }).observe(document.body, { childList: true, subtree: true })
      }`)
      await grid.pendingBar().getByRole('button', { name: 'Review SQL…' }).click()
      await expect(dialog.getByText('Preparing the statements…')).toBeVisible()
      expect(await page.evaluate('window.addedStatementLists')).toEqual([])
      await expect(dialog.getByRole('list', { name: 'SQL statements' })).toHaveCount(0)
      await expect(dialog.getByRole('list', { name: 'Refused values' })).toHaveCount(0)
      await expect(dialog.getByRole('button', { name: 'Commit 3 operations' })).toBeDisabled()
      release()
      await continued
      await page.unroute('**/api/records.preview')
      await dialog.getByRole('button', { name: 'Close', exact: true }).click()
      await expect(dialog).toBeHidden()
      const again = await grid.review()
      await expect(again.dialog.getByRole('list', { name: 'Refused values' })).toHaveCount(0)
      expect(again.statements).toHaveLength(3)
      await again.dialog.getByRole('button', { name: 'Commit 3 operations' }).click()
      await grid.expectPending(0)
      expect(await one(sql(`SELECT email FROM users WHERE username = 'carol'`))).toEqual({ email: 'carol@example.net' })
    } finally {
      await drop()
    }
  })
})

test.describe('the import report', () => {
  test('lists each skipped row with its reason: in the table already, or the same key earlier in the file', async ({ app: page, host }) => {
    const { sql, drop } = await open(page, host, 'sqlite', 'Import skipped')
    const transfer = new TransferPage(page)
    try {
      await transfer.open('notes')
      // Note 3 exists; 201 comes twice, 202 three times.
      await transfer.chooseFile(
        'skips.csv',
        'id,title,content\n201,New,x\n3,Existing,x\n201,New again,x\n202,Other,x\n202,Other again,x\n202,Other thrice,x\n',
      )
      await transfer.onDuplicate('Insert only')
      await transfer.runImport('notes')
      await transfer.expectCounts({ inserted: 2, updated: 0, skipped: 4, failed: 0 })
      expect(await transfer.skippedTexts()).toEqual([
        '2 | Its key was already in the table.',
        '3 | Same key as row 1 of the file.',
        '5 | Same key as row 4 of the file.',
        '6 | Same key as row 4 of the file.',
      ])
      await expect(transfer.panel).not.toContainText('Skipped rows were already in the table')
      expect(await sql('SELECT title FROM notes WHERE id IN (3, 201, 202) ORDER BY id')).toEqual([
        { title: 'Ideas' },
        { title: 'New' },
        { title: 'Other' },
      ])
    } finally {
      await drop()
    }
  })
})

test.describe('the post form', () => {
  test('without an author it says "Author is required", also after the database answered', async ({ app: page, host }) => {
    const { sql, drop } = await open(page, host, 'sqlite', 'Post without author')
    const forms = new FormPage(page)
    try {
      const post = await forms.newRecord('posts')
      await forms.fill(post, { Title: 'Nobody wrote this' })
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/records.insert'))
      await forms.submit(post)
      await answered
      const author = post.getByRole('combobox', { name: 'Author' })
      await expect(author).toHaveAccessibleDescription(/Author is required/)
      await expect(author).not.toHaveAccessibleDescription(/whole number|user_id/)
      expect(await sql(`SELECT COUNT(*) AS n FROM posts WHERE title = 'Nobody wrote this'`)).toEqual([{ n: 0 }])
    } finally {
      await drop()
    }
  })
})
