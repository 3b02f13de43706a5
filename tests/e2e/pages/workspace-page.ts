/**
 * Page model of the workspace around a table: the sidebar of tables, the table view's Data and
 * Structure tabs, and the structure view's tables.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class WorkspacePage {
  constructor(readonly page: Page) {}

  sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'Tables' })
  }

  /** A table's button: named exactly by the table (its count is a description, not the name). */
  tableButton(table: string): Locator {
    return this.sidebar().getByRole('button', { name: table, exact: true })
  }

  async openTable(table: string): Promise<void> {
    await this.tableButton(table).click()
    await expect(this.page.getByRole('heading', { level: 1, name: table, exact: true })).toBeVisible()
    await expect(this.tab('Data')).toHaveAttribute('aria-selected', 'true')
  }

  /** The sidebar's "Refresh tables", after tables were made behind the app's back; waits for `table` to be listed. */
  async refreshTables(table: string): Promise<void> {
    await this.sidebar().getByRole('button', { name: 'Refresh tables', exact: true }).click()
    await expect(this.tableButton(table)).toBeVisible()
  }

  async filterTables(text: string): Promise<void> {
    await this.sidebar().getByLabel('Filter tables').fill(text)
  }

  tab(name: 'Data' | 'Structure'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  async showStructure(): Promise<void> {
    await this.tab('Structure').click()
    await expect(this.page.getByRole('heading', { name: 'Columns', exact: true })).toBeVisible()
  }

  async showData(): Promise<void> {
    await this.tab('Data').click()
    await expect(this.page.getByRole('grid')).toBeVisible()
  }

  /** One of the structure view's tables: Columns, Indexes, Foreign keys, Referenced by. */
  structureTable(name: 'Columns' | 'Indexes' | 'Foreign keys' | 'Referenced by'): Locator {
    return this.page.getByRole('table', { name, exact: true })
  }

  /** The texts of each body row of a structure table, cells joined by " | ". */
  async structureRows(name: 'Columns' | 'Indexes' | 'Foreign keys' | 'Referenced by'): Promise<string[]> {
    const rows = this.structureTable(name).getByRole('row')
    const count = await rows.count()
    const texts: string[] = []
    for (let i = 1; i < count; i++) {
      const cells = await rows.nth(i).getByRole('cell').or(rows.nth(i).getByRole('rowheader')).allInnerTexts()
      texts.push(cells.map((c) => c.trim()).join(' | '))
    }
    return texts
  }
}
