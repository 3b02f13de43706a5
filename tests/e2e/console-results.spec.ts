/**
 * A big console result on every dialect: the first page shows while the statement is still open,
 * scrolling to the end (or Ctrl+End in the grid) reads on, "Fetch all" reads to the end and keeps the last 10,000 rows.
 */
import { readFileSync } from 'node:fs'
import type { Dialect } from '../../src/shared/connection-types'
import { dialects, expect, openSeeded, test } from './fixtures'
import { QueryPage } from './pages/query-page'

const ROWS = 30_000
const series = (dialect: Dialect): string =>
  dialect === 'postgres'
    ? `SELECT g FROM generate_series(1, ${ROWS}) AS g`
    : dialect === 'mysql'
      ? `SELECT seq AS g FROM seq_1_to_${ROWS}`
      : `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${ROWS}) SELECT g FROM s`

for (const dialect of dialects()) {
  test.describe(`console results on ${dialect}`, () => {
    test('a big result: first page, more on scroll, fetch all', async ({ app: page, host }) => {
      const { drop } = await openSeeded(page, host, dialect, `Results ${dialect}`)
      try {
        const query = new QueryPage(page)
        await query.open()
        await query.type(series(dialect))
        await query.runCurrent()
        await expect(query.windowStatus()).toHaveText('Rows 1–1,000 of 1,000+ read so far')
        expect((await query.rows())[0]).toBe('1')
        await query.scrollToEnd()
        await expect(query.windowStatus()).toHaveText('Rows 1–2,000 of 2,000+ read so far')
        // The keyboard reads on too: Ctrl+End goes to the last row read, kept in view, which is near the end.
        const grid = query.grid()
        await grid.focus()
        await page.keyboard.press('ControlOrMeta+End')
        await expect.poll(() => query.activeCellText()).toBe('2000')
        await expect(query.windowStatus()).toHaveText('Rows 1–3,000 of 3,000+ read so far')
        await query.results().nth(0).getByRole('button', { name: 'Fetch all' }).click()
        await expect(query.windowStatus()).toHaveText('Rows 20,001–30,000 of 30,000', { timeout: 60_000 })
        await expect(query.results().nth(0).getByRole('button', { name: 'Fetch all' })).toHaveCount(0)
        await query.scrollToEnd()
        await expect(query.grid().getByRole('row').last()).toContainText('30000')
      } finally {
        await drop()
      }
    })
  })
}

test('a console result exports whole to CSV, downloaded in the browser host; a non-query says why', async ({ app: page, host }) => {
  const { drop } = await openSeeded(page, host, 'sqlite', 'Results export')
  try {
    const query = new QueryPage(page)
    await query.open()
    await query.type(series('sqlite'))
    await query.runCurrent()
    await expect(query.windowStatus()).toHaveText('Rows 1–1,000 of 1,000+ read so far')
    const downloaded = page.waitForEvent('download')
    await query.results().nth(0).getByRole('button', { name: 'Export CSV' }).click()
    await expect(query.results().nth(0).locator('.query-export-done')).toHaveText(`Exported ${ROWS.toLocaleString('en')} rows to query.csv`)
    const file = await (await downloaded).path()
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n')
    expect([lines.length, lines[0], lines.at(-1)]).toEqual([ROWS + 1, 'g', String(ROWS)])

    // Rows, but not from a query that can be run again read-only: the export says so.
    await query.type('PRAGMA table_info(users)')
    await query.runCurrent()
    await query.results().nth(0).getByRole('button', { name: 'Export CSV' }).click()
    await expect(query.results().nth(0).getByRole('alert')).toContainText('Only a query that returns rows')
  } finally {
    await drop()
  }
})
