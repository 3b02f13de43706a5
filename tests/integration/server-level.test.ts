/**
 * MySQL without a database (issue 13): `mysql+pymysql://root@127.0.0.1:3306` opens a server-level
 * session, as PyMySQL and mysql2 connect with none selected. Test connection lists the databases
 * instead of counting tables; the session lists them (the user's own first) and opens the one
 * picked as a session of its own, closing the server-level one. Against the shared MariaDB.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import { adminQuery, createServerDatabase } from '../support/databases'
import { apiCalls, failure } from './api-calls'
import { serverUrlFor } from './harness'

const mysqlUrl = serverUrlFor('mysql')
if (!mysqlUrl && process.env.CI === 'true') throw new Error('CI must run this test: set TEST_MYSQL_URL')

let api: Api
let dir = ''
let db: Awaited<ReturnType<typeof createServerDatabase>>

const { invoke, value } = apiCalls(() => api)

/** The shared server's URL without its database: what a server-level connection string looks like. */
const serverOnly = () => mysqlUrl!.replace(/^mysql:/, 'mysql+pymysql:').replace(/\/[^/?]*(\?.*)?$/, '')

describe.skipIf(!mysqlUrl)('MySQL without a database: a server-level session', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rowboat-server-level-'))
    api = createApi({ baseDir: dir })
    db = await createServerDatabase('mysql', mysqlUrl!)
    await adminQuery('mysql', db.url, 'CREATE TABLE boats (id INT PRIMARY KEY, name VARCHAR(20))')
    await adminQuery('mysql', db.url, "INSERT INTO boats VALUES (1, 'dinghy')")
  }, 30_000)

  afterAll(async () => {
    await api?.engine.shutdown()
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('Test connection lists the databases instead of counting tables', async () => {
    expect(serverOnly()).toMatch(/^mysql\+pymysql:\/\/[^/]+$/)
    const result = await value('connections.test', { url: serverOnly() })
    expect(result.database).toBe('')
    const names = result.databases?.map((d) => d.name) ?? []
    expect(names).toContain(db.name)
    expect(result.databases?.find((d) => d.name === 'information_schema')?.system).toBe(true)
    // The user's own databases come before the server's.
    const firstSystem = result.databases!.findIndex((d) => d.system)
    expect(result.databases!.slice(firstSystem).every((d) => d.system)).toBe(true)
  })

  it('opens as a server-level session, lists the databases, and opens the one picked', async () => {
    const server = await value('sessions.open', { url: serverOnly() })
    expect(server.serverLevel).toBe(true)
    const databases = await value('sessions.databases', { sessionId: server.sessionId })
    expect(databases.map((d) => d.name)).toContain(db.name)

    const missing = failure(await invoke('sessions.useDatabase', { sessionId: server.sessionId, database: `${db.name}_nope` }))
    expect(missing.code).toBe('DATABASE_NOT_FOUND')

    const picked = await value('sessions.useDatabase', { sessionId: server.sessionId, database: db.name })
    expect(picked).toMatchObject({ database: db.name, dialect: 'mysql' })
    expect(picked.serverLevel).toBeUndefined()
    expect(picked.display).toContain(`/${db.name}`)
    const page = await value('records.page', { sessionId: picked.sessionId, table: 'boats' })
    expect(page.rows).toHaveLength(1)
    // The server-level session is gone; a database session is not server-level.
    expect((await value('sessions.list', {})).map((s) => s.sessionId)).not.toContain(server.sessionId)
    expect(failure(await invoke('sessions.databases', { sessionId: picked.sessionId })).code).toBe('INVALID_INPUT')
    await value('sessions.close', { sessionId: picked.sessionId })
  })

  it('Create database refuses a URL that names none, rather than running CREATE DATABASE ``', async () => {
    const error = failure(await invoke('connections.createDatabase', { url: serverOnly() }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(/names no database/)
  })
})
