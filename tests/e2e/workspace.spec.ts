/**
 * The workspace around the tables: tabs in one strip per connection (open, switch, close with the
 * mouse and the keyboard, restored when the connection is opened again), Back / Forward inside a tab
 * after following a foreign key (arrows, Alt+←/→, the browser's own Back, which must not leave the
 * app), and the shortcuts sheet.
 */
import { connectFromList, dialects, expect, openSeeded, test } from './fixtures'
import { GridPage } from './pages/grid-page'
import { TabsPage } from './pages/tabs-page'
import { WorkspacePage } from './pages/workspace-page'

// Tabs and history live in the renderer: one dialect shows them (the keys they follow are tested on every dialect in browse.spec.ts).
const dialect = dialects()[0]

test('tabs: tables and panels in one strip; switch, close, cycle; restored when the connection is opened again', async ({
  app: page,
  host,
}) => {
  const name = 'Tabs connection'
  const { drop } = await openSeeded(page, host, dialect, name)
  const workspace = new WorkspacePage(page)
  const tabs = new TabsPage(page)
  try {
    await workspace.openTable('users')
    await workspace.openTable('posts')
    await page.getByRole('button', { name: 'Migrations', exact: true }).click()
    await tabs.expectNames(['users', 'posts', 'Migrations'])
    await tabs.expectActive('Migrations')
    await page.getByRole('button', { name: 'Query', exact: true }).click()
    await tabs.expectNames(['users', 'posts', 'Migrations', 'Query 1'])

    // Choosing an open table again goes to its tab, keeping its Structure view.
    await tabs.tab('users').click()
    await workspace.showStructure()
    await workspace.openTable('posts')
    await workspace.tableButton('users').click()
    await expect(workspace.tab('Structure')).toHaveAttribute('aria-selected', 'true')
    await tabs.expectNames(['users', 'posts', 'Migrations', 'Query 1'])
    await workspace.showData()

    // Ctrl+Tab cycles forward and wraps; Ctrl+Shift+Tab goes back.
    await page.getByRole('grid').focus()
    await page.keyboard.press('Control+Tab')
    await tabs.expectActive('posts')
    await page.keyboard.press('Control+Shift+Tab')
    await page.keyboard.press('Control+Shift+Tab')
    await tabs.expectActive('Query 1')
    await page.keyboard.press('Control+Tab')
    await tabs.expectActive('users')

    // A middle click closes a tab in the background; Ctrl+W closes the active one (its right neighbour shows).
    await tabs.middleClick('Migrations')
    await tabs.expectNames(['users', 'posts', 'Query 1'])
    await tabs.expectActive('users')
    await page.keyboard.press('Control+w')
    await tabs.expectNames(['posts', 'Query 1'])
    await tabs.expectActive('posts')
    await tabs.expectTable('posts')
    await tabs.close('Query 1')
    await tabs.expectNames(['posts'])

    // Open the connection again later: the same tabs come back, the same one active.
    await workspace.openTable('notes')
    await tabs.tab('posts').click()
    await page.reload()
    await connectFromList(page, name)
    await tabs.expectNames(['posts', 'notes'])
    await tabs.expectActive('posts')
    await tabs.expectTable('posts')
    await new GridPage(page).waitLoaded()
  } finally {
    await drop()
  }
})

test('back and forward inside a tab after following keys: arrows, Alt+arrows, the browser’s Back stays in the app', async ({
  app: page,
  host,
}) => {
  const { sql, drop } = await openSeeded(page, host, dialect, 'History connection')
  const workspace = new WorkspacePage(page)
  const tabs = new TabsPage(page)
  const grid = new GridPage(page)
  try {
    const post = (
      await sql(
        `SELECT p.title AS title, u.username AS author, u.id AS uid FROM posts p JOIN users u ON u.id = p.user_id WHERE p.title = 'Keyset pagination, explained'`,
      )
    )[0] as { title: string; author: string; uid: unknown }
    await workspace.openTable('posts')
    await grid.waitLoaded()
    await expect(tabs.back()).toBeDisabled()
    await grid.search('Keyset')
    const postCount = (await grid.columnTexts('title')).length

    // Follow the author: the same tab now shows users, filtered to the key.
    await (
      await grid.cell(await grid.row('title', post.title), 'user_id')
    )
      .getByRole('button', { name: `Open users where id = ${String(post.uid)}` })
      .click()
    await tabs.expectTable('users')
    await tabs.expectNames(['users'])
    await grid.waitLoaded()
    expect(await grid.columnTexts('username')).toEqual([post.author])

    // Back: posts as they were (the search still applied); Forward: the author again.
    await tabs.back().click()
    await tabs.expectTable('posts')
    await grid.waitLoaded()
    await expect(page.getByRole('searchbox', { name: 'Filter', exact: true })).toHaveValue('Keyset')
    expect(await grid.columnTexts('title')).toHaveLength(postCount)
    await tabs.forward().click()
    await tabs.expectTable('users')
    await grid.waitLoaded()
    expect(await grid.columnTexts('username')).toEqual([post.author])

    // Alt+← and Alt+→ do the same from the grid.
    await page.getByRole('grid').focus()
    await page.keyboard.press('Alt+ArrowLeft')
    await tabs.expectTable('posts')
    await page.getByRole('grid').focus()
    await page.keyboard.press('Alt+ArrowRight')
    await tabs.expectTable('users')

    // The browser's Back steps back in the tab and never leaves the app.
    const url = page.url()
    await page.goBack()
    await tabs.expectTable('posts')
    expect(page.url()).toBe(url)
    await expect(page.getByRole('navigation', { name: 'Tables' })).toBeVisible()
    await page.goBack()
    await tabs.expectTable('posts')
    await expect(page.getByRole('navigation', { name: 'Tables' })).toBeVisible()

    // The mouse's back and forward buttons (3 and 4; Playwright's mouse has only three buttons, so the event is sent as the page gets it).
    const mouseButton = (button: number) => page.locator('main').dispatchEvent('mouseup', { button, bubbles: true })
    await mouseButton(4)
    await tabs.expectTable('users')
    await mouseButton(3)
    await tabs.expectTable('posts')
  } finally {
    await drop()
  }
})

test('the shortcuts sheet opens on ? and lists the tab and grid keys', async ({ app: page, host }) => {
  const { drop } = await openSeeded(page, host, dialect, 'Shortcuts connection')
  try {
    await new WorkspacePage(page).openTable('users')
    await page.getByRole('grid').focus()
    await page.keyboard.press('Shift+?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    await expect(sheet.getByRole('table', { name: 'Tabs' })).toContainText('Close the tab')
    await expect(sheet.getByRole('table', { name: 'Grid' })).toContainText('Edit the cell')
    await expect(sheet.getByRole('table', { name: 'Query results' })).toContainText('Delete the selected rows or the row')
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
  } finally {
    await drop()
  }
})

for (const each of dialects()) {
  test(`readable foreign keys on ${each}: a post's user_id shows the author's username, and opens the user`, async ({
    app: page,
    host,
  }) => {
    const { sql, drop } = await openSeeded(page, host, each, `Labels ${each}`)
    const grid = new GridPage(page)
    const tabs = new TabsPage(page)
    try {
      const posts = (await sql(
        `SELECT p.title AS title, u.username AS author, u.id AS uid FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id`,
      )) as Array<{ title: string; author: string; uid: unknown }>
      await new WorkspacePage(page).openTable('posts')
      await grid.waitLoaded()
      for (const post of posts.slice(0, 3)) {
        const link = (await grid.cell(await grid.row('title', post.title), 'user_id')).getByRole('button', {
          name: `Open users where id = ${String(post.uid)}`,
        })
        // The id stays the cell's value; the label is beside it, inside the link.
        await expect(link).toHaveText(`${post.author}↗`)
      }
      expect(await grid.columnTexts('user_id')).toEqual(expect.arrayContaining([String(posts[0].uid)]))

      // A username changed behind the app's back shows after Reload (labels are read again with the rows).
      await sql(`UPDATE users SET username = 'renamed' WHERE id = ${String(posts[0].uid)}`)
      await page.getByRole('button', { name: 'Reload', exact: true }).click()
      await grid.waitLoaded()
      const first = (await grid.cell(await grid.row('title', posts[0].title), 'user_id')).getByRole('button')
      await expect(first).toHaveText('renamed↗')

      await first.click()
      await tabs.expectTable('users')
      await grid.waitLoaded()
      expect(await grid.columnTexts('username')).toEqual(['renamed'])
    } finally {
      await drop()
    }
  })
}

test('keyboard only: choose a table, land in the grid, edit with Enter, undo and redo, commit, open the row’s form', async ({
  app: page,
  host,
}) => {
  const { sql, drop } = await openSeeded(page, host, dialect, 'Keyboard connection')
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  try {
    const first = (await sql(`SELECT id, username FROM users ORDER BY id`))[0] as { id: unknown; username: string }
    await workspace.sidebar().getByLabel('Filter tables').focus()
    await page.keyboard.type('users')
    await page.keyboard.press('Enter')
    await grid.waitLoaded()
    // The keyboard is in the grid at once: no click needed.
    await expect(grid.grid()).toBeFocused()

    // Row 1, from id to username; Enter edits it.
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    const editor = page.getByRole('group', { name: 'Edit username' })
    await expect(editor).toBeVisible()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('keyboard_kate')
    await page.keyboard.press('Enter')
    await expect(editor).toBeHidden()
    await grid.expectPending(1)

    // Undo, then redo both ways (Ctrl+Shift+Z and Ctrl+Y).
    await page.keyboard.press('ControlOrMeta+z')
    await grid.expectPending(0)
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await grid.expectPending(1)
    await page.keyboard.press('ControlOrMeta+z')
    await grid.expectPending(0)
    await page.keyboard.press('Control+y')
    await grid.expectPending(1)

    // F2 edits too (and Esc leaves it as it was).
    await page.keyboard.press('F2')
    await expect(editor).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(editor).toBeHidden()

    await page.keyboard.press('ControlOrMeta+s')
    await grid.expectPending(0)
    await expect
      .poll(async () => (await sql(`SELECT username FROM users WHERE id = ${String(first.id)}`))[0])
      .toEqual({ username: 'keyboard_kate' })

    // Shift+Enter opens the row in the user form (a tab of its own); Ctrl+W closes it.
    await grid.grid().focus()
    await page.keyboard.press('Shift+Enter')
    const form = page.getByRole('region', { name: 'User: keyboard_kate' })
    await expect(form).toBeVisible()
    await page.keyboard.press('Control+w')
    await expect(form).toBeHidden()
  } finally {
    await drop()
  }
})

test('copy and paste like a spreadsheet: a range copied as tab-separated text and HTML, pasted text staged (new rows past the end), bad values marked', async ({
  app: page,
  host,
  context,
}) => {
  const { sql, drop } = await openSeeded(page, host, dialect, 'Clipboard connection')
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
    const notes = (await sql(`SELECT id, title, content FROM notes ORDER BY id`)) as Array<{
      id: unknown
      title: string
      content: string | null
    }>
    await workspace.openTable('notes')
    await grid.waitLoaded()
    // What the page put on the clipboard, both forms.
    // (The test project has no DOM typings: the little it uses is typed here.)
    type Copied = { text: string; html: string }
    type CopyEvent = { clipboardData: { getData(type: string): string } | null }
    await page.evaluate(() => {
      const w = globalThis as unknown as { copied: Copied[]; addEventListener(type: 'copy', listener: (event: CopyEvent) => void): void }
      w.copied = []
      w.addEventListener('copy', (event) =>
        w.copied.push({ text: event.clipboardData?.getData('text/plain') ?? '', html: event.clipboardData?.getData('text/html') ?? '' }),
      )
    })
    const copied = () => page.evaluate(() => (globalThis as unknown as { copied: Copied[] }).copied.at(-1))

    // Title and content of the first two notes: click, then Shift+arrows.
    await (await grid.cell(await grid.row('title', notes[0].title), 'title')).click()
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowRight')
    await expect(page.locator('.cell-in-range')).toHaveCount(4)
    await page.keyboard.press('ControlOrMeta+c')
    const field = (text: string | null) => (text === null ? '' : /[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)
    await expect
      .poll(async () => (await copied())?.text)
      .toBe(
        notes
          .slice(0, 2)
          .map((n) => `${field(n.title)}\t${field(n.content)}`)
          .join('\n'),
      )
    expect((await copied())?.html).toMatch(/^<table><thead><tr><th>title<\/th><th>content<\/th><\/tr><\/thead>/)

    // Paste three lines at the last note's title: one update, then two new rows past the end; a
    // date that is not one is marked on its cell and not staged.
    const last = notes.at(-1)!
    await (await grid.cell(await grid.row('title', last.title), 'title')).click()
    const stamp = '2026-01-02 03:04:05'
    const tsv = [
      `Pasted title\tpasted body\t${stamp}\t${stamp}`,
      `New one\tfirst new\t${stamp}\t${stamp}`,
      `New two\tsecond new\tnot a date\t${stamp}`,
    ].join('\n')
    await page.evaluate(
      (text) =>
        (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator.clipboard.writeText(
          text,
        ),
      tsv,
    )
    await page.keyboard.press('ControlOrMeta+v')
    // Four changed cells of the last note and two new rows.
    await grid.expectPending(6)
    await expect(page.locator('[role="gridcell"][aria-invalid="true"]')).toHaveCount(1)
    await expect(page.locator('[role="gridcell"][aria-invalid="true"]')).toHaveAttribute('title', /./)

    // Fix the bad cell by typing, then commit: every pasted value is written.
    const bad = page.locator('[role="gridcell"][aria-invalid="true"]')
    await bad.dblclick()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type(stamp)
    await page.keyboard.press('Enter')
    await page.keyboard.press('ControlOrMeta+s')
    await grid.expectPending(0)
    await expect
      .poll(async () => await sql(`SELECT title, content FROM notes WHERE id = ${String(last.id)} OR title LIKE 'New %' ORDER BY title`))
      .toEqual([
        { title: 'New one', content: 'first new' },
        { title: 'New two', content: 'second new' },
        { title: 'Pasted title', content: 'pasted body' },
      ])

    // Ctrl+A selects every loaded row; Ctrl+C copies them all, every column.
    await grid.grid().focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('ControlOrMeta+c')
    // (Counted in the HTML form: a note's text may hold a line break, quoted in the text form.)
    await expect.poll(async () => ((await copied())?.html.match(/<tr>/g)?.length ?? 0) - 1).toBe(notes.length + 2)
  } finally {
    await drop()
  }
})

test('theme: light, dark or the system’s, chosen in the app and remembered', async ({ app: page, host }) => {
  const { drop } = await openSeeded(page, host, dialect, 'Theme connection')
  const background = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string }; document: { body: unknown } }
      return g.getComputedStyle(g.document.body).backgroundColor
    })
  const html = page.locator('html')
  try {
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(html).not.toHaveAttribute('data-theme', /./)
    expect(await background()).toBe('rgb(255, 255, 255)')
    // The system turns dark: so does the app, while it follows the system.
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await background()).toBe('rgb(22, 24, 29)')

    // Chosen light in the app: light whatever the system says, after a reload too (on the connect screen).
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light')
    await expect(html).toHaveAttribute('data-theme', 'light')
    expect(await background()).toBe('rgb(255, 255, 255)')
    await page.reload()
    await expect(html).toHaveAttribute('data-theme', 'light')
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light')
    expect(await background()).toBe('rgb(255, 255, 255)')

    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
    expect(await background()).toBe('rgb(22, 24, 29)')
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system')
    await expect(html).not.toHaveAttribute('data-theme', /./)
    expect(await background()).toBe('rgb(255, 255, 255)')
  } finally {
    await drop()
  }
})

test('columns: resized and remembered per table; the type hint never cut, its tooltip complete; numbers right-aligned, in full on hover when cut', async ({
  app: page,
  host,
}) => {
  const name = 'Columns connection'
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  const widthOf = async (column: string) => Math.round((await grid.header(column).boundingBox())!.width)
  const meta = (column: string) => grid.header(column).locator('.grid-col-meta')
  const drag = async (column: string, by: number) => {
    const handle = grid.header(column).locator('.grid-resize')
    await grid.header(column).scrollIntoViewIfNeeded()
    const box = (await handle.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + by, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
  }
  try {
    await sql(`UPDATE users SET score = 2147483600 WHERE username = 'alice'`)
    await workspace.openTable('users')
    await grid.waitLoaded()

    // The full type under the name, and everything about the column in its tooltip.
    const emailType = (await meta('email').textContent()) ?? ''
    expect(emailType).toMatch(/varchar\(120\)|character varying\(120\)/)
    await expect(grid.header('email').getByRole('button')).toHaveAttribute('title', /^email · .+ · not null · default none · unique\n/)

    // Narrower: the hint gets shorter, never "varch…"; wider again: in full.
    const before = await widthOf('email')
    await drag('email', -(before - 70))
    await expect.poll(() => widthOf('email')).toBeLessThan(before - 40)
    expect(await meta('email').textContent()).not.toContain('…')
    expect(['', 'varchar', 'character varying']).toContain(await meta('email').textContent())
    await drag('email', 180)
    const wide = await widthOf('email')
    expect(wide).toBeGreaterThan(before)
    await expect(meta('email')).toHaveText(emailType)

    // Numbers sit right; a number wider than its column shows in full on hover.
    const alice = await grid.row('username', 'alice')
    const score = await grid.cell(alice, 'score')
    expect(
      await score.evaluate(
        (cell) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { justifyContent: string } }).getComputedStyle(cell).justifyContent,
      ),
    ).toBe('flex-end')
    await expect(score).not.toHaveAttribute('title', /./)
    await drag('score', -200)
    await expect(score).toHaveAttribute('title', '2147483600')

    // The widths come back when the connection is opened again.
    const scoreWidth = await widthOf('score')
    await page.reload()
    await connectFromList(page, name)
    await grid.waitLoaded()
    await expect.poll(() => widthOf('email')).toBe(wide)
    expect(await widthOf('score')).toBe(scoreWidth)
  } finally {
    await drop()
  }
})
