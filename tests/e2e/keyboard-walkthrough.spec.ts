/**
 * The keyboard-only walkthrough (issue 16): from the connection screen to a committed edit without
 * touching the mouse — Tab to the saved connection's Connect, the table filter, Enter into the grid,
 * Enter to edit a cell, Ctrl/Cmd+S to commit; then Shift+Enter opens the row's form, Enter in a field
 * saves it, Ctrl+W closes its tab. Every step is a key press; the test only reads what it sees.
 */
import type { Locator, Page } from '@playwright/test'
import { rawQuery } from '../support/databases'
import { expect, saveConnection, seededDatabase, test } from './fixtures'
import { GridPage } from './pages/grid-page'

/** Presses Tab until `target` has the focus, as someone without a mouse would; fails if it never does. */
async function tabTo(page: Page, target: Locator, most = 400): Promise<number> {
  // The worker's host keeps earlier tests' saved connections, each with its own buttons: the list can be long.
  await expect(target).toBeVisible()
  for (let presses = 0; presses <= most; presses++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement).catch(() => false)) return presses
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${String(target)}`)
}

test('keyboard only: connect, find a table, edit a cell, commit; open the row’s form, save it, close it', async ({ app: page, host }) => {
  const { target, drop } = await seededDatabase('sqlite', host.dataDir)
  const name = 'Keyboard walkthrough'
  const sql = (query: string) => rawQuery('sqlite', target.url, query)
  const grid = new GridPage(page)
  try {
    await saveConnection(host, { name, url: target.url })
    await page.reload()

    // Connect: Tab to the saved connection's Connect button, Enter.
    const item = page.getByRole('listitem').filter({ hasText: name }).first()
    await tabTo(page, item.getByRole('button', { name: 'Connect' }))
    await page.keyboard.press('Enter')
    const tables = page.getByRole('navigation', { name: 'Tables' })
    await expect(tables).toBeVisible()

    // Browse: Tab to the table filter, type, Enter: the grid has the keyboard once the rows are there.
    await tabTo(page, tables.getByLabel('Filter tables'))
    await page.keyboard.type('users')
    await page.keyboard.press('Enter')
    await grid.waitLoaded()
    await expect(grid.grid()).toBeFocused()

    // Edit: row 1, username; Enter edits, type, Enter stages; Ctrl/Cmd+S commits.
    const first = (await sql(`SELECT id FROM users ORDER BY id LIMIT 1`))[0] as { id: unknown }
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('group', { name: 'Edit username' })).toBeVisible()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('no_mouse_nina')
    await page.keyboard.press('Enter')
    await grid.expectPending(1)
    await page.keyboard.press('ControlOrMeta+s')
    await grid.expectPending(0)
    await expect
      .poll(async () => (await sql(`SELECT username FROM users WHERE id = ${String(first.id)}`))[0])
      .toEqual({
        username: 'no_mouse_nina',
      })

    // The row's form: Shift+Enter opens it in a tab, the first field has the keyboard.
    await expect(grid.grid()).toBeFocused()
    await page.keyboard.press('Shift+Enter')
    const form = page.getByRole('region', { name: 'User: no_mouse_nina' })
    await expect(form).toBeVisible()
    const username = form.getByLabel('Username', { exact: true })
    await expect(username).toBeFocused()
    await tabTo(page, form.getByLabel('Email', { exact: true }))
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('nina@example.org')
    await page.keyboard.press('Enter')
    await expect(form.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
    expect((await sql(`SELECT email FROM users WHERE id = ${String(first.id)}`))[0]).toEqual({ email: 'nina@example.org' })
    await page.keyboard.press('Control+w')
    await expect(form).toBeHidden()
    await expect(page.getByRole('tablist', { name: 'Open tabs' }).getByRole('tab')).toHaveText(['users'])
  } finally {
    await drop()
  }
})
