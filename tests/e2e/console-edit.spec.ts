/**
 * Editing a console result: a single-table result with its primary key edits like the grid; a join
 * says why it cannot. Staged result edits are never dropped without asking: they wait through a
 * switch to another tab, and closing the tab or running again asks first.
 * A row changed behind the console's back opens the grid's conflict dialog.
 */
import { dialects, expect, openSeeded, test } from './fixtures'
import { QueryPage } from './pages/query-page'

for (const dialect of dialects()) {
  test.describe(`console edits on ${dialect}`, () => {
    test('edit a result row and commit; a join is read-only and says why', async ({ app: page, host }) => {
      const { drop } = await openSeeded(page, host, dialect, `Edits ${dialect}`)
      try {
        const query = new QueryPage(page)
        await query.open()
        await query.type(
          "CREATE TABLE ce_items (id INTEGER PRIMARY KEY, label VARCHAR(20));\nINSERT INTO ce_items VALUES (1, 'one'), (2, 'two');\nSELECT id, label FROM ce_items ORDER BY id",
        )
        await query.runAll()
        const result = query.results().last()
        await expect(
          result.getByText('Editable: double-click a cell (or Enter) to edit a row of ce_items, Delete to delete one.'),
        ).toBeVisible()
        await result.getByRole('gridcell', { name: 'two' }).dblclick()
        await page.keyboard.press('ControlOrMeta+a')
        await page.keyboard.type('TWO')
        await page.keyboard.press('Enter')
        await expect(result.getByRole('status').filter({ hasText: '1 pending change' })).toBeVisible()
        await result.getByRole('button', { name: 'Commit' }).click()
        await expect(result.getByText('1 pending change')).toHaveCount(0)
        await query.type('SELECT ce_items.id, a.label FROM ce_items JOIN ce_items a ON a.id = ce_items.id ORDER BY 1')
        await query.runCurrent()
        await expect(query.results().last().getByText('Read-only: The statement joins tables.')).toBeVisible()
        expect(await query.rows()).toEqual(['1 | one', '2 | TWO'])
      } finally {
        await drop()
      }
    })

    test('keyboard only: arrows to a cell, Enter edits it, Delete stages a row’s deletion (Ctrl+Z undoes it) or the selected rows’, Ctrl+S commits', async ({
      app: page,
      host,
      context,
    }) => {
      const { sql, drop } = await openSeeded(page, host, dialect, `Result keys ${dialect}`)
      try {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
        await sql('CREATE TABLE rk_items (id INTEGER PRIMARY KEY, label VARCHAR(20))')
        await sql("INSERT INTO rk_items VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')")
        const query = new QueryPage(page)
        await query.open()
        await query.type('SELECT id, label FROM rk_items ORDER BY id')
        await query.runCurrent()
        const result = query.results().last()
        const grid = query.grid()
        await expect(grid).toHaveAttribute('tabindex', '0')
        await grid.focus()
        await expect.poll(() => query.activeCellText()).toBe('1')
        await page.keyboard.press('ArrowRight')
        await page.keyboard.press('ArrowDown')
        await expect.poll(() => query.activeCellText()).toBe('two')
        // Ctrl+C copies the active cell (what the copy event carries; the test project has no DOM typings).
        type CopyEvent = { clipboardData: { getData(type: string): string } | null }
        await page.evaluate(() => {
          const w = globalThis as unknown as { copied: string; addEventListener(type: 'copy', listener: (event: CopyEvent) => void): void }
          w.addEventListener('copy', (event) => (w.copied = event.clipboardData?.getData('text/plain') ?? ''))
        })
        await page.keyboard.press('ControlOrMeta+c')
        await expect.poll(() => page.evaluate(() => (globalThis as unknown as { copied?: string }).copied)).toBe('two')
        await page.keyboard.press('Enter')
        await page.keyboard.type('TWO')
        await page.keyboard.press('Enter')
        await expect(grid).toBeFocused()
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('Delete')
        await expect(grid.locator('.grid-body [role=row].row-deleted')).toHaveText(/three/)
        await expect(result.getByRole('status').filter({ hasText: '2 pending changes' })).toBeVisible()
        await page.keyboard.press('ControlOrMeta+z')
        await expect(grid.locator('.grid-body [role=row].row-deleted')).toHaveCount(0)
        // Shift+Space selects rows: Delete then takes them all.
        await page.keyboard.press('Shift+Space')
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('Shift+Space')
        await page.keyboard.press('Delete')
        await expect(grid.locator('.grid-body [role=row].row-deleted')).toHaveText([/three/, /four/])
        await expect(result.getByRole('status').filter({ hasText: '3 pending changes' })).toBeVisible()
        await page.keyboard.press('ControlOrMeta+s')
        await expect(result.getByText(/pending change/)).toHaveCount(0)
        expect(await sql('SELECT label FROM rk_items ORDER BY id')).toEqual([{ label: 'one' }, { label: 'TWO' }])
        // Ctrl+S in the cell editor stages the value and commits it at once.
        await page.keyboard.press('ControlOrMeta+Home')
        await page.keyboard.press('End')
        await page.keyboard.press('F2')
        await page.keyboard.type('ONE')
        await page.keyboard.press('ControlOrMeta+s')
        await expect.poll(() => sql('SELECT label FROM rk_items WHERE id = 1')).toEqual([{ label: 'ONE' }])
      } finally {
        await drop()
      }
    })

    test('a result and its staged edit wait through a tab switch; closing the tab or running again asks first', async ({
      app: page,
      host,
    }) => {
      const { sql, drop } = await openSeeded(page, host, dialect, `Kept edits ${dialect}`)
      try {
        await sql('CREATE TABLE ck_items (id INTEGER PRIMARY KEY, label VARCHAR(20))')
        await sql("INSERT INTO ck_items VALUES (1, 'one'), (2, 'two')")
        const query = new QueryPage(page)
        await query.open()
        await query.type('SELECT id, label FROM ck_items ORDER BY id')
        await query.runCurrent()
        const result = query.results().last()
        await result.getByRole('gridcell', { name: 'two' }).dblclick()
        await page.keyboard.press('ControlOrMeta+a')
        await page.keyboard.type('staged')
        await page.keyboard.press('Enter')
        await expect(result.getByRole('status').filter({ hasText: '1 pending change' })).toBeVisible()

        // Another tab and back: the rows, the staged value and the pending change are all still there.
        await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: 'users', exact: true }).click()
        await expect(page.getByRole('heading', { level: 1, name: 'users', exact: true })).toBeVisible()
        await query.tab('Query 1').click()
        expect(await query.rows()).toEqual(['1 | one', '2 | staged'])
        await expect(query.results().last().getByRole('status').filter({ hasText: '1 pending change' })).toBeVisible()

        // Running again would replace the result: it asks; keeping the changes keeps the result.
        const dialog = page.getByRole('dialog', { name: 'Changes not committed' })
        await query.editor().click()
        await query.runCurrent()
        await expect(dialog).toBeVisible()
        await dialog.getByRole('button', { name: 'Keep them' }).click()
        expect(await query.rows()).toEqual(['1 | one', '2 | staged'])

        // Closing the tab asks too; keeping them keeps the tab.
        await query.closeTab('Query 1')
        await expect(dialog).toBeVisible()
        await dialog.getByRole('button', { name: 'Keep them' }).click()
        await expect(query.tab('Query 1')).toBeVisible()
        expect(await query.rows()).toEqual(['1 | one', '2 | staged'])
        await query.closeTab('Query 1')
        await dialog.getByRole('button', { name: 'Discard the changes' }).click()
        await expect(query.tab('Query 1')).toHaveCount(0)
        expect(await sql('SELECT label FROM ck_items WHERE id = 2')).toEqual([{ label: 'two' }])
      } finally {
        await drop()
      }
    })

    test('a row changed behind the console: the grid’s conflict dialog, take theirs, keep mine', async ({ app: page, host }) => {
      const { sql, drop } = await openSeeded(page, host, dialect, `Console conflict ${dialect}`)
      try {
        const query = new QueryPage(page)
        await query.open()
        await query.type(
          "CREATE TABLE cc_items (id INTEGER PRIMARY KEY, label VARCHAR(20));\nINSERT INTO cc_items VALUES (1, 'one'), (2, 'two');\nSELECT id, label FROM cc_items ORDER BY id",
        )
        await query.runAll()
        const result = query.results().last()
        const edit = async (from: string, to: string) => {
          await result.getByRole('gridcell', { name: from, exact: true }).dblclick()
          await page.keyboard.press('ControlOrMeta+a')
          await page.keyboard.type(to)
          await page.keyboard.press('Enter')
          await expect(result.getByRole('status').filter({ hasText: '1 pending change' })).toBeVisible()
        }
        await edit('two', 'mine')
        await sql("UPDATE cc_items SET label = 'theirs' WHERE id = 2")
        await result.getByRole('button', { name: 'Commit' }).click()
        const dialog = page.getByRole('dialog', { name: 'This row was changed meanwhile' })
        await expect(dialog).toBeVisible()
        const labelRow = dialog.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'label', exact: true }) })
        await expect(labelRow.getByRole('cell')).toHaveText(['mine', 'two', /^theirs/])
        expect(await sql('SELECT label FROM cc_items WHERE id = 2')).toEqual([{ label: 'theirs' }])

        // Take theirs: the edit goes, the row shows their value.
        await dialog.getByRole('button', { name: 'Take theirs' }).click()
        await expect(dialog).toBeHidden()
        await expect(result.getByText('1 pending change')).toHaveCount(0)
        await expect(result.getByRole('gridcell', { name: 'theirs', exact: true })).toBeVisible()

        // Again, and keep mine: written over their value at once.
        await edit('theirs', 'mine after all')
        await sql("UPDATE cc_items SET label = 'theirs again' WHERE id = 2")
        await result.getByRole('button', { name: 'Commit' }).click()
        await expect(dialog).toBeVisible()
        await dialog.getByRole('button', { name: 'Keep mine' }).click()
        await expect(dialog).toBeHidden()
        await expect(result.getByText('1 pending change')).toHaveCount(0)
        await expect(result.getByRole('gridcell', { name: 'mine after all', exact: true })).toBeVisible()
        expect(await sql('SELECT label FROM cc_items WHERE id = 2')).toEqual([{ label: 'mine after all' }])
      } finally {
        await drop()
      }
    })
  })
}
