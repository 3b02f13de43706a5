/**
 * Plain-driver helpers for tests (vitest and Playwright alike): independent of the code under test,
 * so tests can set up databases and act "behind the app's back".
 */
import mysql from 'mysql2/promise'
import pg from 'pg'
import { randomBytes } from 'node:crypto'
import type { Dialect } from '../../src/shared/connection-types'

/** The server URL with its database path replaced. */
export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl)
  u.pathname = `/${database}`
  return u.toString()
}

export async function adminQuery(dialect: Exclude<Dialect, 'sqlite'>, serverUrl: string, sql: string): Promise<void> {
  await rawQuery(dialect, serverUrl, sql)
}

/** Plain-driver SQL, independent of the code under test. */
export async function rawQuery(dialect: Dialect, url: string, sql: string): Promise<unknown[]> {
  if (dialect === 'mysql') {
    const conn = await mysql.createConnection({
      uri: url.replace(/^mariadb:/, 'mysql:'),
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      multipleStatements: true,
    })
    try {
      const [rows] = await conn.query(sql)
      return Array.isArray(rows) ? rows : []
    } finally {
      await conn.end()
    }
  }
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const res = await client.query(sql)
      return Array.isArray(res) ? res.flatMap((r: pg.QueryResult) => r.rows) : res.rows
    } finally {
      await client.end()
    }
  }
  const sqlite3 = (await import('sqlite3')).default
  const file = url.replace(/^sqlite:/, '')
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (openError) => {
      if (openError) return reject(openError)
      db.all(sql, (error: Error | null, rows: unknown[]) => {
        db.close()
        if (error) reject(error)
        else resolve(rows ?? [])
      })
    })
  })
}

/** Creates an empty database on the server; answers its URL and how to drop it. */
export async function createServerDatabase(
  dialect: Exclude<Dialect, 'sqlite'>,
  serverUrl: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `rowboat_t_${randomBytes(5).toString('hex')}`
  await adminQuery(
    dialect,
    serverUrl,
    dialect === 'mysql' ? `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4` : `CREATE DATABASE "${name}"`,
  )
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () =>
      adminQuery(
        dialect,
        serverUrl,
        dialect === 'mysql' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      ),
  }
}
