/** Editing a console result: a single-table result with its primary key edits like the grid; a join says why it cannot. */
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
        await expect(result.getByText('Editable: double-click a cell to edit a row of ce_items.')).toBeVisible()
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
  })
}
