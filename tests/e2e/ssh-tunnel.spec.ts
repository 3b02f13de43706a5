/**
 * Connecting through an SSH bastion from the form (issue 13): the collapsed "SSH tunnel" section,
 * the first-use host key prompt with the fingerprint the test's own sshd really has, a test that
 * says it went through the bastion, and the saved connection reconnecting with the trusted key.
 */
import { expect, hostCall, saveReadmeScreenshot, seededDatabase, serverUrl, test } from './fixtures'
import { ConnectPage } from './pages/connect-page'
import { privateSshdUnavailable, startPrivateSshd, type PrivateSshd } from '../support/private-sshd'

const unavailable = privateSshdUnavailable()
const dialect = serverUrl('postgres') ? ('postgres' as const) : serverUrl('mysql') ? ('mysql' as const) : null
const skipWhy = unavailable ?? (dialect ? null : 'set TEST_PG_URL or TEST_MYSQL_URL')
if (skipWhy && process.env.CI === 'true') throw new Error(`CI must run the SSH tunnel e2e test: ${skipWhy}`)

let sshd: PrivateSshd

test.describe('SSH tunnel', () => {
  test.skip(skipWhy !== null, `SSH tunnel e2e skipped: ${skipWhy}`)

  test.beforeAll(async () => {
    sshd = await startPrivateSshd()
  })
  test.afterAll(async () => {
    await sshd?.destroy()
  })

  test('connect through a bastion: confirm its host key, test, save and reconnect', async ({ app, host }) => {
    const { target, drop } = await seededDatabase(dialect!, host.dataDir)
    const name = `SSH e2e ${Date.now()}`
    try {
      const connect = new ConnectPage(app)
      await connect.pasteUrl(target.url)
      await expect(connect.form.getByRole('checkbox', { name: 'Connect through an SSH bastion' })).toBeHidden()
      await connect.fillSshTunnel({
        host: sshd.host,
        port: sshd.port,
        user: sshd.user,
        privateKeyPath: sshd.protectedKey,
        passphrase: sshd.passphrase,
      })
      await saveReadmeScreenshot(app, 'connect-ssh')
      await connect.test()

      await connect.expectDiagnosis('SSH_HOST_KEY_UNKNOWN')
      await expect(connect.hostKeyPrompt).toContainText(sshd.hostKey)
      await connect.hostKeyPrompt.getByRole('button', { name: 'Trust and try again' }).click()
      await connect.expectSuccess()
      await expect(
        connect.form.getByRole('status').filter({ hasText: `via SSH bastion ${sshd.user}@127.0.0.1:${sshd.port}` }),
      ).toBeVisible()
      await expect(connect.form.getByText(`Trusted host key: ${sshd.hostKey}`)).toBeVisible()

      await connect.save({ name })
      await connect.connectSaved(name)
      await connect.disconnect()
    } finally {
      const list = await hostCall<{ connections: { id: string; name: string }[] }>(host, 'connections.list', {})
      for (const c of list.connections) if (c.name === name) await hostCall(host, 'connections.delete', { id: c.id })
      await drop()
    }
  })

  test('sign in to the bastion with the SSH password', async ({ app, host }) => {
    if (sshd.password === null && process.env.CI === 'true') throw new Error(`CI must test SSH passwords: ${sshd.passwordUnavailable}`)
    test.skip(sshd.password === null, `SSH password sign-in not tested: ${sshd.passwordUnavailable}`)
    const { target, drop } = await seededDatabase(dialect!, host.dataDir)
    try {
      const connect = new ConnectPage(app)
      await connect.pasteUrl(target.url)
      await connect.fillSshTunnel({ host: sshd.host, port: sshd.port, user: sshd.user, password: sshd.password! })
      await connect.test()
      await connect.expectDiagnosis('SSH_HOST_KEY_UNKNOWN')
      await connect.hostKeyPrompt.getByRole('button', { name: 'Trust and try again' }).click()
      await connect.expectSuccess()
      await connect.button('Connect').click()
      await connect.expectTables()
      await connect.disconnect()
      expect(host.output.join('')).not.toContain(sshd.password)
    } finally {
      await drop()
    }
  })

  test('a saved tunnel from the list: trust the host key, then type the key passphrase', async ({ app, host }) => {
    const { target, drop } = await seededDatabase(dialect!, host.dataDir)
    const name = `SSH e2e saved ${Date.now()}`
    // Saved without a trusted host key or a known passphrase (as after a restart without "remember").
    const ssh = { host: sshd.host, port: sshd.port, user: sshd.user, privateKeyPath: sshd.protectedKey }
    const saved = await hostCall<{ id: string }>(host, 'connections.save', { name, url: target.url, ssh })
    try {
      const connect = new ConnectPage(app)
      await app.reload()
      const item = connect.item(name)
      await item.getByRole('button', { name: 'Connect', exact: true }).click()
      // The key is read first: its passphrase is asked for, then the bastion's host key.
      await expect(item.locator('.conn-item-error')).toHaveAttribute('data-error-code', 'SSH_KEY_UNREADABLE')
      await item.getByLabel(`SSH key passphrase for ${name}`).fill(sshd.passphrase)
      await item.getByRole('button', { name: 'Try it' }).click()
      const prompt = item.getByRole('group', { name: 'Confirm the SSH host key' })
      await expect(prompt).toContainText(sshd.hostKey)
      await prompt.getByRole('button', { name: 'Trust and try again' }).click()
      await connect.expectTables()
      await connect.disconnect()
      const list = await hostCall<{ connections: { id: string; ssh: { hostKey: string | null } | null }[] }>(host, 'connections.list', {})
      expect(list.connections.find((c) => c.id === saved.id)?.ssh?.hostKey).toBe(sshd.hostKey)
    } finally {
      await hostCall(host, 'connections.delete', { id: saved.id })
      await drop()
    }
  })
})
