/**
 * Where a connection string lands, on the real servers: the shared servers' Unix sockets in every
 * spelling (connecting only; their configuration is never touched), PostgreSQL's defaults (OS
 * login, database named like the user), and SQLite URI filenames opened read-only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QueryTypes } from 'sequelize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSequelize } from '../../src/main/engine/connection/connect'
import { osLogin } from '../../src/main/engine/connection/local-defaults'
import { testConnection } from '../../src/main/engine/connection/test-connection'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import { AppError } from '../../src/shared/errors'
import { serverUrlFor } from './harness'

const PG_SOCKETS = '/var/run/postgresql'
const MYSQL_SOCKET = '/run/mysqld/mysqld.sock'
let dir = ''

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rowboat-targets-'))
})
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function ask<T extends object>(url: string, sql: string): Promise<T | undefined> {
  const sequelize = createSequelize(parseConnectionUrl(url), { baseDir: dir, poolMax: 1, timeoutMs: 5000 })
  try {
    return (await sequelize.query<T>(sql, { type: QueryTypes.SELECT }))[0]
  } finally {
    await sequelize.close()
  }
}

const pgUrl = serverUrlFor('postgres')
const pgSocketThere = existsSync(join(PG_SOCKETS, '.s.PGSQL.5432'))
describe.skipIf(!pgUrl || (!pgSocketThere && process.env.CI !== 'true'))('PostgreSQL over its Unix socket', () => {
  const database = pgUrl ? new URL(pgUrl).pathname.slice(1) : 'test'
  // inet_server_addr() is NULL exactly when the session came over a Unix socket.
  const sql = 'SELECT inet_server_addr() AS addr, current_database() AS db, current_user AS who'

  it.each([
    `postgresql+psycopg2://postgres@/${'DB'}?host=${PG_SOCKETS}`,
    `postgres://postgres@%2Fvar%2Frun%2Fpostgresql/DB`,
    `socket://postgres@${PG_SOCKETS}?db=DB`,
    `postgres:///DB?user=postgres`,
    `postgres://postgres@localhost/DB?host=${PG_SOCKETS}`,
  ])('%s', async (template) => {
    const row = await ask<{ addr: string | null; db: string; who: string }>(template.replace('DB', database), sql)
    expect(row).toEqual({ addr: null, db: database, who: 'postgres' })
  })

  it('without a database, opens the one named like the user (libpq)', async () => {
    const row = await ask<{ db: string }>(`postgresql://postgres@/?host=${PG_SOCKETS}`, sql)
    expect(row?.db).toBe('postgres')
  })

  it('without a user, signs in as the OS login (libpq, node-postgres), and says so when refused', async () => {
    const login = osLogin()
    try {
      const result = await testConnection(parseConnectionUrl(`postgres:///${database}`), { baseDir: dir, display: 'x', timeoutMs: 5000 })
      // This machine has a role for the login: it must be the one used.
      const row = await ask<{ who: string }>(`postgres:///${database}`, sql)
      expect(result.ok).toBe(true)
      expect(row?.who).toBe(login)
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).message).toContain(`"${login}"`)
    }
  })
})

const mysqlUrl = serverUrlFor('mysql')
describe.skipIf(!mysqlUrl || (!existsSync(MYSQL_SOCKET) && process.env.CI !== 'true'))('MariaDB over its Unix socket', () => {
  const database = mysqlUrl ? new URL(mysqlUrl).pathname.slice(1) : 'test'
  // The processlist shows "localhost" for a socket session, "127.0.0.1:port" for TCP.
  const sql = 'SELECT HOST AS host, DATABASE() AS db FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()'

  it.each([
    `mysql+pymysql://root@localhost/DB?unix_socket=${MYSQL_SOCKET}`,
    `mysql://root@/DB?socket=${MYSQL_SOCKET}`,
    `mariadb://root@127.0.0.1:1/DB?socket=${encodeURIComponent(MYSQL_SOCKET)}`,
  ])('%s', async (template) => {
    expect(await ask(template.replace('DB', database), sql)).toEqual({ host: 'localhost', db: database })
  })

  it('and over TCP when no socket is named (the check above can fail)', async () => {
    const row = await ask<{ host: string }>(mysqlUrl!, sql)
    expect(row?.host).toMatch(/^127\.0\.0\.1:\d+$/)
  })
})

describe('SQLite URI filenames', () => {
  it('mode=ro opens the file read-only: reads work, writes are refused by SQLite itself', async () => {
    const setup = createSequelize({ dialect: 'sqlite', storage: join(dir, 'app.db') }, { baseDir: dir, createSqliteFile: true })
    await setup.query('CREATE TABLE t (x INTEGER)')
    await setup.query('INSERT INTO t VALUES (1)')
    await setup.close()
    for (const url of [
      'sqlite:///file:app.db?mode=ro&uri=true',
      `sqlite:///file://${dir}/app.db?mode=ro&uri=true`,
      'sqlite:///app.db?mode=ro',
    ]) {
      const sequelize = createSequelize(parseConnectionUrl(url), { baseDir: dir })
      try {
        expect(await sequelize.query('SELECT x FROM t', { type: QueryTypes.SELECT })).toEqual([{ x: 1 }])
        await expect(sequelize.query('INSERT INTO t VALUES (2)')).rejects.toThrow(/readonly/i)
      } finally {
        await sequelize.close()
      }
    }
  })
})
