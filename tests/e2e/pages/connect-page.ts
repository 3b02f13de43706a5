/**
 * Page model of the start screen: the saved connections and the connection form.
 * Everything is found by role and accessible name, as a screen reader would.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export class ConnectPage {
  readonly form: Locator
  readonly savedList: Locator

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: /^(New connection|Edit “.*”)$/ })
    this.savedList = page.getByRole('list', { name: 'Saved connections' })
  }

  // ── the form ──────────────────────────────────────────────────────────
  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true })
  }

  get urlField(): Locator {
    return this.field('Connection string')
  }

  /** Pastes (inserts in one go, as a paste does) a connection string into an emptied field. */
  async pasteUrl(url: string): Promise<void> {
    await this.urlField.fill('')
    await this.urlField.focus()
    await this.page.keyboard.insertText(url)
  }

  button(name: string): Locator {
    return this.form.getByRole('button', { name, exact: true })
  }

  async test(): Promise<void> {
    await this.button('Test connection').click()
  }

  /** The success panel of Test connection. */
  get success(): Locator {
    return this.form.getByRole('status', { name: 'Connection test result' })
  }

  /** The diagnosis of a failed test or connect (an alert carrying the error code). */
  get diagnosis(): Locator {
    return this.form.getByRole('alert').and(this.form.locator('[data-error-code]'))
  }

  async expectSuccess(): Promise<Locator> {
    await expect(this.success).toBeVisible({ timeout: 15_000 })
    await expect(this.success).toContainText(/Server\s*(SQLite|PostgreSQL|MySQL|MariaDB) \d+\.\d+/)
    await expect(this.success).toContainText(/Latency\s*\d+ ms/)
    return this.success
  }

  async expectDiagnosis(code: string): Promise<Locator> {
    await expect(this.diagnosis).toBeVisible({ timeout: 15_000 })
    await expect(this.diagnosis).toHaveAttribute('data-error-code', code)
    return this.diagnosis
  }

  /** Opens the collapsed "SSH tunnel" section, turns the tunnel on and fills it (key authentication, or the SSH password). */
  async fillSshTunnel(
    ssh: { host: string; port: number; user: string } & ({ privateKeyPath: string; passphrase?: string } | { password: string }),
  ): Promise<void> {
    await this.form.getByText('SSH tunnel', { exact: true }).click()
    await this.form.getByRole('checkbox', { name: 'Connect through an SSH bastion' }).check()
    await this.field('SSH host').fill(ssh.host)
    await this.field('SSH port').fill(String(ssh.port))
    await this.field('SSH user').fill(ssh.user)
    if ('password' in ssh) {
      await this.form.getByRole('radio', { name: 'Sign in with a password' }).check()
      await this.field('SSH password').fill(ssh.password)
      return
    }
    await this.field('Private key file').fill(ssh.privateKeyPath)
    if (ssh.passphrase !== undefined) await this.field('Key passphrase').fill(ssh.passphrase)
  }

  /** Opens the "TLS certificates" section (when closed) and fills the files and passphrase given. */
  async fillTls(tls: { ca?: string; cert?: string; key?: string; passphrase?: string }): Promise<void> {
    const section = this.form.locator('details.conn-tls')
    if ((await section.getAttribute('open')) === null) await section.getByText('TLS certificates', { exact: false }).first().click()
    const label = (what: string) => section.getByLabel(new RegExp(`^${what} \\(`))
    if (tls.ca !== undefined) await label('CA certificate').fill(tls.ca)
    if (tls.cert !== undefined) await label('Client certificate').fill(tls.cert)
    if (tls.key !== undefined) await label('Client key').fill(tls.key)
    if (tls.passphrase !== undefined) await section.getByLabel('Client key passphrase', { exact: true }).fill(tls.passphrase)
  }

  /** The first-use prompt showing the bastion's host key fingerprint. */
  get hostKeyPrompt(): Locator {
    return this.form.getByRole('group', { name: 'Confirm the SSH host key' })
  }

  /** Fills the "Save as" part and saves; waits for the confirmation. */
  async save(options: { name: string; colour?: string; readOnly?: boolean; rememberPassword?: boolean }): Promise<void> {
    await this.field('Name').fill(options.name)
    if (options.colour) await this.form.getByRole('radio', { name: options.colour }).check()
    if (options.readOnly !== undefined) await this.form.getByRole('checkbox', { name: 'Read-only' }).setChecked(options.readOnly)
    if (options.rememberPassword !== undefined)
      await this.form.getByRole('checkbox', { name: 'Remember password' }).setChecked(options.rememberPassword)
    await this.form.getByRole('button', { name: /^Save( changes)?$/ }).click()
    await expect(this.form.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible()
  }

  // ── the saved connections ─────────────────────────────────────────────
  item(name: string): Locator {
    return this.savedList.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) })
  }

  async connectSaved(name: string): Promise<void> {
    await this.item(name).getByRole('button', { name: 'Connect', exact: true }).click()
    await this.expectTables()
  }

  /** The workspace's Tables navigation, with the app's three tables. */
  async expectTables(tables: string[] = ['users', 'posts', 'notes']): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Tables' })
    await expect(nav).toBeVisible({ timeout: 15_000 })
    for (const table of tables) await expect(nav.getByRole('button', { name: new RegExp(`^${table}\\b`) })).toBeVisible()
  }

  /** From the workspace back to the start screen, closing the session. */
  async disconnect(): Promise<void> {
    await this.page.getByRole('button', { name: 'Disconnect' }).click()
    await expect(this.form).toBeVisible()
  }
}
