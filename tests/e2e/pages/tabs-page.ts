/**
 * Page model of the workspace's tab strip: the open tabs (tables and panels), closing them, and the
 * Back / Forward arrows of the active tab.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class TabsPage {
  constructor(readonly page: Page) {}

  strip(): Locator {
    return this.page.getByRole('tablist', { name: 'Open tabs' })
  }

  tab(name: string): Locator {
    return this.strip().getByRole('tab', { name, exact: true })
  }

  /** The names of the open tabs, left to right. */
  async names(): Promise<string[]> {
    const tabs = this.strip().getByRole('tab')
    return (await tabs.allInnerTexts()).map((t) => t.trim())
  }

  async expectNames(names: string[]): Promise<void> {
    if (names.length === 0) await expect(this.strip()).toHaveCount(0)
    else await expect(this.strip().getByRole('tab')).toHaveText(names)
  }

  async expectActive(name: string): Promise<void> {
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true')
  }

  async close(name: string): Promise<void> {
    await this.strip()
      .getByRole('button', { name: `Close ${name}`, exact: true })
      .click()
  }

  async middleClick(name: string): Promise<void> {
    await this.tab(name).click({ button: 'middle' })
  }

  back(): Locator {
    return this.page.getByRole('button', { name: 'Back', exact: true })
  }

  forward(): Locator {
    return this.page.getByRole('button', { name: 'Forward', exact: true })
  }

  /** The table the main area shows, by its heading. */
  async expectTable(table: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: table, exact: true })).toBeVisible()
  }
}
