/**
 * The start screen end to end: paste a connection string per dialect, test, save, connect; the
 * diagnoses of a wrong password, a missing database and a missing SQLite file; the sample
 * database; edit / duplicate / delete; cancelling a test; list warnings.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
import type { Dialect } from '../../src/shared/connection-types'
import { adminQuery, withDatabase } from '../support/databases'
import { dialects, expect, hostCall, saveConnection, seededDatabase, serverUrl, test, saveReadmeScreenshot } from './fixtures'
import { ConnectPage } from './pages/connect-page'

const suffix = () => randomBytes(4).toString('hex')
/** Every connection these tests save is named so, and deleted after each test: the host is shared by the worker. */
const PREFIX = 'Connect e2e'

test.afterEach(async ({ host }) => {
  const list = await hostCall<{ connections: { id: string; name: string }[] }>(host, 'connections.list', {})
  for (const c of list.connections) if (c.name.startsWith(PREFIX)) await hostCall(host, 'connections.delete', { id: c.id })
})

/** The same URL as a Flask/SQLAlchemy app would write it. */
function sqlalchemyForm(dialect: Dialect, url: string): string {
  if (dialect === 'sqlite') return `sqlite:///${url.replace(/^sqlite:/, '')}` // an absolute path: four slashes
  if (dialect === 'mysql') return url.replace(/^(mysql|mariadb):/, 'mysql+pymysql:')
  return url.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:')
}

const LABEL: Record<Dialect, string> = { sqlite: 'SQLite', mysql: 'MariaDB', postgres: 'PostgreSQL' }

for (const dialect of dialects()) {
  test.describe(LABEL[dialect], () => {
    test('paste a SQLAlchemy URL, test, save and connect', async ({ app, host }) => {
      const { target, drop } = await seededDatabase(dialect, host.dataDir)
      try {
        const connect = new ConnectPage(app)
        await connect.pasteUrl(sqlalchemyForm(dialect, target.url))
        // The separate fields follow the pasted string.
        if (dialect === 'sqlite') {
          await expect(connect.field('Database type')).toHaveValue('sqlite')
          await expect(connect.field('SQLite file path')).toHaveValue(target.url.replace(/^sqlite:/, ''))
        } else {
          await expect(connect.field('Database type')).toHaveValue(dialect)
          await expect(connect.field('Database')).toHaveValue(new URL(target.url).pathname.slice(1))
          await expect(connect.field('Password')).toHaveAttribute('type', 'password')
        }
        await connect.test()
        const success = await connect.expectSuccess()
        await expect(success).toContainText(/Migrations\s*\d+ applied, none pending/)

        const name = `${PREFIX} ${LABEL[dialect]} ${suffix()}`
        await connect.save({ name, colour: 'Green' })
        const item = connect.item(name)
        await expect(item).toBeVisible()
        await expect(
          item.getByRole('img', { name: dialect === 'sqlite' ? 'SQLite' : dialect === 'mysql' ? 'MySQL' : 'PostgreSQL' }),
        ).toBeVisible()
        await connect.connectSaved(name)
        await connect.disconnect()
      } finally {
        await drop()
      }
    })

    if (dialect !== 'sqlite') {
      test('paste a URL with a password: the first click on Test connection (and on Connect) counts', async ({ app, host }) => {
        const { target, drop } = await seededDatabase(dialect, host.dataDir)
        const server = new URL(serverUrl(dialect)!)
        const user = dialect === 'mysql' ? `rowboat_e2e_${suffix()}` : 'postgres'
        const database = new URL(target.url).pathname.slice(1)
        const connect = new ConnectPage(app)
        try {
          if (dialect === 'mysql') {
            await adminQuery(
              dialect,
              server.href,
              `CREATE USER '${user}'@'%' IDENTIFIED BY 'Paste-pass-1'; GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`,
            )
          }
          // PostgreSQL here trusts local logins, so any password does; the click is what is tested.
          const url = sqlalchemyForm(dialect, `${dialect}://${user}:Paste-pass-1@${server.host}/${database}`)
          await connect.pasteUrl(url)
          // One real click while the URL field still has the focus: leaving it moves the password out.
          await connect.button('Test connection').click()
          await connect.expectSuccess()
          await expect(connect.urlField).not.toHaveValue(/Paste-pass-1/)
          await connect.pasteUrl(url)
          await connect.button('Connect').click()
          await connect.expectTables()
          await connect.disconnect()
        } finally {
          if (dialect === 'mysql') await adminQuery(dialect, server.href, `DROP USER IF EXISTS '${user}'@'%'`)
          await drop()
        }
      })
    }

    if (dialect === 'sqlite') {
      test('a missing SQLite file is diagnosed, and Create database makes an empty one', async ({ app, host }) => {
        const connect = new ConnectPage(app)
        const file = join(host.dataDir, `missing-${suffix()}.sqlite`)
        await connect.pasteUrl(`sqlite:///${file}`)
        await connect.urlField.press('Enter') // Enter in the form runs Test
        const diagnosis = await connect.expectDiagnosis('SQLITE_FILE_MISSING')
        await expect(diagnosis).toContainText(file)
        // Rowboat shows the absolute path it would create and waits for a yes (sqlite-create-rule.ts).
        const asked: string[] = []
        app.once('dialog', (dialog) => {
          asked.push(dialog.message())
          void dialog.accept()
        })
        await connect.button('Create database').click()
        const success = await connect.expectSuccess()
        // Said plainly, with the path (not as an SQL comment).
        await expect(success).toContainText(`Created the empty SQLite database file ${realpathSync(file)}.`)
        await expect(success).not.toContainText('--')
        await expect(success).toContainText(/Tables\s*0/)
        await expect(success).toContainText('not tracked')
        expect(asked).toEqual([expect.stringContaining(realpathSync(file))])
      })

      test('a relative SQLite URL resolves in the chosen Flask project folder (its instance/ folder)', async ({ app, host }) => {
        const project = join(host.dataDir, `flask-${suffix()}`)
        mkdirSync(join(project, 'instance'), { recursive: true })
        const db = new sqlite3.Database(join(project, 'instance', 'app.db'))
        await new Promise<void>((done, fail) => db.exec('CREATE TABLE flask_users (id INTEGER PRIMARY KEY)', (e) => (e ? fail(e) : done())))
        await new Promise<void>((done) => db.close(() => done()))
        const connect = new ConnectPage(app)
        await connect.pasteUrl('sqlite:///app.db')
        await connect.test()
        // Without a folder: the diagnosis and the folder control name the absolute path in Rowboat's own folder.
        const diagnosis = await connect.expectDiagnosis('SQLITE_FILE_MISSING')
        await expect(diagnosis).toContainText(join(realpathSync(host.dataDir), 'app.db'))
        const folder = app.getByRole('group', { name: 'Folder for relative paths' })
        await expect(folder).toContainText(`resolves to ${join(realpathSync(host.dataDir), 'app.db')}`)
        await folder.getByRole('button', { name: 'Choose folder…' }).click()
        await folder.getByLabel('Folder on this computer').fill(project)
        await folder.getByRole('button', { name: 'Look at this folder' }).click()
        await folder.getByRole('button', { name: `Use ${realpathSync(project)}` }).click()
        await expect(folder.getByLabel('Folder for relative paths')).toHaveText(realpathSync(project))
        await connect.test()
        const success = await connect.expectSuccess()
        const file = join(realpathSync(project), 'instance', 'app.db')
        await expect(success).toContainText(`File${file} — found in the Flask instance folder`)
        await expect(success).toContainText(/Tables\s*1/)
        await expect(folder).toContainText(`resolves to ${file}`)
      })
    } else {
      test('a wrong password shows the authentication diagnosis', async ({ app, host }) => {
        const { target, drop } = await seededDatabase(dialect, host.dataDir)
        const server = new URL(serverUrl(dialect)!)
        const connect = new ConnectPage(app)
        const user = `rowboat_e2e_${suffix()}`
        const database = new URL(target.url).pathname.slice(1)
        try {
          if (dialect === 'mysql') {
            await adminQuery(
              dialect,
              server.href,
              `CREATE USER '${user}'@'%' IDENTIFIED BY 'Right-pass-1'; GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`,
            )
          }
          // PostgreSQL here trusts every local login, so an unknown role stands in for a wrong password.
          await connect.pasteUrl(sqlalchemyForm(dialect, `${dialect}://${user}@${server.host}/${database}`))
          await connect.field('Password').fill('Wrong-pass-9')
          await connect.test()
          const diagnosis = await connect.expectDiagnosis('AUTH_FAILED')
          await expect(diagnosis).toContainText(user)
          await expect(diagnosis).not.toContainText('Wrong-pass-9')
          // The account is '…'@'%': the hint never names a guessed host part of it.
          await expect(diagnosis).not.toContainText(`'${user}'@'localhost'`)

          if (dialect === 'mysql') {
            // The right password works, is saved, and never comes back to the screen.
            await connect.field('Password').fill('Right-pass-1')
            await connect.test()
            await connect.expectSuccess()
            const name = `${PREFIX} password ${suffix()}`
            await connect.save({ name, rememberPassword: false })
            const item = connect.item(name)
            await expect(item).toContainText('•••')
            await expect(item).toContainText('password kept until Rowboat quits')
            await expect(item).not.toContainText('Right-pass-1')
            await item.getByRole('button', { name: 'Edit', exact: true }).click()
            await expect(connect.field('Password')).toHaveValue('')
            await expect(connect.urlField).not.toHaveValue(/Right-pass-1/)
            await connect.connectSaved(name)
            await connect.disconnect()
          }
        } finally {
          if (dialect === 'mysql') await adminQuery(dialect, server.href, `DROP USER IF EXISTS '${user}'@'%'`)
          await drop()
        }
      })

      test('a missing database is diagnosed with its statement, and Create database works', async ({ app }) => {
        const connect = new ConnectPage(app)
        const name = `rowboat_missing_${suffix()}`
        const url = withDatabase(serverUrl(dialect)!, name)
        try {
          await connect.pasteUrl(sqlalchemyForm(dialect, url))
          await connect.test()
          const diagnosis = await connect.expectDiagnosis('DATABASE_NOT_FOUND')
          await expect(diagnosis).toContainText(name)
          // The statement is shown before anything runs, once.
          await expect(connect.form.getByText(/CREATE DATABASE/)).toHaveCount(1)
          await connect.button('Create database').click()
          const success = await connect.expectSuccess()
          await expect(success).toContainText(/Created the database with CREATE DATABASE .*\./)
          // MariaDB is named MariaDB, with its own version number.
          if (dialect === 'mysql') await expect(success).toContainText(/Server\s*MariaDB \d+\.\d+\.\d+\s*Latency/)
          await expect(success).toContainText(/Tables\s*0/)
        } finally {
          const statement = dialect === 'mysql' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`
          await adminQuery(dialect, serverUrl(dialect)!, statement)
        }
      })
    }
  })
}

test('the sample database is listed and connects', async ({ app }) => {
  const connect = new ConnectPage(app)
  const sample = connect.item('Sample database')
  await expect(sample).toBeVisible()
  await expect(sample).toContainText('rowboat-sample.sqlite')
  await expect(sample.getByRole('img', { name: 'SQLite' })).toBeVisible()
  // Built in: it can be duplicated, not edited or deleted.
  await expect(sample.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0)
  await expect(sample.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0)
  await connect.connectSaved('Sample database')
  await connect.disconnect()
})

test('edit, duplicate and delete a saved connection (delete asks first)', async ({ app, host }) => {
  const name = `${PREFIX} edit ${suffix()}`
  await saveConnection(host, { name, url: `sqlite:///${join(host.dataDir, 'rowboat-sample.sqlite')}` })
  await app.reload()
  const connect = new ConnectPage(app)
  await connect.item(name).getByRole('button', { name: 'Edit', exact: true }).click()
  await expect(app.getByRole('form', { name: `Edit “${name}”` })).toBeVisible()
  await expect(connect.field('Name')).toHaveValue(name)
  await expect(connect.field('Database type')).toHaveValue('sqlite')

  const renamed = `${name} renamed`
  await connect.save({ name: renamed, colour: 'Red', readOnly: true })
  const item = connect.item(renamed)
  await expect(item).toBeVisible()
  await expect(item).toContainText('read-only')
  await expect(item).toHaveAttribute('data-color', '#c93030')
  await expect(connect.item(name)).toHaveCount(0)

  await item.getByRole('button', { name: 'Duplicate', exact: true }).click()
  const copy = connect.item(`${renamed} (copy)`)
  await expect(copy).toBeVisible()
  await expect(app.getByRole('status').filter({ hasText: 'Duplicated' })).toBeVisible()

  // Delete asks first; Cancel keeps it.
  await copy.getByRole('button', { name: 'Delete', exact: true }).click()
  const dialog = app.getByRole('dialog', { name: `Delete “${renamed} (copy)”?` })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(copy).toBeVisible()
  await copy.getByRole('button', { name: 'Delete', exact: true }).click()
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(copy).toHaveCount(0)

  // Deleting the connection being edited turns the form back into a new one.
  await item.getByRole('button', { name: 'Delete', exact: true }).click()
  await app.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(item).toHaveCount(0)
  await expect(app.getByRole('form', { name: 'New connection' })).toBeVisible()
})

test('the form and the connection string stay in sync, and mistakes are explained as typed', async ({ app }) => {
  const connect = new ConnectPage(app)
  await connect.pasteUrl('postgres://app@db.example/blog')
  await expect(connect.field('Host')).toHaveValue('db.example')
  await expect(connect.field('Port')).toHaveValue('5432')
  await connect.field('Port').fill('6543')
  await expect(connect.urlField).toHaveValue('postgres://app@db.example:6543/blog')
  await connect.field('Database type').selectOption('mariadb')
  await expect(connect.urlField).toHaveValue('mariadb://app@db.example:6543/blog')
  await expect(connect.field('Unix socket (optional)')).toBeVisible()
  await connect.field('Port').fill('65536')
  await expect(connect.form.getByText('The port is a whole number from 1 to 65535', { exact: false })).toBeVisible()
  await expect(connect.field('Port')).toHaveAttribute('aria-invalid', 'true')

  // A bad URL is explained beside the URL field at once; the fields it no longer names are emptied
  // and Test / Connect are off until it reads.
  for (const bad of ['postgres://app@db.example:99999/blog', 'this is not a url', 'mysq://app@db.example/blog']) {
    await connect.pasteUrl(bad)
    await expect(connect.urlField).toHaveAttribute('aria-invalid', 'true')
    await expect(connect.field('Host')).toHaveValue('')
    await expect(connect.button('Test connection')).toBeDisabled()
    await expect(connect.button('Connect')).toBeDisabled()
  }
  await connect.pasteUrl('postgres://app@db.example:99999/blog')
  await expect(connect.form.getByText('out of range', { exact: false })).toBeVisible()
  await connect.pasteUrl('postgres://app@db.example/blog')
  await expect(connect.button('Test connection')).toBeEnabled()

  // A password inside a pasted URL moves to the password field when leaving the URL field.
  await connect.pasteUrl('postgresql://app:s3cret@db.example/blog')
  await connect.field('Host').focus()
  await expect(connect.urlField).toHaveValue('postgres://app@db.example:5432/blog')
  await expect(connect.field('Password')).toHaveValue('s3cret')
  await expect(connect.form.getByText('Taken from the connection string; not shown there.')).toBeVisible()

  // Pasting a URL for another server or user never keeps the first one's password.
  await connect.pasteUrl('mysql://ux:pw@127.0.0.1:3306/test')
  await expect(connect.field('Password')).toHaveValue('pw')
  for (const other of ['postgres://other@127.0.0.1:5432/test', 'mysql://root@127.0.0.1:3306/test', 'sqlite:///app.db']) {
    await connect.pasteUrl('mysql://ux:pw@127.0.0.1:3306/test')
    await connect.pasteUrl(other)
    if (!other.startsWith('sqlite')) await expect(connect.field('Password')).toHaveValue('')
    await connect.pasteUrl('mysql://ux@127.0.0.1:3306/test')
    await expect(connect.field('Password')).toHaveValue('')
  }

  // Every control is reachable with Tab, in order.
  await connect.urlField.focus()
  const reached: string[] = []
  for (let i = 0; i < 12; i++) {
    await app.keyboard.press('Tab')
    const focused = app.locator(':focus')
    reached.push((await focused.getAttribute('aria-label')) ?? (await focused.innerText()))
  }
  expect(reached).toEqual(expect.arrayContaining(['Test connection', 'Connect']))
})

test('a test can be cancelled, and its late answer is ignored', async ({ app, host }) => {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await app.route('**/api/connections.test', async (route) => {
    await held
    await route.continue()
  })
  const connect = new ConnectPage(app)
  await connect.pasteUrl(`sqlite:///${join(host.dataDir, 'rowboat-sample.sqlite')}`)
  await connect.test()
  await expect(connect.form.getByRole('status', { name: 'Testing the connection…' })).toBeVisible()
  await connect.button('Cancel').click()
  await expect(connect.form.getByText('The test was cancelled', { exact: false })).toBeVisible()
  const answered = app.waitForResponse('**/api/connections.test')
  release()
  await answered
  await app.waitForTimeout(300)
  await expect(connect.success).toHaveCount(0)
  await expect(connect.form.getByText('The test was cancelled', { exact: false })).toBeVisible()
})

test('a corrupt saved-connections file is kept aside and the screen says so', async ({ app, host }) => {
  // Every other test deletes what it saves, so the file holds nothing of theirs at this point.
  writeFileSync(join(host.dataDir, 'connections.json'), '{"version":1,"connections":[{"id":')
  await app.reload()
  await expect(app.getByRole('alert').filter({ hasText: /could not be read; it was kept as .*connections\.json\.corrupt-/ })).toBeVisible()
  expect(readdirSync(host.dataDir).some((f) => f.startsWith('connections.json.corrupt-'))).toBe(true)
  // The list still works: the sample is there and a new connection saves.
  await expect(app.getByRole('listitem').filter({ hasText: 'Sample database' })).toBeVisible()
})

test('screenshot of the start screen after a successful test', async ({ app, host }) => {
  const dialect: Dialect = serverUrl('postgres') ? 'postgres' : 'sqlite'
  const { target, drop } = await seededDatabase(dialect, host.dataDir)
  // A couple of saved connections so the list looks like someone's (never opened).
  const examples = [
    { name: `${PREFIX}: Blog (production)`, url: 'postgres://blog@db.internal:5432/blog', color: '#c93030', readOnly: true },
    { name: `${PREFIX}: Shop (staging)`, url: 'mariadb://shop@staging.internal:3306/shop', color: '#d97706', readOnly: false },
  ]
  for (const example of examples) await hostCall(host, 'connections.save', example)
  // Show only the sample and these: other tests in this worker may have left theirs; drop the prefix for the picture.
  await app.route('**/api/connections.list', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { value: { connections: { name: string; source: string }[] } }
    body.value.connections = body.value.connections
      .filter((c) => c.source === 'sample' || c.name.startsWith(`${PREFIX}: `))
      .map((c) => ({ ...c, name: c.name.replace(`${PREFIX}: `, '') }))
    await route.fulfill({ response, json: body })
  })
  try {
    await app.reload()
    const connect = new ConnectPage(app)
    await expect(connect.item('Shop (staging)')).toBeVisible()
    await connect.pasteUrl(sqlalchemyForm(dialect, target.url))
    await connect.field('Name').fill('Blog (local)')
    await connect.form.getByRole('radio', { name: 'Green' }).check()
    await connect.test()
    await connect.expectSuccess()
    await app.locator(':focus').blur()
    await saveReadmeScreenshot(app, 'connect')
  } finally {
    await drop()
  }
})
