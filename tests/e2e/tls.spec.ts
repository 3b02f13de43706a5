/**
 * TLS from the form (issue 13): against a PostgreSQL and a MariaDB of the test's own with TLS on
 * and certificates made for the run, the TLS section's files (CA, client certificate, encrypted
 * client key and its passphrase) go into the connection string, Test connection says the session is
 * encrypted with TLS 1.x, and Connect opens a workspace that browses the server's table.
 */
import { rawQuery } from '../support/databases'
import { privateTlsServersUnavailable, startPrivateTlsServers, type PrivateTlsServers } from '../support/private-tls-servers'
import { expect, saveConnection, saveReadmeScreenshot, test } from './fixtures'
import { ConnectPage } from './pages/connect-page'
import { WorkspacePage } from './pages/workspace-page'

const unavailable = privateTlsServersUnavailable()
if (unavailable && process.env.CI === 'true') throw new Error(`CI must run the TLS e2e test: ${unavailable}`)

let servers: PrivateTlsServers

test.describe('TLS from the form', () => {
  test.skip(unavailable !== null, `TLS e2e skipped: ${unavailable}`)
  test.describe.configure({ timeout: 120_000 })

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    servers = await startPrivateTlsServers()
    await rawQuery(
      'postgres',
      servers.postgres.url,
      "CREATE TABLE boats (id int PRIMARY KEY, name text); INSERT INTO boats VALUES (1, 'Dinghy')",
    )
    await rawQuery(
      'mysql',
      `mysql://root@127.0.0.1:${servers.mariadb.port}/mysql`,
      "CREATE DATABASE harbour; CREATE TABLE harbour.boats (id int PRIMARY KEY, name text); INSERT INTO harbour.boats VALUES (1, 'Ketch');" +
        "CREATE USER 'x509'@'%' REQUIRE X509; GRANT ALL ON harbour.* TO 'x509'@'%'",
    )
  })
  test.afterAll(async () => {
    await servers?.destroy()
  })

  test('PostgreSQL: the fields and the CA file, verify-full, TLS shown, connect and browse', async ({ app }) => {
    const connect = new ConnectPage(app)
    await connect.field('Database type').selectOption('postgres')
    await connect.field('Host').fill('localhost')
    await connect.field('Port').fill(String(servers.postgres.port))
    await connect.field('User').fill('postgres')
    await connect.field('Database').fill('postgres')
    await connect.fillTls({ ca: servers.certs.caCert })
    // A CA file turns TLS on with the certificate and host name checked; the string follows.
    await expect(connect.field('SSL mode')).toHaveValue('verify-full')
    await expect(connect.urlField).toHaveValue(
      `postgres://postgres@localhost:${servers.postgres.port}/postgres?sslmode=verify-full&sslrootcert=${servers.certs.caCert}`,
    )
    await connect.test()
    const result = await connect.expectSuccess()
    await expect(result).toContainText(/Encryption\s*TLS 1\.[23] \(/)
    await connect.button('Connect').click()
    await connect.expectTables(['boats'])
    const workspace = new WorkspacePage(app)
    await workspace.openTable('boats')
    await expect(app.getByRole('gridcell', { name: 'Dinghy' })).toBeVisible()
    await connect.disconnect()
  })

  test('MariaDB: a pasted URL fills the TLS fields; an encrypted client key with its passphrase; REQUIRE X509 account', async ({
    app,
    host,
  }) => {
    const { certs } = servers
    const connect = new ConnectPage(app)
    await connect.pasteUrl(`mysql+pymysql://x509@localhost:${servers.mariadb.port}/harbour?ssl_ca=${certs.caCert}`)
    await expect(connect.field('CA certificate (ssl_ca)')).toHaveValue(certs.caCert)
    // Without a client certificate the account refuses.
    await connect.test()
    await connect.expectDiagnosis('AUTH_FAILED')

    await connect.fillTls({ cert: certs.clientCert, key: certs.clientKeyEncrypted })
    await expect(connect.urlField).toHaveValue(
      `mysql://x509@localhost:${servers.mariadb.port}/harbour?ssl=verify-full&ssl_ca=${certs.caCert}&ssl_cert=${certs.clientCert}&ssl_key=${certs.clientKeyEncrypted}`,
    )
    await connect.test()
    await expect(await connect.expectDiagnosis('TLS_KEY_UNREADABLE')).toContainText('encrypted, and no passphrase was given')

    await connect.fillTls({ passphrase: certs.clientKeyPassphrase })
    // The passphrase is a secret: never in the string the form shows.
    await expect(connect.urlField).not.toHaveValue(/ssl_key_password/)
    await saveReadmeScreenshot(app, 'connect-tls')
    await connect.test()
    await expect(await connect.expectSuccess()).toContainText(/Encryption\s*TLS 1\.[23] \(/)
    await connect.button('Connect').click()
    await connect.expectTables(['boats'])
    await new WorkspacePage(app).openTable('boats')
    await expect(app.getByRole('gridcell', { name: 'Ketch' })).toBeVisible()
    await connect.disconnect()
    expect(host.output.join('')).not.toContain(certs.clientKeyPassphrase)
  })

  test('a saved connection whose encrypted client key has no known passphrase asks for it in the list, and connects with it', async ({
    app,
    host,
  }) => {
    const { certs } = servers
    const name = 'Harbour over client TLS'
    await saveConnection(host, {
      name,
      url: `mysql://x509@localhost:${servers.mariadb.port}/harbour?ssl=verify-full&ssl_ca=${certs.caCert}&ssl_cert=${certs.clientCert}&ssl_key=${certs.clientKeyEncrypted}`,
    })
    await app.reload()
    const connect = new ConnectPage(app)
    const item = connect.item(name)
    await item.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(item.locator('.conn-item-error[data-error-code="TLS_KEY_UNREADABLE"]')).toBeVisible()
    const passphrase = item.getByLabel(`Client key passphrase for ${name}`)
    await passphrase.fill('not the passphrase')
    await item.getByRole('button', { name: 'Try passphrase' }).click()
    await expect(item.locator('.conn-item-error[data-error-code="TLS_KEY_UNREADABLE"]')).toBeVisible()
    await passphrase.fill(certs.clientKeyPassphrase)
    await item.getByRole('button', { name: 'Try passphrase' }).click()
    await connect.expectTables(['boats'])
    await connect.disconnect()
    expect(host.output.join('')).not.toContain(certs.clientKeyPassphrase)
  })
})
