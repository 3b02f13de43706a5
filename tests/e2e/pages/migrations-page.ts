/** Page model of the migrations panel (Workspace → header button "Migrations"). */
import { expect, type Locator, type Page } from '@playwright/test'

export type MigrationStateText = 'Applied' | 'Pending'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class MigrationsPage {
  readonly panel: Locator
  /** The live region announcing the run (role="status"). */
  readonly status: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Migrations' })
    this.status = this.panel.getByRole('status', { name: 'Migration run' })
    this.dialog = page.getByRole('dialog')
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Migrations', exact: true }).click()
    await expect(this.panel.getByRole('table')).toBeVisible()
  }

  /** The row whose row header is the migration's name (it may also carry the "current version" badge). */
  row(name: string): Locator {
    return this.panel.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${escape(name)}`) }) })
  }

  /** The state column of every migration, oldest first. */
  async expectStates(expected: Record<string, MigrationStateText>): Promise<void> {
    for (const [name, state] of Object.entries(expected)) {
      await expect(this.row(name).getByRole('cell').nth(1), `state of ${name}`).toHaveText(state)
    }
  }

  async expectAppliedWithDate(name: string): Promise<void> {
    await expect(this.row(name).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}/)
  }

  async expectCurrent(name: string | null): Promise<void> {
    const current = this.panel.getByRole('rowheader', { name: /current version/ })
    if (name === null) await expect(current).toHaveCount(0)
    else await expect(current).toHaveText(new RegExp(`^${escape(name)}`))
  }

  /** Presses an action and answers the confirmation dialog once it shows its plan. */
  async request(button: 'Apply all pending' | 'Roll back last'): Promise<Locator> {
    await this.panel.getByRole('button', { name: button, exact: true }).click()
    return this.planned()
  }

  async applyUpTo(name: string): Promise<Locator> {
    await this.row(name)
      .getByRole('button', { name: `Apply up to ${name}` })
      .click()
    return this.planned()
  }

  async rollBackTo(name: string): Promise<Locator> {
    await this.row(name)
      .getByRole('button', { name: `Roll back to ${name}` })
      .click()
    return this.planned()
  }

  /** The browser host's way to a project folder: type its path, then confirm the folder the server resolved. */
  async useProjectFolder(path: string, resolved: string): Promise<void> {
    await this.panel.getByRole('button', { name: 'Use a project folder…' }).click()
    await this.panel.getByLabel('Project folder on this computer').fill(path)
    await this.panel.getByRole('button', { name: 'Look at this folder' }).click()
    const confirm = this.panel.getByRole('note', { name: 'Confirm the project folder' })
    await expect(confirm).toContainText(resolved)
    await confirm.getByRole('button', { name: 'Use this folder' }).click()
  }

  /** Alembic: the Python interpreter field (prefilled with the one in use). */
  interpreter(): Locator {
    return this.panel.getByLabel('Python interpreter')
  }

  /** Types another interpreter and asks the app to check and keep it. */
  async useInterpreter(path: string): Promise<void> {
    await this.interpreter().fill(path)
    await this.panel.getByRole('button', { name: 'Use this interpreter' }).click()
  }

  /** The source line: which kind of project (or Rowboat's set) the list comes from. */
  source(): Locator {
    return this.panel.getByLabel('Migration source')
  }

  /** Opens "Show SQL" in the confirmation and answers the SQL that will run. */
  async showSql(): Promise<Locator> {
    await this.dialog.getByText('Show SQL', { exact: true }).click()
    const sql = this.dialog.getByLabel('SQL that will run')
    await expect(sql).toBeVisible()
    return sql
  }

  /** The names listed in the confirmation, in the order they would run. */
  plannedItems(): Locator {
    return this.dialog.getByRole('list', { name: 'Migrations that will run' }).getByRole('listitem')
  }

  dataLoss(): Locator {
    return this.dialog.getByRole('note', { name: 'Data that would be lost' })
  }

  /** Confirms the open dialog and waits until the run has ended (the live region says how). */
  async confirm(expectedAnnouncement: RegExp): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Apply|Roll back) \d+ migrations?$/ }).click()
    await expect(this.dialog).toBeHidden()
    await expect(this.status).toHaveText(expectedAnnouncement, { timeout: 30_000 })
  }

  private async planned(): Promise<Locator> {
    await expect(this.dialog).toBeVisible()
    await expect(this.plannedItems().first()).toBeVisible()
    return this.dialog
  }
}

/** The workspace's Tables navigation: one button per table, named by the table (plus its count). */
export function tableButton(page: Page, table: string): Locator {
  return page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: new RegExp(`^${escape(table)}(\\s|$)`) })
}
