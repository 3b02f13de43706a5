/**
 * Connecting through an SSH bastion from the form (issue 13): the collapsed "SSH tunnel" section,
 * the first-use host key prompt with the fingerprint the test's own sshd really has, a test that
 * says it went through the bastion, and the saved connection reconnecting with the trusted key.
 */
import { expect, saveReadmeScreenshot, seededDatabase, serverUrl, test } from './fixtures'
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
      await drop()
    }
  })
})
