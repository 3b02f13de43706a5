import { createHash } from 'node:crypto'
import { Transaction, type Sequelize } from 'sequelize'
import { AppError } from '../../../shared/errors'
import { dialectOf } from './catalog'

/**
 * A lock held for a whole migration run, so two runners on one database (two windows, two
 * machines, a deploy script) never apply a migration twice.
 *
 * MySQL/MariaDB GET_LOCK and PostgreSQL advisory locks belong to a CONNECTION, so the lock is
 * taken on one connection pinned out of the pool for the run and released on that same
 * connection. SQLite has no such lock: the run holds a write (IMMEDIATE) transaction instead,
 * which SQLite itself guards across processes and drops if the process dies (no stale locks).
 */
export interface RunLock {
  /** SQLite only: the write transaction that IS the lock; every statement of the run goes through it. */
  readonly transaction: Transaction | undefined
  /** SQLite: commits what the run kept. Servers: releases the lock and returns the connection. */
  release(): Promise<void>
}

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000
const POLL_MS = 150
/** One fixed key for pg advisory locks; they are scoped to the database already. */
const PG_LOCK_KEY = '7212839045512309'

interface MysqlRawConnection {
  query(sql: string, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void
}
interface PgRawClient {
  query(sql: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>
}

export async function acquireRunLock(sequelize: Sequelize, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS): Promise<RunLock> {
  const dialect = dialectOf(sequelize)
  if (dialect === 'sqlite') return acquireSqliteLock(sequelize, timeoutMs)
  const connection = await sequelize.connectionManager.getConnection({ type: 'write' })
  // Typed as void, but Sequelize 6's releaseConnection is async: wait for it either way.
  const returnConnection = (): Promise<void> => Promise.resolve(sequelize.connectionManager.releaseConnection(connection))
  try {
    if (dialect === 'mysql') {
      const raw = connection as unknown as MysqlRawConnection
      const name = mysqlLockName(sequelize.config.database)
      // GET_LOCK waits up to the given seconds itself: 1 = got it, 0 = timed out.
      const rows = await mysqlQuery(raw, 'SELECT GET_LOCK(?, ?) AS locked', [name, Math.max(1, Math.ceil(timeoutMs / 1000))])
      if (Number(rows[0]?.locked) !== 1) throw lockTimeout(timeoutMs)
      return {
        transaction: undefined,
        release: async () => {
          try {
            await mysqlQuery(raw, 'SELECT RELEASE_LOCK(?)', [name])
          } finally {
            await returnConnection()
          }
        },
      }
    }
    const raw = connection as unknown as PgRawClient
    await pollUntil(timeoutMs, async () => {
      const { rows } = await raw.query(`SELECT pg_try_advisory_lock(${PG_LOCK_KEY}) AS locked`, [])
      return rows[0]?.locked === true
    })
    return {
      transaction: undefined,
      release: async () => {
        try {
          await raw.query(`SELECT pg_advisory_unlock(${PG_LOCK_KEY})`, [])
        } finally {
          await returnConnection()
        }
      },
    }
  } catch (error) {
    await returnConnection()
    throw error
  }
}

interface SqliteHandle {
  configure(option: 'busyTimeout', milliseconds: number): void
}
/** The two Sequelize 6 internals the SQLite lock needs (stable across 6.x; pinned in package.json). */
interface SqliteTransactionInternals {
  id: string
  prepareEnvironment(useCls: boolean): Promise<void>
}

async function acquireSqliteLock(sequelize: Sequelize, timeoutMs: number): Promise<RunLock> {
  // sequelize.transaction() would BEGIN on a fresh connection whose busy timeout is sqlite3's 1 s,
  // then fail (logging a warning) while another process writes. So: open the transaction's own
  // connection first (Sequelize keys it by the transaction id), give it our bound as busy timeout,
  // and let SQLite itself wait for the write lock while BEGIN IMMEDIATE runs.
  const transaction = new Transaction(sequelize, { type: Transaction.TYPES.IMMEDIATE })
  const internals = transaction as unknown as SqliteTransactionInternals
  const manager = sequelize.connectionManager as unknown as { getConnection(options: { uuid: string }): Promise<SqliteHandle> }
  const connection = await manager.getConnection({ uuid: internals.id })
  connection.configure('busyTimeout', timeoutMs)
  try {
    await internals.prepareEnvironment(false)
  } catch (error) {
    // A failed BEGIN rolls back and closes the connection (Sequelize's own clean-up).
    throw isSqliteBusy(error) ? lockTimeout(timeoutMs) : error
  }
  let released = false
  return {
    transaction,
    release: async () => {
      if (released) return
      released = true
      // Sequelize marks the transaction finished and frees its connection even when COMMIT fails.
      await transaction.commit()
    },
  }
}

/** Calls `attempt` until it answers true; throws the lock time-out after `timeoutMs`. */
async function pollUntil(timeoutMs: number, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await attempt()) return
    if (Date.now() >= deadline) throw lockTimeout(timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function lockTimeout(timeoutMs: number): AppError {
  return new AppError({
    code: 'TIMEOUT',
    message: `Another runner is applying migrations to this database; gave up waiting for it after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
    hint: 'Wait for the other run to finish (another Rowboat window, or a deploy script), then look at the migration status again.',
  })
}

function isSqliteBusy(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { parent?: { code?: string } }).parent?.code ?? '')}` : ''
  return /SQLITE_BUSY|database is locked/i.test(text)
}

/** GET_LOCK names are server-wide (and at most 64 characters): scope ours to the database. */
function mysqlLockName(database: string): string {
  const name = `rowboat_migrations:${database}`
  return name.length <= 64 ? name : `rowboat_migrations:${createHash('sha1').update(database).digest('hex')}`
}

function mysqlQuery(connection: MysqlRawConnection, sql: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    connection.query(sql, values, (error, rows) => {
      if (error) reject(error)
      else resolve(Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [])
    })
  })
}
