/**
 * Page model of the record forms (users, posts, notes), the conflict dialog and bulk actions.
 * Forms open from the table view's own buttons ("New user", "Open in form"), as a person would, each
 * in a tab of the workspace's strip; a form is the region named after its record.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { GridPage } from './grid-page'

export type FormTable = 'users' | 'posts' | 'notes'
const NOUN: Record<FormTable, string> = { users: 'user', posts: 'post', notes: 'note' }
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class FormPage {
  readonly grid: GridPage

  constructor(readonly page: Page) {
    this.grid = new GridPage(page)
  }

  /** The table's button in the sidebar. */
  async openTable(table: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: table, exact: true }).click()
  }

  /** "New user" / "New post" / "New note" in the table view; answers the form. */
  async newRecord(table: FormTable): Promise<Locator> {
    await this.openTable(table)
    await this.page.getByRole('button', { name: `New ${NOUN[table]}`, exact: true }).click()
    // By table, not by name: once created, the form is named after the record.
    const form = this.form(table)
    await expect(this.page.getByRole('region', { name: `New ${NOUN[table]}` }).getByRole('button', { name: 'Create' })).toBeVisible()
    return form
  }

  /** The grid row whose `column` reads `text`, opened in its form (the row's "Open in form" button); answers the form. */
  async openRecord(table: FormTable, column: string, text: string): Promise<Locator> {
    await this.openTable(table)
    await this.grid.waitLoaded()
    const row = await this.grid.row(column, text)
    await row.getByRole('button', { name: 'Open in form' }).click()
    const form = this.form(table)
    await expect(form.getByRole('button', { name: 'Save' })).toBeVisible()
    return form
  }

  /** The form on screen of a record of `table` (new or existing); forms in background tabs are hidden. */
  form(table: FormTable): Locator {
    const Noun = NOUN[table].charAt(0).toUpperCase() + NOUN[table].slice(1)
    return this.page.getByRole('region', { name: new RegExp(`^(New ${NOUN[table]}|${Noun}[:# ])`) })
  }

  /** A record's form by its whole name, e.g. "User: alice". */
  named(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true })
  }

  /** The question asked before a form's unsaved changes are dropped. */
  discardPrompt(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard unsaved changes?' })
  }

  field(form: Locator, label: string): Locator {
    return form.getByLabel(label, { exact: true })
  }

  /** The message beside a field is part of its accessible description. */
  async expectFieldMessage(form: Locator, label: string, message: string | RegExp): Promise<void> {
    await expect(this.field(form, label)).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(escape(message)) : message)
    await expect(this.field(form, label)).toHaveAttribute('aria-invalid', 'true')
  }

  async expectFieldValid(form: Locator, label: string): Promise<void> {
    await expect(this.field(form, label)).not.toHaveAttribute('aria-invalid', 'true')
  }

  async fill(form: Locator, values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(form, label).fill(value)
  }

  async submit(form: Locator): Promise<void> {
    await form.getByRole('button', { name: /^(Save|Create)$/ }).click()
  }

  /** Saves and waits for the form to say so. */
  async save(form: Locator, notice: RegExp = /Saved|Created/): Promise<void> {
    await this.submit(form)
    await expect(form.getByRole('status').filter({ hasText: notice })).toBeVisible()
  }

  /** Types into the author combobox and picks the user from the list by keyboard. */
  async chooseAuthor(form: Locator, typed: string, username: string): Promise<void> {
    const combo = form.getByRole('combobox', { name: 'Author' })
    await combo.click()
    await combo.fill(typed)
    await expect(combo).toHaveAttribute('aria-expanded', 'true')
    const list = form.getByRole('listbox', { name: 'Author choices' })
    const options = list.getByRole('option')
    await expect(options.first()).toBeVisible()
    // Arrow down to the user, then Enter: the keyboard path a person without a mouse takes.
    const names = await options.allInnerTexts()
    const index = names.findIndex((n) => n.trim().split(/\s/)[0] === username)
    expect(index, `${username} among ${names.join(', ')}`).toBeGreaterThanOrEqual(0)
    for (let i = 0; i < index; i++) await combo.press('ArrowDown')
    await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true')
    await combo.press('Enter')
    await expect(combo).toHaveAttribute('aria-expanded', 'false')
    await expect(combo).toHaveValue(username)
  }

  /** Delete… then confirm; answers the confirmation dialog (it stays open when the delete is refused). */
  async deleteRecord(form: Locator, table: FormTable): Promise<Locator> {
    await form.getByRole('button', { name: 'Delete…' }).click()
    const confirm = this.page.getByRole('dialog', { name: `Delete this ${NOUN[table]}?` })
    await confirm.getByRole('button', { name: `Delete ${NOUN[table]}` }).click()
    return confirm
  }

  conflictDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^This row was (changed|deleted) meanwhile$/ })
  }

  /** The conflict dialog's row for a column: [column, yours, original, theirs]. */
  async expectConflictRow(column: string, yours: string, original: string, theirs: string): Promise<void> {
    const row = this.conflictDialog()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: column, exact: true }) })
    const cells = row.getByRole('cell')
    await expect(cells.nth(0)).toHaveText(yours)
    await expect(cells.nth(1)).toHaveText(original)
    await expect(cells.nth(2)).toHaveText(new RegExp(`^${escape(theirs)}`))
  }

  /** Narrows the grid to the rows whose `column` contains `text` (the grid's own filter bar). */
  async filterRows(column: string, text: string): Promise<void> {
    await this.grid.addFilter(column, 'contains', text)
    await this.grid.applyFilters()
  }

  /** "Bulk delete…": answers the confirmation, once it states its count. */
  async startBulkDelete(table: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Bulk delete…' }).click()
    const dialog = this.page.getByRole('dialog', { name: `Bulk delete from ${table}` })
    await expect(dialog.getByRole('button', { name: /^Delete \d+ rows?$/ })).toBeVisible()
    return dialog
  }

  async startBulkUpdate(table: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Bulk update…' }).click()
    const dialog = this.page.getByRole('dialog', { name: `Bulk update ${table}` })
    await expect(dialog.getByRole('button', { name: /^Update \d+ rows?$/ })).toBeVisible()
    return dialog
  }
}
