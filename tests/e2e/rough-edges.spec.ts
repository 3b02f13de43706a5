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
