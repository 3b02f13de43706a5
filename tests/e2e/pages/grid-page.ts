/**
 * Page model of the data grid: sorting, filters and search, scrolling, cells and their editor, the
 * pending-changes bar and its dialogs. Cells are found through the grid's roles: a column's header
 * gives its aria-colindex, rows are found by a cell's exact text.
 */
import { expect, type Locator, type Page } from '@playwright/test'

/** The little of the DOM the page functions below use (the test project has no DOM typings). */
interface DomNode {
  getAttribute(name: string): string | null
  querySelector(selector: string): DomNode | null
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>
  cloneNode(deep: boolean): DomNode
  remove(): void
  textContent: string | null
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class GridPage {
  constructor(readonly page: Page) {}

  grid(): Locator {
    return this.page.getByRole('grid')
  }

  header(column: string): Locator {
    return this.grid().getByRole('columnheader', { name: column, exact: true })
  }

  /** The column names along the header, left to right (the columns drawn). */
  async columnOrder(): Promise<string[]> {
    return (await this.grid().locator('[role="columnheader"] .grid-col-name').allInnerTexts()).map((t) => t.trim())
  }

  /** Drags `column`'s header by its name and drops it on the left part of `onto`'s header (so it lands before it). */
  async dragHeader(column: string, onto: string): Promise<void> {
    const from = (await this.header(column).locator('.grid-col-name').boundingBox())!
    const to = (await this.header(onto).boundingBox())!
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(to.x + 8, to.y + to.height / 2, { steps: 8 })
    await this.page.mouse.up()
  }

  async columnIndex(column: string): Promise<string> {
    const index = await this.header(column).getAttribute('aria-colindex')
    if (!index) throw new Error(`no column ${column}`)
    return index
  }

  /** The rendered row whose `column` cell reads exactly `text`. */
  async row(column: string, text: string): Promise<Locator> {
    const index = await this.columnIndex(column)
    const cell = this.page
      .locator(`[role="gridcell"][aria-colindex="${index}"]`)
      .filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) })
    return this.grid().getByRole('row').filter({ has: cell }).first()
  }

  async cell(row: Locator, column: string): Promise<Locator> {
    const index = await this.columnIndex(column)
    return row.getByRole('gridcell').and(this.page.locator(`[aria-colindex="${index}"]`))
  }

  /** The texts of a column in the rendered rows, top to bottom (the grid is virtualised). */
  async columnTexts(column: string): Promise<string[]> {
    const index = await this.columnIndex(column)
    return this.grid().evaluate((element, colindex: string) => {
      const grid = element as unknown as DomNode
      const rows = Array.from(grid.querySelectorAll('[role="rowgroup"] [role="row"]')).filter(
        (row: DomNode) => Number(row.getAttribute('aria-rowindex')) > 1,
      )
      rows.sort((a: DomNode, b: DomNode) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      return rows.map((row: DomNode) => {
        const cell = row.querySelector(`[role="gridcell"][aria-colindex="${colindex}"]`)
        if (!cell) return ''
        // The text a person reads, without the cell's small buttons (view, follow the link).
        const copy = cell.cloneNode(true)
        for (const button of Array.from(copy.querySelectorAll('button'))) button.remove()
        return (copy.textContent ?? '').trim()
      })
    }, index)
  }

  /** Clicks the header until the column sorts the way asked. */
  async sortBy(column: string, direction: 'ascending' | 'descending' | 'none'): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if ((await this.header(column).getAttribute('aria-sort')) === direction) break
      await this.header(column).getByRole('button').click()
    }
    await expect(this.header(column)).toHaveAttribute('aria-sort', direction)
    await this.waitLoaded()
  }

  /** The status line: "Showing 100 of 310 rows". */
  status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^(Showing|Loading)/ })
  }

  /** The rows in view, 1-based, as the status line says them: "rows 450,001–450,020 of ≈1,000,000". */
  position(): Locator {
    return this.page.getByText(/^rows [\d,]+–[\d,]+ of ≈?[\d,]+$/)
  }

  async shownRows(): Promise<{ first: number; last: number; of: number }> {
    const text = (await this.position().textContent()) ?? ''
    const match = /^rows ([\d,]+)–([\d,]+) of ≈?([\d,]+)$/.exec(text)
    if (!match) throw new Error(`no row position in "${text}"`)
    const number = (digits: string) => Number(digits.replace(/,/g, ''))
    return { first: number(match[1]), last: number(match[2]), of: number(match[3]) }
  }

  /** The row at a 1-based position of the whole table (drawn only when near the viewport). */
  rowAt(position: number): Locator {
    return this.grid().locator(`[role="row"][aria-rowindex="${position + 1}"]`)
  }

  async waitLoaded(): Promise<void> {
    await expect(this.status()).toHaveText(/^Showing \d[\d,]* of [\d,]+ rows$/)
  }

  /** The quick filter: rows with the text in any text column. */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter', exact: true }).fill(text)
    await this.page.getByRole('searchbox', { name: 'Filter', exact: true }).press('Enter')
    await this.waitLoaded()
  }

  /** Adds a filter row (column, operator as shown, value) without applying it yet. */
  async addFilter(column: string, operator: string, value?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add filter' }).click()
    const n = await this.page.getByRole('list', { name: 'Filters' }).getByRole('listitem').count()
    await this.page.getByLabel(`Filter ${n} column`, { exact: true }).selectOption(column)
    await this.page.getByLabel(`Filter ${n} operator`, { exact: true }).selectOption({ label: operator })
    if (value !== undefined) {
      const input = this.page.getByLabel(`Filter ${n} value`, { exact: true })
      if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value)
      else await input.fill(value)
    }
  }

  async applyFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply filters' }).click()
    await this.waitLoaded()
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear filters' }).click()
    await this.waitLoaded()
  }

  /** Scrolls to the bottom until every row is loaded (each page arrives as the end comes into view). */
  async scrollToEnd(): Promise<void> {
    await expect(async () => {
      await this.grid().evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }))
      const text = (await this.status().textContent()) ?? ''
      const match = /^Showing ([\d,]+) of ([\d,]+) rows$/.exec(text)
      expect(match && match[1] === match[2], text).toBe(true)
    }).toPass({ timeout: 20_000, intervals: [100, 250, 500] })
    // The last page made the grid taller: go to its very end.
    await this.grid().evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }))
  }

  /** Double-clicks a cell, types the text into its editor, and stages it with Enter. */
  async editCell(row: Locator, column: string, text: string): Promise<void> {
    await (await this.cell(row, column)).dblclick()
    const editor = this.page.getByRole('group', { name: `Edit ${column}` })
    const input = editor.getByRole('textbox', { name: column, exact: true })
    await input.fill(text)
    await input.press('Enter')
    await expect(editor).toBeHidden()
  }

  pendingBar(): Locator {
    return this.page.getByRole('region', { name: 'Pending changes' })
  }

  async expectPending(count: number): Promise<void> {
    const counter = this.pendingBar()
      .getByRole('status')
      .filter({ hasText: /pending change/ })
    if (count === 0) await expect(counter).toBeHidden()
    else await expect(counter).toHaveText(count === 1 ? '1 pending change' : `${count} pending changes`)
  }

  /** Opens Review and answers the statements it lists. */
  async review(): Promise<{ dialog: Locator; statements: string[] }> {
    await this.pendingBar().getByRole('button', { name: 'Review SQL…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Review changes' })
    const list = dialog.getByRole('list', { name: 'SQL statements' })
    await expect(list).toBeVisible()
    return { dialog, statements: (await list.getByRole('listitem').allInnerTexts()).map((s) => s.trim()) }
  }

  async commit(): Promise<void> {
    await this.pendingBar().getByRole('button', { name: 'Commit' }).click()
  }

  async discard(): Promise<void> {
    await this.pendingBar().getByRole('button', { name: 'Discard' }).click()
  }

  conflictDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^This row was (changed|deleted) meanwhile$/ })
  }
}
