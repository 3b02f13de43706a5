/**
 * Two connections open at once (issue 16), switched from the sidebar: each keeps its own tabs and
 * what was typed in its forms; switching closes neither session. SQLite beside a server dialect.
 */
import type { Page } from '@playwright/test'
import { rawQuery } from '../support/databases'
import { connectFromList, dialects, expect, saveConnection, seededDatabase, test, type BrowserHost } from './fixtures'
import { FormPage } from './pages/form-page'
import { GridPage } from './pages/grid-page'
import { OpenConnectionsPage } from './pages/open-connections-page'
import { TabsPage } from './pages/tabs-page'
import { WorkspacePage } from './pages/workspace-page'

const server = dialects().find((d) => d !== 'sqlite')
test.skip(!server, 'needs a server dialect: set TEST_MYSQL_URL or TEST_PG_URL (under CI both are required)')

/** A seeded SQLite file and a seeded server database, saved under these names; the page reloaded to list them. */
async function twoSaved(page: Page, host: BrowserHost, names: { file: string; server: string }) {
  const lite = await seededDatabase('sqlite', host.dataDir)
  const remote = await seededDatabase(server!, host.dataDir)
  const drop = async () => {
    await lite.drop()
    await remote.drop()
  }
  try {
    await saveConnection(host, { name: names.file, url: lite.target.url })
    await saveConnection(host, { name: names.server, url: remote.target.url })
    await page.reload()
  } catch (error) {
    await drop()
    throw error
  }
  return { remoteUrl: remote.target.url, drop }
}

test('two connections open at once: switched from the sidebar, each with its own tabs and unsaved form, neither closed', async ({
  app: page,
  host,
}) => {
  const saved = await twoSaved(page, host, { file: 'Local file', server: 'Team server' })
  const workspace = new WorkspacePage(page)
  const tabs = new TabsPage(page)
  const grid = new GridPage(page)
  const forms = new FormPage(page)
  const opened = new OpenConnectionsPage(page)
  try {
    await connectFromList(page, 'Local file')
    await workspace.openTable('users')
    await workspace.openTable('posts')
    await opened.expectCurrent('Local file')

    // Another one, from the sidebar's "Open another…": the first stays open.
    await opened.openAnother()
    await connectFromList(page, 'Team server')
    await expect(opened.entries()).toHaveCount(2)
    await opened.expectCurrent('Team server')
    await tabs.expectNames([])
    const note = await forms.newRecord('notes')
    await forms.fill(note, { Title: 'Half-written on the server' })
    await tabs.expectNames(['notes', 'New note'])

    // Back to the file: its own tabs, its rows, no question about the note (it waits).
    await opened.entry('Local file').click()
    await expect(forms.discardPrompt()).toHaveCount(0)
    await tabs.expectNames(['users', 'posts'])
    await tabs.expectActive('posts')
    await grid.waitLoaded()
    await tabs.tab('users').click()
    await grid.waitLoaded()
    expect(await grid.columnTexts('username')).toContain('alice')

    // And to the server again: the note as it was left, the session still answering.
    await opened.entry('Team server').click()
    await tabs.expectNames(['notes', 'New note'])
    await expect(forms.field(forms.form('notes'), 'Title')).toHaveValue('Half-written on the server')
    await forms.save(forms.form('notes'), /Created/)
    const [row] = await rawQuery(server!, saved.remoteUrl, `SELECT COUNT(*) AS n FROM notes WHERE title = 'Half-written on the server'`)
    expect(Number((row as { n: unknown }).n)).toBe(1)
    await expect(opened.entries()).toHaveCount(2)
  } finally {
    await saved.drop()
  }
})

test('nothing unsaved in a connection not on screen is dropped without asking: connection screen, reload, disconnect', async ({
  app: page,
  host,
}) => {
  // The host outlives a test: names of this test's own, never the earlier test's dropped databases.
  const saved = await twoSaved(page, host, { file: 'Scratch file', server: 'Shared server' })
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  const forms = new FormPage(page)
  const opened = new OpenConnectionsPage(page)
  const elsewhere = page.getByRole('dialog', { name: 'Unsaved changes in another connection' })
  try {
    await connectFromList(page, 'Scratch file')
    await opened.openAnother()
    await connectFromList(page, 'Shared server')
    const note = await forms.newRecord('notes')
    await forms.fill(note, { Title: 'Not saved anywhere yet' })

    // Staged grid edits on screen are asked about before another connection shows.
    await opened.entry('Scratch file').click()
    await workspace.openTable('users')
    await grid.waitLoaded()
    await grid.editCell(await grid.row('username', 'bob'), 'bio', 'Staged here')
    await grid.expectPending(1)
    await opened.entry('Shared server').click()
    const staged = page.getByRole('dialog', { name: 'Unsaved changes' })
    await expect(staged).toBeVisible()
    await staged.getByRole('button', { name: 'Keep editing' }).click()
    await opened.expectCurrent('Scratch file')
    await grid.expectPending(1)
    await grid.discard()
    await grid.expectPending(0)

    // The connection screen would drop the server's note: asked, naming the connection and the form.
    await opened.openAnother()
    await expect(elsewhere).toBeVisible()
    await expect(elsewhere).toContainText('Shared server')
    await expect(elsewhere).toContainText('New note')
    await elsewhere.getByRole('button', { name: 'Stay' }).click()
    await expect(elsewhere).toBeHidden()
    await opened.expectCurrent('Scratch file')

    // Reloading the page would too: the browser asks.
    const unload = page.waitForEvent('dialog')
    void page.evaluate('location.reload()').catch(() => undefined)
    const question = await unload
    expect(question.type()).toBe('beforeunload')
    await question.dismiss()

    // "Connections" asks the same; "Show it" goes to the note as it was left.
    await page.getByRole('button', { name: 'Connections', exact: true }).click()
    await expect(elsewhere).toBeVisible()
    await elsewhere.getByRole('button', { name: 'Show it' }).click()
    await opened.expectCurrent('Shared server')
    await expect(forms.field(forms.form('notes'), 'Title')).toHaveValue('Not saved anywhere yet')

    // Disconnecting the file leaves the server's note in place.
    await opened.entry('Scratch file').click()
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click()
    await expect(opened.entries()).toHaveCount(1)
    await opened.expectCurrent('Shared server')
    await expect(forms.field(forms.form('notes'), 'Title')).toHaveValue('Not saved anywhere yet')

    // Leaving anyway, once agreed, goes to the connection screen.
    await opened.openAnother()
    await expect(forms.discardPrompt()).toBeVisible()
    await forms.discardPrompt().getByRole('button', { name: 'Discard changes' }).click()
    await expect(page.getByRole('button', { name: 'Connect', exact: true }).first()).toBeVisible()
  } finally {
    await saved.drop()
  }
})
