/**
 * The grid at scale (issue 17): a 300,000-row table on every dialect, and a 2,000,000-row one taller
 * than any element a browser can make (its scrollbar is scaled). Scrolled forward it never moves
 * back; the middle of the scrollbar is the middle of the table; Go to row and Ctrl+End/Home jump;
 * memory holds a bounded window of rows. Rows are generated inside the database in one statement.
 */
import type { Page } from '@playwright/test'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, test, type BrowserHost, openSeeded } from './fixtures'
import { GridPage } from './pages/grid-page'
import { WorkspacePage } from './pages/workspace-page'

/** The seed has 10 users (ids 1…10); generated user k (id 10 + k) is bulk_<k, 7 digits>. */
const SEEDED = 10
const bulkName = (position: number) => `bulk_${String(position - SEEDED).padStart(7, '0')}`
/** Rows the grid keeps in memory at most (row-window.ts MAX_WINDOW_ROWS), as "Showing N" says. */
const MAX_IN_MEMORY = 3000

/** One INSERT … SELECT of `count` users made by the database itself. */
function generateUsers(dialect: Dialect, count: number): string {
  const columns = 'INSERT INTO users (username, email, created_at, updated_at)'
  switch (dialect) {
    case 'sqlite':
      return `${columns} WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
        SELECT printf('bulk_%07d', i), printf('bulk_%07d@example.com', i), '2026-01-02 03:04:05.000 +00:00', '2026-01-02 03:04:05.000 +00:00' FROM n`
    case 'mysql':
      return `${columns} SELECT CONCAT('bulk_', LPAD(seq, 7, '0')), CONCAT('bulk_', LPAD(seq, 7, '0'), '@example.com'),
        '2026-01-02 03:04:05', '2026-01-02 03:04:05' FROM seq_1_to_${count}`
    case 'postgres':
      return `${columns} SELECT 'bulk_' || lpad(i::text, 7, '0'), 'bulk_' || lpad(i::text, 7, '0') || '@example.com',
        '2026-01-02 03:04:05+00', '2026-01-02 03:04:05+00' FROM generate_series(1, ${count}) AS i`
  }
}

async function openBig(page: Page, host: BrowserHost, dialect: Dialect, name: string, total: number) {
  const { sql, drop } = await openSeeded(page, host, dialect, name)
  await sql(generateUsers(dialect, total - SEEDED))
  // PostgreSQL's estimate is read from the statistics.
  if (dialect === 'postgres') await sql('ANALYZE users')
  const workspace = new WorkspacePage(page)
  const grid = new GridPage(page)
  await workspace.openTable('users')
  await grid.waitLoaded()
  // The exact count (not the estimate) ends the table.
  await expect(grid.status()).toHaveText(new RegExp(`of ${total.toLocaleString('en-US')} rows$`), { timeout: 30_000 })
  return { workspace, grid, drop }
}

/** Wheels the grid down `steps` times by `pixels`, and the first row shown and scrollTop after each. */
async function scrollForward(page: Page, grid: GridPage, steps: number, pixels: number) {
  const box = (await grid.grid().boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const firstRows: number[] = []
  const scrollTops: number[] = []
  for (let step = 0; step < steps; step++) {
    await page.mouse.wheel(0, pixels)
    await page.waitForTimeout(40)
    firstRows.push((await grid.shownRows()).first)
    scrollTops.push(await grid.grid().evaluate((element) => element.scrollTop))
  }
  return { firstRows, scrollTops }
}

const backward = (values: number[]) => values.filter((value, i) => i > 0 && value < values[i - 1])

/** The row at a position is drawn with its own data (not a placeholder). */
async function expectRow(grid: GridPage, position: number) {
  await expect(grid.rowAt(position)).toContainText(position <= SEEDED ? /\w/ : bulkName(position), { timeout: 15_000 })
}

for (const dialect of dialects()) {
  test.describe(`the grid at scale on ${dialect}`, () => {
    test('300,000 rows: a forward scroll never moves back; the middle, a row number and the end by jump', async ({ app: page, host }) => {
      test.setTimeout(180_000)
      const total = 300_000
      const { grid, drop } = await openBig(page, host, dialect, `Grid ${dialect} 300k`, total)
      try {
        // A continuous forward scroll: each step further down (or as far), never back, while
        // pages are read under it.
        const { firstRows, scrollTops } = await scrollForward(page, grid, 60, 600)
        expect(backward(firstRows), `the first row shown went back: ${firstRows.join(', ')}`).toEqual([])
        expect(backward(scrollTops), `scrollTop went back: ${scrollTops.join(', ')}`).toEqual([])
        expect(firstRows.at(-1)!).toBeGreaterThan(60 * 15)
        await expectRow(grid, (await grid.shownRows()).first)

        // The scrollbar's middle (scrollTop set as a drag of the thumb sets it): rows past 100,000.
        await grid.grid().evaluate((element) => element.scrollTo({ top: (element.scrollHeight - element.clientHeight) / 2 }))
        await expect.poll(async () => (await grid.shownRows()).first).toBeGreaterThan(100_000)
        const middle = (await grid.shownRows()).first
        expect(middle).toBeGreaterThan(total / 2 - 100)
        expect(middle).toBeLessThan(total / 2 + 100)
        await expectRow(grid, middle)
        // Memory holds a window of rows, not every row passed on the way.
        const showing = Number(/^Showing ([\d,]+)/.exec((await grid.status().textContent()) ?? '')?.[1]?.replace(/,/g, ''))
        expect(showing).toBeLessThanOrEqual(MAX_IN_MEMORY)

        // Go to row 250,000; then the last row (read backward) and the first.
        await grid.grid().focus()
        await page.keyboard.press('Control+g')
        await page.getByRole('spinbutton', { name: 'Row number' }).fill('250000')
        await page.getByRole('spinbutton', { name: 'Row number' }).press('Enter')
        await expectRow(grid, 250_000)
        await grid.grid().focus()
        await page.keyboard.press('Control+End')
        await expectRow(grid, total)
        await expect(grid.position()).toHaveText(new RegExp(`–300,000 of 300,000$`))
        await page.keyboard.press('Control+Home')
        await expect(grid.rowAt(1)).toContainText('alice')

        // Wheel scrolling with pages on their way, then at once a jump to three quarters: its rows load.
        for (let step = 0; step < 30; step++) await page.mouse.wheel(0, 600)
        await grid.grid().evaluate((element) => element.scrollTo({ top: ((element.scrollHeight - element.clientHeight) * 3) / 4 }))
        await expect.poll(async () => (await grid.shownRows()).first).toBeGreaterThan(200_000)
        await expectRow(grid, (await grid.shownRows()).first)
      } finally {
        await drop()
      }
    })
  })
}

test('2,000,000 rows, taller than a browser element: the scrollbar is scaled, the wheel stays row-accurate', async ({
  app: page,
  host,
}) => {
  test.setTimeout(180_000)
  const total = 2_000_000
  const { grid, drop } = await openBig(page, host, 'sqlite', 'Grid sqlite 2M', total)
  try {
    // 2,000,000 rows of 30 px are 60,000,000 px; the canvas is capped well under Chromium's ~33.5M.
    const height = await grid.grid().evaluate((element) => element.scrollHeight)
    expect(height).toBeLessThan(20_000_000)

    // The wheel moves rows by their own pixels: 40 × 300 px = 400 rows of 30 px, exactly.
    const { firstRows, scrollTops } = await scrollForward(page, grid, 40, 300)
    expect(backward(firstRows), firstRows.join(', ')).toEqual([])
    expect(backward(scrollTops), scrollTops.join(', ')).toEqual([])
    await expect.poll(async () => (await grid.shownRows()).first).toBe(401)
    await expectRow(grid, 401)

    // The thumb's middle is the table's middle.
    await grid.grid().evaluate((element) => element.scrollTo({ top: (element.scrollHeight - element.clientHeight) / 2 }))
    await expect.poll(async () => (await grid.shownRows()).first).toBeGreaterThan(999_000)
    const middle = (await grid.shownRows()).first
    expect(middle).toBeLessThan(1_001_000)
    await expectRow(grid, middle)
    // And the wheel from there is row-accurate both ways.
    const box = (await grid.grid().boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let step = 0; step < 3; step++) await page.mouse.wheel(0, -300)
    await expect.poll(async () => (await grid.shownRows()).first).toBe(middle - 30)
    await expectRow(grid, middle - 30)

    // Go to row 1,500,000; Ctrl+End shows the last row with the thumb at the bottom; Ctrl+Home the first.
    await grid.grid().focus()
    await page.keyboard.press('Control+g')
    await page.getByRole('spinbutton', { name: 'Row number' }).fill('1500000')
    await page.getByRole('spinbutton', { name: 'Row number' }).press('Enter')
    await expectRow(grid, 1_500_000)
    await expect(grid.position()).toContainText('1,500,000')
    await grid.grid().focus()
    await page.keyboard.press('Control+End')
    await expectRow(grid, total)
    await expect(grid.position()).toHaveText(/–2,000,000 of 2,000,000$/)
    const atBottom = await grid.grid().evaluate((element) => element.scrollHeight - element.clientHeight - element.scrollTop)
    expect(atBottom).toBeLessThan(2)
    await page.keyboard.press('Control+Home')
    await expect(grid.rowAt(1)).toContainText('alice')
    await expect(grid.position()).toHaveText(/^rows 1–/)
  } finally {
    await drop()
  }
})
