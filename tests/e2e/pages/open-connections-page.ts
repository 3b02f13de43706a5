/**
 * Page model of the sidebar's list of the connections open at once: an entry per session (the one
 * on screen marked current), and "Open another…" to the connection screen.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class OpenConnectionsPage {
  constructor(readonly page: Page) {}

  list(): Locator {
    return this.page.getByRole('navigation', { name: 'Open connections' })
  }

  entries(): Locator {
    return this.list().getByRole('listitem')
  }

  /** A connection's button: its name, followed by its kind. */
  entry(name: string): Locator {
    return this.list().getByRole('button', { name: new RegExp(name) })
  }

  async expectCurrent(name: string): Promise<void> {
    await expect(this.entry(name)).toHaveAttribute('aria-current', 'true')
  }

  async openAnother(): Promise<void> {
    await this.list().getByRole('button', { name: 'Open another…' }).click()
  }
}
