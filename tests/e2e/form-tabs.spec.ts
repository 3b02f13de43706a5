/**
 * Record forms as tabs (issue 16): a form opens in the connection's tab strip beside the tables,
 * keeps what was typed while another tab shows, asks before a tab with unsaved changes closes
 * (its × , a middle click, Ctrl+W, its own Close), and comes back when the connection is opened
 * again — reloaded from the database, or saying its row was deleted meanwhile.
 */
import { connectFromList, dialects, expect, openSeeded, test } from './fixtures'
import { FormPage } from './pages/form-page'
import { GridPage } from './pages/grid-page'
import { TabsPage } from './pages/tabs-page'

// Tabs live in the renderer; the forms' reads and writes are covered on every dialect in forms.spec.ts.
const dialect = dialects()[0]

test('forms open as tabs, keep what was typed in the background, and ask before a tab with unsaved changes closes', async ({
  app: page,
  host,
}) => {
  const { sql, drop } = await openSeeded(page, host, dialect, 'Form tabs')
  const forms = new FormPage(page)
  const tabs = new TabsPage(page)
  try {
    const alice = await forms.openRecord('users', 'username', 'alice')
    await tabs.expectNames(['users', 'User: alice'])
    await tabs.expectActive('User: alice')
    // Opening the same record again goes to its tab.
    await tabs.tab('users').click()
    await (await forms.grid.row('username', 'alice')).getByRole('button', { name: 'Open in form' }).click()
    await tabs.expectNames(['users', 'User: alice'])
    await expect(alice).toBeVisible()

    const post = await forms.newRecord('posts')
    await tabs.expectNames(['users', 'User: alice', 'posts', 'New post'])
    await forms.fill(post, { Title: 'Typed, not saved' })

    // Another tab shows; the form waits with what was typed.
    await tabs.tab('User: alice').click()
    await expect(forms.field(alice, 'Username')).toHaveValue('alice')
    await tabs.tab('New post').click()
    await expect(forms.field(post, 'Title')).toHaveValue('Typed, not saved')

    // A middle click on it from another tab shows it and asks; keeping it keeps the text.
    await tabs.tab('posts').click()
    await tabs.middleClick('New post')
    await expect(forms.discardPrompt()).toBeVisible()
    await forms.discardPrompt().getByRole('button', { name: 'Keep editing' }).click()
    await tabs.expectActive('New post')
    await expect(forms.field(post, 'Title')).toHaveValue('Typed, not saved')
    // Its × asks too; so does Ctrl+W, and discarding closes it.
    await tabs.close('New post')
    await forms.discardPrompt().getByRole('button', { name: 'Keep editing' }).click()
    await forms.field(post, 'Title').focus()
    await page.keyboard.press('Control+w')
    await forms.discardPrompt().getByRole('button', { name: 'Discard changes' }).click()
    await tabs.expectNames(['users', 'User: alice', 'posts'])
    expect(await sql(`SELECT COUNT(*) AS n FROM posts WHERE title = 'Typed, not saved'`)).toEqual([{ n: 0 }])

    // A form without changes closes at once (its own Close button); the tab follows a renamed record.
    await tabs.tab('User: alice').click()
    await forms.fill(alice, { Username: 'alice2' })
    await forms.save(alice)
    await tabs.expectNames(['users', 'User: alice2', 'posts'])
    await alice.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(forms.discardPrompt()).toHaveCount(0)
    await tabs.expectNames(['users', 'posts'])
  } finally {
    await drop()
  }
})

test('form tabs come back when the connection is opened again: reloaded from the database, or saying the row was deleted', async ({
  app: page,
  host,
}) => {
  const name = 'Form tabs restored'
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  const forms = new FormPage(page)
  const tabs = new TabsPage(page)
  try {
    await forms.openRecord('users', 'username', 'alice')
    await forms.openRecord('users', 'username', 'ivan')
    // A new record not yet created has nothing to come back to.
    await forms.newRecord('notes')
    await tabs.tab('User: alice').click()
    // Each opens right after the tab it was opened from.
    await tabs.expectNames(['users', 'User: ivan', 'notes', 'New note', 'User: alice'])

    // Behind the app's back: alice changes, ivan (who has no posts) goes.
    const [{ id: ivanId }] = (await sql(`SELECT id FROM users WHERE username = 'ivan'`)) as Array<{ id: unknown }>
    await sql(`UPDATE users SET bio = 'Changed while away' WHERE username = 'alice'`)
    await sql(`DELETE FROM users WHERE username = 'ivan'`)

    await page.reload()
    await connectFromList(page, name)
    // A tab is named after its record once the row is read again; ivan's can only give its key.
    await tabs.expectNames(['users', `User #${String(ivanId)}`, 'notes', 'User: alice'])
    await tabs.expectActive('User: alice')
    const alice = forms.named('User: alice')
    await expect(forms.field(alice, 'Bio')).toHaveValue('Changed while away')

    await tabs.tab(`User #${String(ivanId)}`).click()
    const ivan = forms.form('users')
    await expect(ivan.getByRole('alert')).toHaveText(/This user is no longer in users: it was deleted/)
    await expect(ivan.getByRole('button', { name: 'Save' })).toHaveCount(0)
    await ivan.getByRole('button', { name: 'Close', exact: true }).click()
    await tabs.expectNames(['users', 'notes', 'User: alice'])

    await tabs.tab('notes').click()
    await new GridPage(page).waitLoaded()
  } finally {
    await drop()
  }
})
