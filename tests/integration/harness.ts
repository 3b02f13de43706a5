/**
 * One integration suite, run once per dialect, each on a fresh database of its own:
 * SQLite always; MariaDB/MySQL when TEST_MYSQL_URL is set; PostgreSQL when TEST_PG_URL is set.
 * Under CI=true a missing variable is a failure, not a skip.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import { sqliteCsvExtensionIn } from '../../src/main/host/bundled-files'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { Dialect } from '../../src/shared/connection-types'
import { AppError } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'
import { createServerDatabase, rawQuery } from '../support/databases'

export { rawQuery, withDatabase } from '../support/databases'

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

/** The server URL, or undefined to skip; under CI a missing one fails the file that asks. */
export function serverUrlFor(dialect: Exclude<Dialect, 'sqlite'>): string | undefined {
  const url = process.env[ENV[dialect]] || undefined
  if (!url && process.env.CI === 'true') throw new Error(`${ENV[dialect]} is not set: under CI every dialect must run.`)
  return url
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

/** Built by npm install in this checkout (scripts/build-sqlite-csv.mjs). */
const SQLITE_CSV_EXTENSION = sqliteCsvExtensionIn(join(dirname(fileURLToPath(import.meta.url)), '..', '..'))

function createContext(dialect: Dialect) {
  const cleanups: Array<() => Promise<void>> = []
  const dir = mkdtempSync(join(tmpdir(), `rowboat-${dialect}-`))
  // Imports parse on their own thread and SQLite exports write CSV by the extension, as in the app.
  const api = createApi({ baseDir: dir, log: () => undefined, csvWorker: inject('csvWorker'), sqliteCsvExtension: SQLITE_CSV_EXTENSION })
  if (!api.engine.csvWorker) throw new Error(`the CSV reading thread's bundle is missing: ${inject('csvWorker')}`)
  if (!api.engine.sqliteCsvExtension)
    throw new Error(`the SQLite CSV extension is missing: ${SQLITE_CSV_EXTENSION}; build it: npm run build:native`)
  let url = ''

  const freshDatabase = async (): Promise<string> => {
    if (dialect === 'sqlite') {
      const file = join(dir, `rowboat_t_${randomBytes(5).toString('hex')}.sqlite`)
      writeFileSync(file, '') // an empty file is an empty SQLite database
      return `sqlite:${file}`
    }
    const created = await createServerDatabase(dialect, serverUrlFor(dialect)!)
    cleanups.push(created.drop)
    return created.url
  }

  const result = <C extends ChannelName>(channel: C, input: InputOf<C>) => api.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>

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
  }

  return {
    context,
    async setup() {
      url = await freshDatabase()
    },
    async teardown() {
      await api.engine.shutdown()
      await api.log.close()
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
