/**
 * Query tabs on every dialect: several tabs with their own text, kept in the data folder across a
 * host restart; Ctrl+T; manual transactions (begin → insert → rollback / commit) with their marker,
 * and closing a tab with a transaction open asks first.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  connectFromList,
  dialects,
  expect,
  openSeeded,
  saveConnection,
  saveReadmeScreenshot,
  seededDatabase,
  startHost,
  takeStartOffer,
  test,
} from './fixtures'
import { QueryPage } from './pages/query-page'

for (const dialect of dialects()) {
  test.describe(`console tabs on ${dialect}`, () => {
    test('two tabs keep their own text and name across a host restart; a tab is renamed in place; Ctrl+T opens another', async ({
      app: page,
    }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rowboat-e2e-tabs-'))
      let first = await startHost(dataDir)
      const { target, drop } = await seededDatabase(dialect, dataDir)
      try {
        await takeStartOffer(first.host)
        await saveConnection(first.host, { name: `Tabs ${dialect}`, url: target.url })
        await page.goto(first.host.url)
        await connectFromList(page, `Tabs ${dialect}`)
        const query = new QueryPage(page)
        await query.open()
        await query.type('SELECT 1 AS in_first_tab')
        await query.newTabByButton()
        await expect(query.tab('Query 2')).toHaveAttribute('aria-selected', 'true')
        await expect(query.editor()).toHaveText('')
        await query.type('SELECT 2 AS in_second_tab')
        // Renamed in place: the strip shows the name, the engine keeps it (below: after a restart).
        await page.getByRole('button', { name: 'Rename Query 2', exact: true }).click()
        const name = page.getByRole('textbox', { name: 'Query tab name' })
        await name.fill('  Monthly report ')
        await name.press('Enter')
        await expect(query.tab('Monthly report')).toHaveAttribute('aria-selected', 'true')
        await expect(page.getByRole('heading', { level: 1, name: 'Monthly report' })).toBeVisible()
        await query.tab('Query 1').click()
        await expect(query.editor()).toContainText('in_first_tab')

        await query.editor().click()
        await page.keyboard.press('ControlOrMeta+t')
        await expect(query.tab('Query 2')).toHaveAttribute('aria-selected', 'true')
        await page.keyboard.press('ControlOrMeta+w')
        await expect(query.tab('Query 2')).toHaveCount(0)
        await page.waitForTimeout(800) // the last keystrokes reach the data folder

        // A new host process on the same data folder, on another port: the page's own storage is not there.
        await page.goto('about:blank') // (the page would report the stopped host's events stream as console errors)
        first.child.kill('SIGTERM')
        await new Promise((resolve) => first.child.once('exit', resolve))
        first = await startHost(dataDir)
        await page.goto(first.host.url)
        await connectFromList(page, `Tabs ${dialect}`)
        await expect(query.tab('Query 1')).toBeVisible()
        await expect(query.tab('Query 2')).toHaveCount(0)
        await query.tab('Monthly report').click()
        await expect(query.editor()).toContainText('in_second_tab')
        await query.tab('Query 1').click()
        await expect(query.editor()).toContainText('in_first_tab')
      } finally {
        await page.goto('about:blank')
        first.child.kill('SIGTERM')
        await drop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    })

    test('manual transactions: begin, insert, rollback leaves no row; commit keeps it; closing asks', async ({ app: page, host }) => {
      const { sql, drop } = await openSeeded(page, host, dialect, `Transactions ${dialect}`)
      try {
        await sql('CREATE TABLE tx_items (id INTEGER PRIMARY KEY, label VARCHAR(40))')
        const query = new QueryPage(page)
        await query.open()
        await query.setMode('Manual')
        await expect(query.transactionMarker()).toHaveText('No transaction')
        await query.page.getByRole('button', { name: 'Begin', exact: true }).click()
        await expect(query.transactionMarker()).toHaveText('Transaction open')
        await query.type("INSERT INTO tx_items VALUES (1, 'rolled back')")
        await query.runCurrent()
        await expect(query.results().first()).toContainText('1 row')
        await page.getByRole('button', { name: 'Rollback', exact: true }).click()
        await expect(query.transactionMarker()).toHaveText('No transaction')
        expect(await itemCount(sql)).toBe(0)

        // In manual mode a run opens the transaction itself.
        await query.type("INSERT INTO tx_items VALUES (2, 'committed')")
        await query.runCurrent()
        await expect(query.transactionMarker()).toHaveText('Transaction open')
        await page.getByRole('button', { name: 'Commit', exact: true }).click()
        await expect(query.transactionMarker()).toHaveText('No transaction')
        expect(await itemCount(sql)).toBe(1)

        // Closing the tab with a transaction open asks; keeping it keeps the tab.
        await page.getByRole('button', { name: 'Begin', exact: true }).click()
        await expect(query.transactionMarker()).toHaveText('Transaction open')
        await query.closeTab('Query 1')
        const dialog = page.getByRole('dialog', { name: 'Open transaction' })
        await expect(dialog).toBeVisible()
        await dialog.getByRole('button', { name: 'Keep the tab' }).click()
        await expect(query.tab('Query 1')).toBeVisible()
        await query.closeTab('Query 1')
        await dialog.getByRole('button', { name: 'Roll back and close' }).click()
        await expect(query.tab('Query 1')).toHaveCount(0)
      } finally {
        await drop()
      }
    })

    test('a saved query opens in a tab of its own; Explain shows the plan as a tree', async ({ app: page, host }) => {
      const { drop } = await openSeeded(page, host, dialect, `Saved ${dialect}`)
      try {
        const query = new QueryPage(page)
        const sql = 'SELECT count(*) AS n FROM users WHERE id > 0'
        await query.open()
        await query.type(sql)
        await page.getByRole('button', { name: 'Saved', exact: true }).click()
        const saved = page.getByRole('region', { name: 'Saved queries' })
        await saved.getByRole('textbox', { name: 'Saved query name' }).fill('Count users')
        await saved.getByRole('button', { name: 'Save query' }).click()
        await saved.getByRole('button', { name: 'Rename Count users' }).click()
        await saved.getByRole('textbox', { name: 'New name' }).fill('Users counted')
        await saved.getByRole('button', { name: 'Rename', exact: true }).click()
        await saved.getByRole('button', { name: 'Open Users counted' }).click()
        await expect(query.tab('Users counted')).toHaveAttribute('aria-selected', 'true')
        await expect(query.editor()).toHaveText(sql)

        await page.getByRole('button', { name: 'Explain', exact: true }).click()
        const plan = page.getByRole('region', { name: 'Query plan' })
        await expect(plan).toBeVisible()
        await expect(plan.locator('.plan-relation', { hasText: 'users' }).first()).toBeVisible()
        const steps = plan.getByRole('treeitem')
        const count = await steps.count()
        expect(count).toBeGreaterThan(0)
        // The top step collapses and expands.
        const top = plan.locator('details').first()
        if ((await top.count()) > 0) {
          await top.locator('summary').first().click()
          await expect(top).not.toHaveAttribute('open', '')
          await top.locator('summary').first().click()
          await expect(top).toHaveAttribute('open', '')
        }
        if (dialect === 'sqlite') {
          // The README's console pictures, in both themes (written only with UPDATE_SCREENSHOTS=1): the plan and the result.
          await query.editor().click()
          await query.runAll()
          expect(await query.rows(0)).toEqual(['10'])
          const theme = page.getByRole('combobox', { name: 'Theme' })
          await theme.selectOption({ label: '☀ Light' })
          await saveReadmeScreenshot(page, 'console-light')
          await theme.selectOption({ label: '☾ Dark' })
          await saveReadmeScreenshot(page, 'console-dark')
          await theme.selectOption({ label: '◐ System' })
        }

        await page.getByRole('button', { name: 'Saved', exact: true }).click()
        await page.getByRole('region', { name: 'Saved queries' }).getByRole('button', { name: 'Delete Users counted' }).click()
        await expect(page.getByRole('region', { name: 'Saved queries' })).toContainText('No saved queries')
      } finally {
        await drop()
      }
    })
  })
}

async function itemCount(sql: (query: string) => Promise<unknown[]>): Promise<number> {
  const [row] = (await sql('SELECT count(*) AS n FROM tx_items')) as Array<{ n: unknown }>
  return Number(row.n)
}
