/**
 * Scenario 3, the form part: the app's own users, posts and notes edited in their forms, against
 * every dialect. Validation messages stand beside their fields, the author is picked by name, unique
 * and foreign-key refusals say what clashes, a conflicting save overwrites nothing silently, and a
 * bulk delete states its count before it runs.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, test, type BrowserHost, openSeeded, saveReadmeScreenshot } from './fixtures'
import { FormPage } from './pages/form-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  return { forms: new FormPage(page), sql, drop }
}

const one = async (rows: Promise<unknown[]>) => (await rows)[0] as Record<string, unknown> | undefined

for (const dialect of dialects()) {
  test.describe(`record forms on ${dialect}`, () => {
    test('a new user: messages beside the fields, fixed, saved', async ({ app: page, host }) => {
      const { forms, sql, drop } = await open(page, host, dialect, `Forms ${dialect} new user`)
      try {
        const form = await forms.newRecord('users')
        await forms.fill(form, { Email: 'not-an-email' })
        // Checked as the user types…
        await forms.expectFieldMessage(form, 'Email', 'Email must be a valid email address')
        await forms.submit(form)
        // …and the engine's answer (the model's own validation) stands beside each field.
        await forms.expectFieldMessage(form, 'Username', 'Username is required')
        await forms.expectFieldMessage(form, 'Email', 'Email must be a valid email address')
        await expect(form.getByRole('status')).not.toContainText('Created')
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM users`)))?.n)).toBe(10)

        if (dialect === 'sqlite') {
          await saveReadmeScreenshot(page, 'user-form')
        }

        // Closing the form's tab asks before dropping what was typed.
        await page.keyboard.press('Control+w')
        const discard = forms.discardPrompt()
        await discard.getByRole('button', { name: 'Keep editing' }).click()
        await expect(discard).toBeHidden()
        await expect(form).toBeVisible()

        await forms.fill(form, { Username: 'newbie', Email: 'newbie@example.com', Score: '0.1', Bio: 'Just arrived.' })
        await forms.expectFieldValid(form, 'Username')
        await forms.expectFieldValid(form, 'Email')
        await forms.save(form, /Created/)
        await expect(forms.named('User: newbie')).toBeVisible()
        await expect(page.getByRole('tablist', { name: 'Open tabs' }).getByRole('tab', { name: 'User: newbie' })).toBeVisible()
        // The timestamps are shown, read-only.
        await expect(forms.field(form, 'Created')).toHaveAttribute('readonly', '')
        await expect(forms.field(form, 'Created')).not.toHaveValue('')
        const saved = await one(sql(`SELECT username, email, bio, score, is_active FROM users WHERE username = 'newbie'`))
        expect(saved).toMatchObject({ username: 'newbie', email: 'newbie@example.com', bio: 'Just arrived.' })
        expect(Number(saved?.score)).toBe(0.1)
        expect(Boolean(Number(saved?.is_active) || saved?.is_active === true)).toBe(true)
      } finally {
        await drop()
      }
    })

    test('a new post with its author chosen by name; a duplicate username is taken', async ({ app: page, host }) => {
      const { forms, sql, drop } = await open(page, host, dialect, `Forms ${dialect} post`)
      try {
        const post = await forms.newRecord('posts')
        await forms.fill(post, { Title: 'Picked by name' })
        // Esc in the open list closes the list, not the form.
        const author = post.getByRole('combobox', { name: 'Author' })
        await author.fill('zz-nobody')
        await expect(post.getByRole('status').filter({ hasText: 'No user matches' })).toBeVisible()
        await author.press('Escape')
        await expect(author).toHaveAttribute('aria-expanded', 'false')
        await expect(post).toBeVisible()
        // The title is typed, so an Esc that reached the form would have asked about discarding it.
        await expect(forms.discardPrompt()).toHaveCount(0)
        await forms.chooseAuthor(post, 'ca', 'carol')
        await forms.save(post, /Created/)
        const row = await one(
          sql(`SELECT u.username AS author FROM posts p JOIN users u ON u.id = p.user_id WHERE p.title = 'Picked by name'`),
        )
        expect(row?.author).toBe('carol')
        await post.getByRole('button', { name: 'Close' }).click()
        await expect(post).toBeHidden()

        const user = await forms.openRecord('users', 'username', 'bob')
        await forms.fill(user, { Username: 'alice' })
        await forms.submit(user)
        await forms.expectFieldMessage(user, 'Username', "username 'alice' is taken")
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM users WHERE username = 'bob'`)))?.n)).toBe(1)
      } finally {
        await drop()
      }
    })

    test('deleting a user with posts says how many posts depend on it', async ({ app: page, host }) => {
      const { forms, sql, drop } = await open(page, host, dialect, `Forms ${dialect} delete`)
      try {
        const user = await forms.openRecord('users', 'username', 'alice')
        // The user's posts are listed on the form; one opens its own form.
        const posts = user.getByRole('list', { name: 'Posts by this user' }).getByRole('button')
        await expect(posts).toHaveCount(6)
        const confirm = await forms.deleteRecord(user, 'users')
        await expect(confirm.getByRole('alert')).toContainText('This user has 6 posts')
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM users WHERE username = 'alice'`)))?.n)).toBe(1)
        await confirm.getByRole('button', { name: 'Cancel' }).click()

        await posts.first().click()
        const post = forms.form('posts')
        await expect(post.getByRole('combobox', { name: 'Author' })).toHaveValue('alice')
        await post.getByRole('button', { name: 'Back' }).click()
        await expect(forms.form('users').getByLabel('Username', { exact: true })).toHaveValue('alice')
        await forms.form('users').getByRole('button', { name: 'Close' }).click()

        // A user nobody refers to goes.
        const ivan = await forms.openRecord('users', 'username', 'ivan')
        const done = await forms.deleteRecord(ivan, 'users')
        await expect(done).toBeHidden()
        await expect(ivan).toBeHidden()
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM users WHERE username = 'ivan'`)))?.n)).toBe(0)
      } finally {
        await drop()
      }
    })

    test('a save that conflicts shows yours, original and theirs, and overwrites nothing silently', async ({ app: page, host }) => {
      const { forms, sql, drop } = await open(page, host, dialect, `Forms ${dialect} conflict`)
      try {
        const user = await forms.openRecord('users', 'username', 'bob')
        await forms.fill(user, { Bio: 'Mine' })
        // Someone else changes the row after the form loaded it.
        await sql(`UPDATE users SET bio = 'Theirs' WHERE username = 'bob'`)
        await forms.submit(user)
        const conflict = forms.conflictDialog()
        await expect(conflict).toBeVisible()
        await forms.expectConflictRow('bio', 'Mine', 'Learning Flask one tutorial at a time.', 'Theirs')
        expect((await one(sql(`SELECT bio FROM users WHERE username = 'bob'`)))?.bio).toBe('Theirs')

        // Take theirs: the form shows the database's value, nothing written.
        await conflict.getByRole('button', { name: 'Take theirs' }).click()
        await expect(conflict).toBeHidden()
        await expect(forms.field(user, 'Bio')).toHaveValue('Theirs')

        // Conflict again, and this time keep mine: written over theirs, knowingly.
        await forms.fill(user, { Bio: 'Mine after all' })
        await sql(`UPDATE users SET bio = 'Theirs again' WHERE username = 'bob'`)
        await forms.submit(user)
        await forms.expectConflictRow('bio', 'Mine after all', 'Theirs', 'Theirs again')
        await conflict.getByRole('button', { name: 'Keep mine' }).click()
        await expect(user.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
        expect((await one(sql(`SELECT bio FROM users WHERE username = 'bob'`)))?.bio).toBe('Mine after all')
      } finally {
        await drop()
      }
    })

    test('bulk delete and bulk update of the filtered rows state the count first', async ({ app: page, host }) => {
      const { forms, sql, drop } = await open(page, host, dialect, `Forms ${dialect} bulk`)
      try {
        await forms.openTable('posts')
        await forms.filterRows('title', '(part 3)')
        const confirm = await forms.startBulkDelete('posts')
        await expect(confirm.getByRole('status')).toContainText('10 rows of posts will be deleted')
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM posts`)))?.n)).toBe(30)
        await confirm.getByRole('button', { name: 'Delete 10 rows' }).click()
        await expect(confirm).toBeHidden()
        await expect(page.getByRole('status').filter({ hasText: 'Deleted 10 rows of posts.' })).toBeVisible()
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM posts`)))?.n)).toBe(20)
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM posts WHERE title LIKE '%(part 3)%'`)))?.n)).toBe(0)

        // Bulk update to NULL, on another filter: the count first, then the affected rows.
        await forms.grid.clearFilters()
        await forms.filterRows('title', '(part 2)')
        const update = await forms.startBulkUpdate('posts')
        await expect(update.getByRole('status')).toContainText('10 rows of posts will change')
        await update.getByLabel('Column', { exact: true }).selectOption('content')
        await update.getByRole('checkbox', { name: 'NULL' }).check()
        await update.getByRole('button', { name: 'Update 10 rows' }).click()
        await expect(update).toBeHidden()
        await expect(page.getByRole('status').filter({ hasText: 'Updated 10 rows of posts.' })).toBeVisible()
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM posts WHERE content IS NULL`)))?.n)).toBe(10)
        expect(Number((await one(sql(`SELECT COUNT(*) AS n FROM posts WHERE content IS NULL AND title NOT LIKE '%(part 2)%'`)))?.n)).toBe(0)
      } finally {
        await drop()
      }
    })
  })
}
