/**
 * The README's tour of the workspace (issue 16), light and dark: a connection with its tables,
 * record forms and panels in one tab strip, and a posts grid whose user_id cells read as usernames.
 * Pictures are written only with UPDATE_SCREENSHOTS=1; the checks run every time.
 */
import { expect, openSeeded, saveReadmeScreenshot, test } from './fixtures'
import { FormPage } from './pages/form-page'
import { GridPage } from './pages/grid-page'
import { TabsPage } from './pages/tabs-page'
import { WorkspacePage } from './pages/workspace-page'

test('the workspace tour: tabs (tables, a record form, a panel) and readable foreign keys, in the light and dark themes', async ({
  app: page,
  host,
}) => {
  const { sql, drop } = await openSeeded(page, host, 'sqlite', 'Blog (sample)')
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  const tabs = new TabsPage(page)
  const forms = new FormPage(page)
  try {
    await forms.openRecord('users', 'username', 'alice')
    await page.getByRole('button', { name: 'Migrations', exact: true }).click()
    await workspace.openTable('posts')
    await grid.waitLoaded()
    await tabs.expectNames(['users', 'User: alice', 'Migrations', 'posts'])
    await tabs.expectActive('posts')

    const [first] = (await sql(
      `SELECT p.title AS title, u.username AS author FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id`,
    )) as Array<{
      title: string
      author: string
    }>
    const author = (await grid.cell(await grid.row('title', first.title), 'user_id')).getByRole('button')
    await expect(author).toHaveText(`${first.author}↗`)

    // Wide enough for the usernames beside the ids (Alt+→ on its header, as a person would).
    await grid.grid().focus()
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('ArrowUp')
    for (let col = 1; col < Number(await grid.columnIndex('user_id')) - 1; col++) await page.keyboard.press('ArrowRight')
    const narrow = (await grid.header('user_id').boundingBox())!.width
    for (let step = 0; step < 4; step++) await page.keyboard.press('Alt+ArrowRight')
    await expect.poll(async () => (await grid.header('user_id').boundingBox())!.width).toBeGreaterThan(narrow + 60)

    const theme = page.getByRole('combobox', { name: 'Theme' })
    const html = page.locator('html')
    for (const choice of ['light', 'dark'] as const) {
      await theme.selectOption(choice)
      await expect(html).toHaveAttribute('data-theme', choice)
      // The active row sits on the first post, so the picture shows its author's link.
      await grid.grid().focus()
      await page.keyboard.press('ControlOrMeta+Home')
      await saveReadmeScreenshot(page, `workspace-${choice}`)
    }
  } finally {
    await drop()
  }
})
