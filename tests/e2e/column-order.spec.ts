/**
 * Columns reordered (issue 16): a header dragged sideways moves its column, Alt+Shift+←/→ on the
 * active header does the same without a mouse; the order is remembered per table with the widths,
 * comes back when the connection is opened again, and "Reset column order and widths" undoes both.
 */
import { connectFromList, dialects, expect, openSeeded, test } from './fixtures'
import { GridPage } from './pages/grid-page'
import { WorkspacePage } from './pages/workspace-page'

// The order lives in the renderer; one dialect shows it.
const dialect = dialects()[0]

test('columns move by dragging a header or by Alt+Shift+arrows, are remembered per table across a reload, and reset', async ({
  app: page,
  host,
}) => {
  const name = 'Column order connection'
  const { drop } = await openSeeded(page, host, dialect, name)
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  try {
    await workspace.openTable('users')
    await grid.waitLoaded()
    const original = await grid.columnOrder()
    expect(original.slice(0, 3)).toEqual(['id', 'username', 'email'])
    const usernames = await grid.columnTexts('username')

    // Drag: email's header dropped on id's lands before it. The click that ends the drag sorts nothing.
    await grid.dragHeader('email', 'id')
    await expect.poll(() => grid.columnOrder()).toEqual(['email', 'id', 'username', ...original.slice(3)])
    await expect(grid.header('email')).toHaveAttribute('aria-sort', 'none')
    await expect(grid.header('email')).toHaveAttribute('aria-colindex', '2')
    // The cells moved with their header.
    expect(await grid.columnTexts('username')).toEqual(usernames)

    // Keyboard: to the header row, on username, then Alt+Shift+← twice (the column stays active).
    await grid.grid().focus()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Alt+Shift+ArrowLeft')
    await page.keyboard.press('Alt+Shift+ArrowLeft')
    await expect.poll(() => grid.columnOrder()).toEqual(['username', 'email', 'id', ...original.slice(3)])
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await expect.poll(() => grid.columnOrder()).toEqual(['email', 'username', 'id', ...original.slice(3)])

    // Per table: posts keeps its own order.
    await workspace.openTable('posts')
    await grid.waitLoaded()
    expect((await grid.columnOrder())[0]).toBe('id')

    // Opened again later: the order comes back.
    await page.reload()
    await connectFromList(page, name)
    await workspace.openTable('users')
    await grid.waitLoaded()
    await expect.poll(() => grid.columnOrder()).toEqual(['email', 'username', 'id', ...original.slice(3)])

    // Reset, from the grid's Columns menu: the table's own order, also after a reload.
    await page.getByRole('button', { name: 'Columns ▾' }).click()
    await page.getByRole('list', { name: 'Columns' }).getByRole('button', { name: 'Reset column order and widths' }).click()
    await expect.poll(() => grid.columnOrder()).toEqual(original)
    await page.reload()
    await connectFromList(page, name)
    await workspace.openTable('users')
    await grid.waitLoaded()
    expect(await grid.columnOrder()).toEqual(original)
  } finally {
    await drop()
  }
})
