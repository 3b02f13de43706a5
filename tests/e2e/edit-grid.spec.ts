/**
 * Scenario 3 (the grid part) and scenario 4, against every dialect: cells edited in place and staged,
 * the exact SQL reviewed, one all-or-nothing commit, Discard and Ctrl+Z; errors pinned to their cell;
 * and a row changed behind the UI's back is never overwritten silently.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { connectFromList, dialects, expect, test, type BrowserHost, openSeeded, saveReadmeScreenshot } from './fixtures'
import { GridPage } from './pages/grid-page'
import { WorkspacePage } from './pages/workspace-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  return { workspace: new WorkspacePage(page), grid: new GridPage(page), sql, drop }
}

type Record = { [column: string]: unknown }
const one = async (rows: Promise<unknown[]>) => (await rows)[0] as Record
const numberOf = (rows: unknown[]) => Number((rows[0] as Record).n)

for (const dialect of dialects()) {
  test.describe(`editing in the grid on ${dialect}`, () => {
    test('a note edited inline, committed with Ctrl+S, still there after a reload', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Grid ${dialect} note`)
      try {
        await workspace.openTable('notes')
        await grid.waitLoaded()
        const row = await grid.row('title', 'Ideas')
        await grid.editCell(row, 'content', 'Tags for posts? Draft status? Dark mode!')
        await grid.expectPending(1)
        await expect(await grid.cell(row, 'content')).toHaveText('Tags for posts? Draft status? Dark mode!')
        await grid.grid().press('ControlOrMeta+s')
        await grid.expectPending(0)
        await expect(page.getByRole('status').filter({ hasText: 'Committed 1 change.' })).toBeVisible()
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Ideas'`))).toEqual({
          content: 'Tags for posts? Draft status? Dark mode!',
        })

        // A fresh page and a fresh session read it back from the database.
        await page.reload()
        await connectFromList(page, `Grid ${dialect} note`)
        await workspace.openTable('notes')
        await grid.waitLoaded()
        await expect(await grid.cell(await grid.row('title', 'Ideas'), 'content')).toHaveText('Tags for posts? Draft status? Dark mode!')

        // The keyboard alone: arrows to the cell, Enter to edit, Esc to cancel, typing to replace.
        await (await grid.cell(await grid.row('title', 'TODO'), 'title')).click()
        await grid.grid().press('ArrowRight')
        await grid.grid().press('Enter')
        const editor = page.getByRole('group', { name: 'Edit content' })
        await expect(editor).toBeVisible()
        await page.keyboard.press('Escape')
        await expect(editor).toBeHidden()
        await grid.expectPending(0)
        await grid.grid().press('x')
        await page.keyboard.type('yz')
        await page.keyboard.press('Enter')
        await expect(await grid.cell(await grid.row('title', 'TODO'), 'content')).toHaveText('xyz')
        await grid.expectPending(1)
        await grid.discard()
        await grid.expectPending(0)

        // Long or multi-line text is cut in the cell; the viewer shows all of it.
        const strings = await grid.row('title', 'Connection strings')
        await (await grid.cell(strings, 'content')).getByRole('button', { name: 'View the whole content value' }).click()
        const viewer = page.getByRole('dialog', { name: /^content · notes id = \d+$/ })
        await expect(viewer.getByLabel('content value')).toHaveText('dev: sqlite:///app.db\nprod: mysql+pymysql://app@db/app')
        await viewer.getByRole('button', { name: 'Close' }).click()

        // Duplicate a row: a new row with the same values and its own key, committed like any edit.
        await (await grid.cell(await grid.row('title', 'Ideas'), 'title')).click()
        await page.getByRole('button', { name: 'Duplicate row', exact: true }).click()
        const copy = grid.grid().getByRole('row').filter({ hasText: 'new row' })
        await expect(await grid.cell(copy, 'content')).toHaveText('Tags for posts? Draft status? Dark mode!')
        await grid.editCell(copy, 'title', 'Ideas (copy)')
        await grid.commit()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Ideas (copy)'`))).toEqual({
          content: 'Tags for posts? Draft status? Dark mode!',
        })
      } finally {
        await drop()
      }
    })

    test('three staged edits, a new row and a deleted one: reviewed as SQL, committed at once', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Grid ${dialect} users`)
      try {
        await workspace.openTable('users')
        await grid.waitLoaded()
        await grid.editCell(await grid.row('username', 'bob'), 'bio', 'Flask, then Django.')
        await grid.editCell(await grid.row('username', 'carol'), 'score', '80.5')
        await grid.editCell(await grid.row('username', 'dave'), 'email', 'dave@example.org')
        await grid.expectPending(3)
        // Changed cells are marked for everyone, not only by colour.
        await expect(await grid.row('username', 'bob')).toContainText('edited')

        await page.getByRole('button', { name: 'Insert row', exact: true }).click()
        const added = grid.grid().getByRole('row').filter({ hasText: 'new row' })
        await expect(added).toHaveCount(1)
        await grid.editCell(added, 'username', 'newbie')
        await grid.editCell(added, 'email', 'newbie@example.com')
        await grid.expectPending(4)
        // judy has no posts, so she can go: selected, then deleted (staged like the rest).
        await (await grid.row('username', 'judy')).getByRole('checkbox', { name: /^Select row/ }).check()
        await page.getByRole('button', { name: 'Delete selected', exact: true }).click()
        await expect(await grid.row('username', 'judy')).toContainText('to be deleted')
        await grid.expectPending(5)

        await grid.grid().press('ControlOrMeta+Home')
        if (dialect === 'sqlite') await saveReadmeScreenshot(page, 'grid')

        const { dialog, statements } = await grid.review()
        const updates = statements.filter((s) => /^UPDATE\b/i.test(s))
        expect(updates).toHaveLength(3)
        expect(updates.find((s) => /\bbio\b/.test(s))).toBeTruthy()
        expect(updates.find((s) => /\bscore\b/.test(s))).toBeTruthy()
        expect(updates.find((s) => /\bemail\b/.test(s))).toBeTruthy()
        expect(statements.some((s) => /^INSERT INTO\b/i.test(s) && /\busername\b/.test(s))).toBe(true)
        expect(statements.some((s) => /^DELETE FROM\b/i.test(s))).toBe(true)
        // Nothing ran yet.
        expect(await one(sql(`SELECT bio FROM users WHERE username = 'bob'`))).toEqual({ bio: 'Learning Flask one tutorial at a time.' })

        await dialog.getByRole('button', { name: /^Commit/ }).click()
        await expect(dialog).toBeHidden()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT bio FROM users WHERE username = 'bob'`))).toEqual({ bio: 'Flask, then Django.' })
        expect(Number((await one(sql(`SELECT score FROM users WHERE username = 'carol'`))).score)).toBe(80.5)
        expect(await one(sql(`SELECT email FROM users WHERE username = 'dave'`))).toEqual({ email: 'dave@example.org' })
        expect(await one(sql(`SELECT email FROM users WHERE username = 'newbie'`))).toEqual({ email: 'newbie@example.com' })
        expect(await sql(`SELECT id FROM users WHERE username = 'judy'`)).toEqual([])

        await page.getByRole('button', { name: 'Reload', exact: true }).click()
        await grid.waitLoaded()
        await expect(grid.status()).toHaveText('Showing 10 of 10 rows')
        await expect(await grid.cell(await grid.row('username', 'bob'), 'bio')).toHaveText('Flask, then Django.')
        await expect(await grid.cell(await grid.row('username', 'carol'), 'score')).toHaveText('80.5')
      } finally {
        await drop()
      }
    })

    test('Discard, Ctrl+Z, a refused value pointed at its cell, and asking before a sort', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Grid ${dialect} undo`)
      try {
        await workspace.openTable('users')
        await grid.waitLoaded()
        const bob = await grid.row('username', 'bob')
        await grid.editCell(bob, 'bio', 'Gone soon')
        await grid.editCell(await grid.row('username', 'erin'), 'score', '1')
        await grid.expectPending(2)
        await grid.discard()
        await grid.expectPending(0)
        await expect(await grid.cell(bob, 'bio')).toHaveText('Learning Flask one tutorial at a time.')

        await grid.editCell(bob, 'bio', 'First')
        await grid.editCell(await grid.row('username', 'erin'), 'score', '2')
        await grid.expectPending(2)
        await grid.grid().press('ControlOrMeta+z')
        await grid.expectPending(1)
        await expect(await grid.cell(await grid.row('username', 'erin'), 'score')).toHaveText('88')
        await grid.grid().press('ControlOrMeta+z')
        await grid.expectPending(0)
        await expect(await grid.cell(bob, 'bio')).toHaveText('Learning Flask one tutorial at a time.')

        // A sort would reload the rows: it asks first, and "Keep editing" keeps everything.
        await grid.editCell(bob, 'bio', 'Still here')
        await grid.header('username').getByRole('button').click()
        const ask = page.getByRole('dialog', { name: 'Unsaved changes' })
        await expect(ask).toBeVisible()
        await ask.getByRole('button', { name: 'Keep editing' }).click()
        await expect(grid.header('username')).toHaveAttribute('aria-sort', 'none')
        await grid.expectPending(1)
        // So does closing or reloading the window…
        const unload = page.waitForEvent('dialog')
        void page.evaluate('location.reload()').catch(() => undefined)
        const question = await unload
        expect(question.type()).toBe('beforeunload')
        await question.dismiss()
        await grid.expectPending(1)
        // …and another table: discarding there lets it open.
        await workspace.tableButton('posts').click()
        await expect(ask).toBeVisible()
        await ask.getByRole('button', { name: 'Discard changes' }).click()
        await expect(page.getByRole('heading', { level: 1, name: 'posts', exact: true })).toBeVisible()
        await workspace.openTable('users')
        await grid.waitLoaded()
        await grid.expectPending(0)
        await expect(await grid.cell(bob, 'bio')).toHaveText('Learning Flask one tutorial at a time.')
        // Ctrl+F goes to the search box.
        await grid.grid().press('ControlOrMeta+f')
        await expect(page.getByRole('searchbox', { name: 'Filter', exact: true })).toBeFocused()

        // The model refuses a bad email: nothing is written, and the message points at the cell.
        await grid.editCell(await grid.row('username', 'grace'), 'email', 'not-an-email')
        await grid.editCell(await grid.row('username', 'heidi'), 'bio', 'Hallo')
        await grid.commit()
        await expect(grid.pendingBar().getByRole('alert')).toContainText('Email must be a valid email address')
        await expect(grid.pendingBar()).toContainText(/column email/)
        await expect(await grid.cell(await grid.row('username', 'grace'), 'email')).toHaveAttribute('aria-invalid', 'true')
        expect(await one(sql(`SELECT bio FROM users WHERE username = 'heidi'`))).toEqual({ bio: 'Grüße aus Berlin.' })
        await grid.expectPending(2)
        await grid.editCell(await grid.row('username', 'grace'), 'email', 'grace@example.net')
        await grid.commit()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT email FROM users WHERE username = 'grace'`))).toEqual({ email: 'grace@example.net' })
      } finally {
        await drop()
      }
    })

    test('unique and foreign-key refusals point at their row and cell; nothing is half-written', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Grid ${dialect} refusals`)
      try {
        await workspace.openTable('users')
        await grid.waitLoaded()
        await grid.editCell(await grid.row('username', 'judy'), 'bio', 'Changed with the others')
        await grid.editCell(await grid.row('username', 'bob'), 'username', 'alice')
        await grid.commit()
        const alert = grid.pendingBar().getByRole('alert')
        await expect(alert).toHaveAttribute('data-error-code', 'UNIQUE_VIOLATION')
        await expect(grid.pendingBar()).toContainText(/users id = 2/)
        await expect(await grid.cell(await grid.row('id', '2'), 'username')).toHaveAttribute('aria-invalid', 'true')
        // All or nothing: judy's bio was not written either.
        expect(await one(sql(`SELECT bio FROM users WHERE username = 'judy'`))).toEqual({ bio: 'Indexes are a love language.' })
        await grid.pendingBar().getByRole('button', { name: 'Undo' }).click()
        await grid.expectPending(1)

        // alice has posts: deleting her is refused, and the message says so.
        await (await grid.row('username', 'alice')).getByRole('checkbox', { name: /^Select row/ }).check()
        await page.getByRole('button', { name: 'Delete selected', exact: true }).click()
        await grid.commit()
        await expect(alert).toHaveAttribute('data-error-code', 'FK_VIOLATION')
        await expect(grid.pendingBar()).toContainText(/users id = 1/)
        expect(numberOf(await sql(`SELECT COUNT(*) AS n FROM users WHERE username = 'alice'`))).toBe(1)
      } finally {
        await drop()
      }
    })

    test('a row changed behind the grid’s back: the conflict is shown, nothing is overwritten', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Grid ${dialect} conflict`)
      try {
        await workspace.openTable('notes')
        await grid.waitLoaded()
        const row = await grid.row('title', 'Reading list')
        await grid.editCell(row, 'content', 'Mine')
        // A second session changes the same note.
        await sql(`UPDATE notes SET content = 'Theirs' WHERE title = 'Reading list'`)
        await grid.commit()
        const conflict = grid.conflictDialog()
        await expect(conflict).toBeVisible()
        const contentRow = conflict.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'content', exact: true }) })
        await expect(contentRow.getByRole('cell')).toHaveText([
          'Mine',
          'Use The Index, Luke; Designing Data-Intensive Applications.',
          /^Theirs/,
        ])
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Reading list'`))).toEqual({ content: 'Theirs' })

        // Take theirs: my edit goes, the grid shows their value.
        await conflict.getByRole('button', { name: 'Take theirs' }).click()
        await expect(conflict).toBeHidden()
        await grid.expectPending(0)
        await expect(await grid.cell(row, 'content')).toHaveText('Theirs')

        // Again, and keep mine: written over their value at once, as the button says.
        await grid.editCell(row, 'content', 'Mine after all')
        await sql(`UPDATE notes SET content = 'Theirs again' WHERE title = 'Reading list'`)
        await grid.commit()
        await expect(conflict).toBeVisible()
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Reading list'`))).toEqual({ content: 'Theirs again' })
        await conflict.getByRole('button', { name: 'Keep mine' }).click()
        await expect(conflict).toBeHidden()
        await grid.expectPending(0)
        await expect(await grid.cell(row, 'content')).toHaveText('Mine after all')
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Reading list'`))).toEqual({ content: 'Mine after all' })

        // Re-edit: the editor opens on the cell, starting from my value, compared with theirs now.
        await grid.editCell(row, 'content', 'Third try')
        await sql(`UPDATE notes SET content = 'Theirs once more' WHERE title = 'Reading list'`)
        await grid.commit()
        await conflict.getByRole('button', { name: 'Re-edit' }).click()
        const editor = page.getByRole('group', { name: 'Edit content' })
        await expect(editor.getByRole('textbox', { name: 'content' })).toHaveValue('Third try')
        await page.keyboard.press('Escape')
        await grid.commit()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT content FROM notes WHERE title = 'Reading list'`))).toEqual({ content: 'Third try' })

        // A row deleted meanwhile: nothing is re-created unless asked.
        const gone = await grid.row('title', 'Quote')
        await grid.editCell(gone, 'content', 'Too late')
        await sql(`DELETE FROM notes WHERE title = 'Quote'`)
        await grid.commit()
        await expect(page.getByRole('dialog', { name: 'This row was deleted meanwhile' })).toBeVisible()
        await page.getByRole('button', { name: 'Discard my changes' }).click()
        await grid.expectPending(0)
        expect(await sql(`SELECT id FROM notes WHERE title = 'Quote'`)).toEqual([])
      } finally {
        await drop()
      }
    })
  })
}
