/**
 * The rough edges a new user found (issue 16): each one as the user met it, on the screen.
 * Dialect-neutral behaviour runs on SQLite; where the database matters, on every dialect this run has.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, test, type BrowserHost } from './fixtures'
import { GridPage } from './pages/grid-page'
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
        const line = (column: string) => conflict.getByRole('row').filter({ has: page.getByRole('rowheader', { name: column, exact: true }) })
        await expect(line('content').getByRole('cell')).toHaveText(['Mine', 'Use The Index, Luke; Designing Data-Intensive Applications.', /^Theirs/])
        await expect(line('title').getByRole('cell')).toHaveText(['(not edited)', 'Reading list', /^Reading list \(theirs\)changed$/])
        await expect(line('id')).toHaveCount(0)

        await conflict.getByRole('button', { name: 'Keep mine' }).click()
        await expect(conflict).toBeHidden()
        await grid.expectPending(0)
        expect(await one(sql(`SELECT title, content FROM notes WHERE title LIKE 'Reading list%'`))).toEqual({ title: 'Reading list (theirs)', content: 'Mine' })
        await expect(page.getByRole('status').filter({ hasText: 'Committed 1 change.' })).toBeVisible()
      } finally {
        await drop()
      }
    })
  })
}
