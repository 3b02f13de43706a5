/**
 * Scenario 2: browsing, against every dialect. The sidebar lists the tables with their counts; the
 * users grid sorts, filters, searches and loads further pages as it scrolls; foreign keys lead to the
 * referenced row and back to the dependent rows; the structure view shows the key both ways. The grid at
 * scale (300,000 and 2,000,000 rows) is grid-scale.spec.ts.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, test, type BrowserHost, openSeeded } from './fixtures'
import { GridPage } from './pages/grid-page'
import { WorkspacePage } from './pages/workspace-page'

async function open(page: Page, host: BrowserHost, dialect: Dialect, name: string) {
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  return { workspace: new WorkspacePage(page), grid: new GridPage(page), sql, drop }
}

/** A timestamp literal each dialect's column takes. */
const STAMP: Record<Dialect, string> = {
  sqlite: '2026-01-02 03:04:05.000 +00:00',
  mysql: '2026-01-02 03:04:05',
  postgres: '2026-01-02 03:04:05+00',
}

const numberOf = (rows: unknown[]) => Number((rows[0] as { n: unknown }).n)

for (const dialect of dialects()) {
  test.describe(`browsing on ${dialect}`, () => {
    test('the sidebar, sorting, filters and search on users', async ({ app: page, host }) => {
      const { workspace, grid, drop } = await open(page, host, dialect, `Browse ${dialect} users`)
      try {
        // Each table is a button named by the table; the count and the model mark describe it.
        for (const table of ['users', 'posts', 'notes']) await expect(workspace.tableButton(table)).toBeVisible()
        await expect(workspace.tableButton('users')).toHaveAccessibleDescription(/User model, (about )?10 rows/)
        await expect(workspace.tableButton('posts')).toHaveAccessibleDescription(/Post model, (about )?30 rows/)
        await workspace.filterTables('no')
        await expect(workspace.tableButton('notes')).toBeVisible()
        await expect(workspace.tableButton('users')).toBeHidden()
        await workspace.filterTables('')

        await workspace.openTable('users')
        await grid.waitLoaded()
        await expect(grid.status()).toHaveText('Showing 10 of 10 rows')
        await expect(grid.grid()).toHaveAttribute('aria-rowcount', '11')
        // NULL is drawn unlike any text: carol has no bio.
        await expect(await grid.cell(await grid.row('username', 'carol'), 'bio')).toHaveText('NULL')

        // Sort by a header: ascending, descending, then back to none.
        await grid.sortBy('username', 'ascending')
        expect(await grid.columnTexts('username')).toEqual([
          'alice',
          'bob',
          'carol',
          'dave',
          'erin',
          'frank',
          'grace',
          'heidi',
          'ivan',
          'judy',
        ])
        await grid.sortBy('username', 'descending')
        expect(await grid.columnTexts('username')).toEqual([
          'judy',
          'ivan',
          'heidi',
          'grace',
          'frank',
          'erin',
          'dave',
          'carol',
          'bob',
          'alice',
        ])
        await grid.sortBy('score', 'ascending')
        await expect(grid.header('username')).toHaveAttribute('aria-sort', 'none')
        const scores = (await grid.columnTexts('score')).map(Number)
        expect(scores).toEqual([...scores].sort((a, b) => a - b))
        await grid.sortBy('score', 'none')

        // Two filters at once: inactive users whose name contains "a".
        await grid.addFilter('is_active', '=', 'false')
        await grid.applyFilters()
        expect((await grid.columnTexts('username')).sort()).toEqual(['dave', 'ivan'])
        await expect(grid.status()).toHaveText('Showing 2 of 2 rows')
        await grid.addFilter('username', 'contains', 'v')
        await grid.applyFilters()
        expect((await grid.columnTexts('username')).sort()).toEqual(['dave', 'ivan'])
        await grid.clearFilters()
        await grid.addFilter('username', 'contains', 'a')
        await grid.applyFilters()
        expect((await grid.columnTexts('username')).sort()).toEqual(['alice', 'carol', 'dave', 'frank', 'grace', 'ivan'])
        await grid.clearFilters()

        // The search looks in every text column (here a bio), ignoring case.
        await grid.search('berlin')
        expect(await grid.columnTexts('username')).toEqual(['heidi'])
        await grid.search('')
        await expect(grid.status()).toHaveText('Showing 10 of 10 rows')
      } finally {
        await drop()
      }
    })

    test('scrolling loads further pages', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Browse ${dialect} scroll`)
      try {
        const values = Array.from({ length: 300 }, (_, i) => {
          const n = String(i + 1).padStart(3, '0')
          return `('extra_${n}', 'extra_${n}@example.com', '${STAMP[dialect]}', '${STAMP[dialect]}')`
        })
        await sql(`INSERT INTO users (username, email, created_at, updated_at) VALUES ${values.join(', ')}`)
        expect(numberOf(await sql('SELECT COUNT(*) AS n FROM users'))).toBe(310)

        await workspace.openTable('users')
        await grid.waitLoaded()
        // The first page only; the count (estimate or exact) does not wait for the rest.
        await expect(grid.status()).toHaveText(/^Showing 100 of (≈ )?[\d,]+ rows$/)
        await expect(grid.status()).toHaveText('Showing 100 of 310 rows')
        await grid.scrollToEnd()
        await expect(grid.status()).toHaveText('Showing 310 of 310 rows')
        // Rows far beyond the first page are there, in key order, the last one in view.
        await expect(await grid.row('username', 'extra_300')).toBeVisible()
        const texts = await grid.columnTexts('username')
        expect(texts.at(-1)).toBe('extra_300')

        // Sorted the other way, the scroll works the same (keyset on the sort column).
        await grid.sortBy('username', 'descending')
        await expect(grid.status()).toHaveText('Showing 100 of 310 rows')
        await grid.scrollToEnd()
        expect((await grid.columnTexts('username')).at(-1)).toBe('alice')
      } finally {
        await drop()
      }
    })

    test('foreign keys: a post’s author, a user’s posts, the structure both ways', async ({ app: page, host }) => {
      const { workspace, grid, sql, drop } = await open(page, host, dialect, `Browse ${dialect} keys`)
      try {
        const post = (
          await sql(
            `SELECT p.title AS title, u.username AS author, u.id AS uid FROM posts p JOIN users u ON u.id = p.user_id WHERE p.title = 'Keyset pagination, explained'`,
          )
        )[0] as { title: string; author: string; uid: unknown }

        await workspace.openTable('posts')
        await grid.waitLoaded()
        const row = await grid.row('title', post.title)
        await (await grid.cell(row, 'user_id')).getByRole('button', { name: `Open users where id = ${String(post.uid)}` }).click()
        // The referenced table opens filtered to the key.
        await expect(page.getByRole('heading', { level: 1, name: 'users', exact: true })).toBeVisible()
        await grid.waitLoaded()
        expect(await grid.columnTexts('username')).toEqual([post.author])
        await expect(page.getByLabel('Filter 1 column', { exact: true })).toHaveValue('id')

        // And back: the user's posts through "Referenced by".
        await (await grid.cell(await grid.row('username', post.author), 'email')).click()
        await page.getByRole('button', { name: 'Referenced by ▾' }).click()
        await page.getByRole('list', { name: 'Referenced by' }).getByRole('button', { name: 'posts (user_id)' }).click()
        await expect(page.getByRole('heading', { level: 1, name: 'posts', exact: true })).toBeVisible()
        await grid.waitLoaded()
        const expected = numberOf(await sql(`SELECT COUNT(*) AS n FROM posts WHERE user_id = ${String(post.uid)}`))
        await expect(grid.status()).toHaveText(`Showing ${expected} of ${expected} rows`)
        expect(await grid.columnTexts('title')).toContain(post.title)
        expect(new Set(await grid.columnTexts('user_id'))).toEqual(new Set([String(post.uid)]))

        // The structure view shows the key from both ends.
        await workspace.showStructure()
        expect(await workspace.structureRows('Foreign keys')).toEqual([
          expect.stringMatching(/^user_id \| users \| id \| RESTRICT \| CASCADE$/),
        ])
        await expect(workspace.structureTable('Indexes')).toContainText('posts_user_id')
        await workspace.openTable('users')
        await workspace.showStructure()
        expect(await workspace.structureRows('Referenced by')).toEqual([
          expect.stringMatching(/^posts \| user_id \| id \| RESTRICT \| CASCADE$/),
        ])
        await expect(workspace.structureTable('Columns')).toContainText('username')
        await workspace.showData()
      } finally {
        await drop()
      }
    })
  })
}
