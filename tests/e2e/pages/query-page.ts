/** Page model of the SQL console: the editor, its keys, the results and the history. */
import { expect, type Locator, type Page } from '@playwright/test'

export class QueryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Query', exact: true }).click()
    await expect(this.editor()).toBeVisible()
  }

  editor(): Locator {
    return this.page.getByRole('textbox', { name: 'SQL' })
  }

  /** Replaces the editor's text by typing it (so completion and the editor's keys are live). */
  async type(text: string): Promise<void> {
    await this.editor().click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.press('Delete')
    await this.editor().pressSequentially(text)
  }

  /** Ctrl/Cmd+Enter: the statement under the cursor. */
  async runCurrent(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Enter')
  }

  /** Ctrl/Cmd+Shift+Enter: everything. */
  async runAll(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+Enter')
  }

  results(): Locator {
    return this.page.locator('section.query-result')
  }

  /** The rows of the n-th result grid, cells joined by " | ". */
  async rows(n = 0): Promise<string[]> {
    const grid = this.results().nth(n).getByRole('table', { name: 'Result rows' })
    await expect(grid).toBeVisible()
    return (await grid.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').join(' | '))
  }
}
