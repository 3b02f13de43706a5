/** Page model of the SQL console: the editor, its keys, the results and the history. */
import { expect, type Locator, type Page } from '@playwright/test'

export class QueryPage {
  constructor(readonly page: Page) {}

  /** The Query tab on screen: the others stay mounted, hidden, with their results. */
  panel(): Locator {
    return this.page.locator('.query-panel').filter({ visible: true })
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Query', exact: true }).click()
    await expect(this.editor()).toBeVisible()
  }

  /** The "New query" button in the workspace header. */
  async newTabByButton(): Promise<void> {
    await this.page.getByRole('button', { name: 'New query', exact: true }).click()
    await expect(this.editor()).toBeVisible()
  }

  /** A Query tab in the workspace strip, by its title. */
  tab(title: string): Locator {
    return this.page.getByRole('tablist', { name: 'Open tabs' }).getByRole('tab', { name: title, exact: true })
  }

  async closeTab(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Close ${title}`, exact: true }).click()
  }

  async setMode(mode: 'Auto-commit' | 'Manual'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Transaction mode' }).selectOption({ label: mode })
  }

  /** "Transaction open" or "No transaction" (manual mode). */
  transactionMarker(): Locator {
    return this.panel().locator('.query-settings').getByRole('status')
  }

  async setTimeoutSeconds(seconds: number | null): Promise<void> {
    const field = this.page.getByRole('textbox', { name: 'Statement timeout (seconds)' })
    await field.fill(seconds === null ? '' : String(seconds))
    await field.press('Enter')
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

  /** Shows the History list (the toolbar toggle), if it is not shown. */
  async openHistory(): Promise<Locator> {
    const toggle = this.page.getByRole('button', { name: 'History', exact: true })
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
    const list = this.page.getByRole('region', { name: 'Query history' })
    await expect(list).toBeVisible()
    return list
  }

  /** The History entry (newest first) whose text is exactly `sql`. */
  historyEntry(sql: string): Locator {
    return this.page
      .getByRole('region', { name: 'Query history' })
      .getByRole('listitem')
      .filter({ has: this.page.locator('code', { hasText: new RegExp(`^${sql.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
      .first()
  }

  /** Focuses the entry and presses Enter: it goes into the editor at the cursor. */
  async openHistoryEntry(sql: string): Promise<void> {
    const open = this.historyEntry(sql).locator('button.query-history-open')
    await open.focus()
    await this.page.keyboard.press('Enter')
  }

  async runHistoryEntryAgain(sql: string): Promise<void> {
    await this.historyEntry(sql).getByRole('button', { name: 'Run again' }).click()
  }

  results(): Locator {
    return this.panel().locator('section.query-result')
  }

  /** The n-th result's grid (virtualised: only the rows in view are drawn). */
  grid(n = 0): Locator {
    return this.results().nth(n).getByRole('grid', { name: 'Result rows' })
  }

  /** The drawn rows of the n-th result grid, cells joined by " | " (row numbers left out). */
  async rows(n = 0): Promise<string[]> {
    const grid = this.grid(n)
    await expect(grid).toBeVisible()
    const rows = grid.locator('.grid-body [role=row]')
    const texts: string[] = []
    for (let i = 0; i < (await rows.count()); i++) texts.push((await rows.nth(i).getByRole('gridcell').allInnerTexts()).join(' | '))
    return texts
  }

  /**
   * The text of the n-th result grid's active cell (aria-activedescendant), or null while it has none
   * drawn: read afresh on every call, so `expect.poll` waits for a key press to take effect.
   */
  async activeCellText(n = 0): Promise<string | null> {
    const grid = this.grid(n)
    const id = await grid.getAttribute('aria-activedescendant')
    return id
      ? await grid
          .locator(`[id="${id}"]`)
          .innerText({ timeout: 1000 })
          .catch(() => null)
      : null
  }

  /** What the n-th result says about the rows it holds ("Rows 1–1,000 of 1,000+ read so far"). */
  windowStatus(n = 0): Locator {
    return this.results().nth(n).locator('.query-result-more [aria-live]')
  }

  /** Scrolls the n-th result grid to its last drawn row (which reads on when the statement is open). */
  async scrollToEnd(n = 0): Promise<void> {
    await this.grid(n).evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  }
}
