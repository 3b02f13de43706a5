/**
 * MySQL without a database (issue 13): `mysql+pymysql://root@127.0.0.1:3306` tests as a server
 * connection (the databases instead of tables), connects to a list of the server's databases, and
 * choosing one browses it.
 */
import { expect, seededDatabase, serverUrl, test } from './fixtures'
import { ConnectPage } from './pages/connect-page'

const mysqlUrl = serverUrl('mysql')
if (!mysqlUrl && process.env.CI === 'true') throw new Error('CI must run the server-level e2e test: set TEST_MYSQL_URL')

test.describe('MySQL without a database', () => {
  test.skip(!mysqlUrl, 'set TEST_MYSQL_URL')

  test('connect to the server, choose a database from its list, browse it', async ({ app, host }) => {
    const { target, drop } = await seededDatabase('mysql', host.dataDir)
    const database = new URL(target.url).pathname.slice(1)
    const server = mysqlUrl!.replace(/^mysql:/, 'mysql+pymysql:').replace(/\/[^/?]*(\?.*)?$/, '')
    try {
      const connect = new ConnectPage(app)
      await connect.pasteUrl(server)
      await expect(connect.field('Database')).toHaveValue('')
      await connect.test()
      const result = await connect.expectSuccess()
      await expect(result).toContainText(/Databases\s*\d+ of your own/)

      await connect.button('Connect').click()
      await expect(app.getByRole('heading', { name: 'Choose a database' })).toBeVisible()
      const list = app.getByRole('list', { name: 'Databases', exact: true })
      await list.getByRole('button', { name: database, exact: true }).click()
      await connect.expectTables()
      await expect(app.getByRole('button', { name: 'Disconnect' })).toBeVisible()
      await connect.disconnect()
    } finally {
      await drop()
    }
  })
})
