/**
 * One integration suite, run once per dialect, each on a fresh database of its own:
 * SQLite always; MariaDB/MySQL when TEST_MYSQL_URL is set; PostgreSQL when TEST_PG_URL is set.
 * Under CI=true a missing variable is a failure, not a skip.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { Dialect } from '../../src/shared/connection-types'
import { AppError } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'

export const DIALECTS: Dialect[] = ['sqlite', 'mysql', 'postgres']
const ENV: Record<Exclude<Dialect, 'sqlite'>, string> = { mysql: 'TEST_MYSQL_URL', postgres: 'TEST_PG_URL' }

export interface DialectContext {
  dialect: Dialect
  /** URL of a fresh, empty database for this suite (set in beforeAll). */
  url: string
  /** For SQLite: the folder the database file lives in. */
  dir: string
  api: Api
  /** Calls a channel through the router; throws the AppError on failure. */
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>
  /** Calls a channel through the router; answers the raw Result. */
  result<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>
  /** Opens a session on the suite's database. */
  open(): Promise<string>
  /** Runs raw SQL on the suite's database with the plain driver (to act "behind the app's back"). */
  raw(sql: string): Promise<unknown[]>
  /** Another fresh database of the same dialect (dropped after the suite). */
  freshDatabase(): Promise<string>
}

export function serverUrlFor(dialect: Exclude<Dialect, 'sqlite'>): string | undefined {
  return process.env[ENV[dialect]] || undefined
}

/** `describeDialects('records', (t) => { it(...) })`: registers the suite once per available dialect. */
export function describeDialects(title: string, body: (t: DialectContext) => void, only: Dialect[] = DIALECTS): void {
  for (const dialect of only) {
    const envName = dialect === 'sqlite' ? null : ENV[dialect]
    if (envName && !process.env[envName]) {
      if (process.env.CI === 'true') {
        describe(`${title} [${dialect}]`, () => {
          it(`needs ${envName}`, () => {
            throw new Error(`${envName} is not set: under CI every dialect must run.`)
          })
        })
      } else {
        console.warn(`[rowboat tests] ${title} [${dialect}] skipped: set ${envName} to run it.`)
        describe.skip(`${title} [${dialect}] (set ${envName})`, () => body({} as DialectContext))
      }
      continue
    }
    describe(`${title} [${dialect}]`, () => {
      const t = createContext(dialect)
      beforeAll(async () => {
        await t.setup()
      })
      afterAll(async () => {
        await t.teardown()
      })
      body(t.context)
    })
  }
}

function createContext(dialect: Dialect) {
  const cleanups: Array<() => Promise<void>> = []
  const dir = mkdtempSync(join(tmpdir(), `rowboat-${dialect}-`))
  const api = createApi({ baseDir: dir, log: () => undefined })
  let url = ''

  const freshDatabase = async (): Promise<string> => {
    const name = `rowboat_t_${randomBytes(5).toString('hex')}`
    if (dialect === 'sqlite') {
      const file = join(dir, `${name}.sqlite`)
      writeFileSync(file, '') // an empty file is an empty SQLite database
      return `sqlite:${file}`
    }
    const server = serverUrlFor(dialect)!
    await adminQuery(dialect, server, dialect === 'mysql' ? `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4` : `CREATE DATABASE "${name}"`)
    cleanups.push(() =>
      adminQuery(dialect, server, dialect === 'mysql' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    )
    return withDatabase(server, name)
  }

  const result = <C extends ChannelName>(channel: C, input: InputOf<C>) =>
    api.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>

  const context: DialectContext = {
    dialect,
    dir,
    api,
    get url() {
      return url
    },
    result,
    async call(channel, input) {
      const answer = await result(channel, input)
      if (!answer.ok) throw new AppError(answer.error)
      return answer.value
    },
    async open() {
      const info = await context.call('sessions.open', { url })
      return info.sessionId
    },
    raw: (sql) => rawQuery(dialect, url, sql),
    freshDatabase,
  } as DialectContext

  return {
    context,
    async setup() {
      url = await freshDatabase()
    },
    async teardown() {
      await api.engine.shutdown()
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The server URL with its database path replaced. */
export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl)
  u.pathname = `/${database}`
  return u.toString()
}

async function adminQuery(dialect: Exclude<Dialect, 'sqlite'>, serverUrl: string, sql: string): Promise<void> {
  await rawQuery(dialect, serverUrl, sql)
}

/** Plain-driver SQL, independent of the code under test. */
export async function rawQuery(dialect: Dialect, url: string, sql: string): Promise<unknown[]> {
  if (dialect === 'mysql') {
    const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:'), supportBigNumbers: true, bigNumberStrings: true, dateStrings: true, multipleStatements: true })
    try {
      const [rows] = await conn.query(sql)
      return Array.isArray(rows) ? (rows as unknown[]) : []
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
