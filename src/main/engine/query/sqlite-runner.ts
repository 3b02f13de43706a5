import sqlite3 from 'sqlite3'
import { resolveSqliteStorage } from '../connection/connect'
import type { Session } from '../connection/sessions'
import { sqliteCell } from './shape'
import { changesRows, type ConsoleRunner, type StatementOutput } from './runner'
import { quoteIdentifier } from '../records/identifiers'

/**
 * The console on SQLite: a connection of its own to the session's file (sqlite3's public API), so
 * `PRAGMA query_only` and `interrupt()` touch only the console. An in-memory database can only be
 * reached through the session's own connection.
 *
 * sqlite3 hands every INTEGER to JS as a double, rounding those beyond 2^53. So a statement that can
 * stand as a subquery (SELECT, VALUES, WITH … SELECT) is read through a wrapper that casts integers
 * to text beside each value's storage class. Anything else (PRAGMA, INSERT … RETURNING) is read as
 * the driver gives it, and says so when an integer may have been rounded.
 */
export async function sqliteRunner(session: Session, baseDir: string): Promise<ConsoleRunner> {
  const storage = session.config.dialect === 'sqlite' ? resolveSqliteStorage(session.config.storage, baseDir) : ':memory:'
  const own = storage !== ':memory:'
  const db = own
    ? await openDatabase(storage, session.readOnly)
    : ((await session.sequelize.connectionManager.getConnection({ type: 'write' })) as sqlite3.Database)
  return {
    run: (sql, rowLimit) => runOn(db, sql, rowLimit),
    async enforceReadOnly() {
      await all(db, 'PRAGMA query_only = ON')
    },
    async cancel() {
      db.interrupt()
    },
    async release() {
      if (own) await new Promise<void>((resolve) => db.close(() => resolve()))
    },
  }
}

function openDatabase(file: string, readOnly: boolean): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const mode = readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE
    const db = new sqlite3.Database(file, mode, (error) => {
      if (error) return reject(error)
      db.configure('busyTimeout', 5000)
      // As Sequelize does for the session's own connection: the same rules apply in the console.
      db.run('PRAGMA foreign_keys = ON', (fkError) => (fkError ? reject(fkError) : resolve(db)))
    })
  })
}

function all(db: sqlite3.Database, sql: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) =>
    db.all(sql, (error: Error | null, rows: Array<Record<string, unknown>>) => (error ? reject(error) : resolve(rows))),
  )
}

const quote = (name: string): string => quoteIdentifier('sqlite', name)

async function runOn(db: sqlite3.Database, sql: string, rowLimit: number): Promise<StatementOutput> {
  const names = await columnNames(db, sql)
  if (names) return exactRows(db, sql, names, rowLimit)
  return plainStatement(db, sql, rowLimit)
}

/**
 * The columns of a statement that can be a subquery, or null when it cannot. The LEFT JOIN answers
 * one row even for an empty result, so the names are known either way; SQLite names repeated
 * columns of a subquery `a`, `a:1`, … so each can be selected.
 */
async function columnNames(db: sqlite3.Database, sql: string): Promise<string[] | null> {
  try {
    const rows = await all(db, `SELECT q.* FROM (SELECT 1) AS rowboat_one LEFT JOIN (\n${sql}\n) AS q ON 1 LIMIT 1`)
    return rows[0] ? Object.keys(rows[0]) : null
  } catch (error) {
    if (isInterrupt(error)) throw error
    return null // not a query (or a failing one: run as written, so the error is the statement's own)
  }
}

async function exactRows(db: sqlite3.Database, sql: string, names: string[], rowLimit: number): Promise<StatementOutput> {
  const list = names
    .map(
      (name, i) =>
        `CASE WHEN typeof(q.${quote(name)}) = 'integer' THEN CAST(q.${quote(name)} AS TEXT) ELSE q.${quote(name)} END AS v${i}, typeof(q.${quote(name)}) AS t${i}`,
    )
    .join(', ')
  // One row past the cap says whether more exist; the LIMIT keeps the rest unread.
  const raw = await all(db, `SELECT ${list} FROM (\n${sql}\n) AS q LIMIT ${rowLimit + 1}`)
  const rows = raw.slice(0, rowLimit).map((row) => names.map((_, i) => sqliteCell(row[`v${i}`], row[`t${i}`])))
  const firstClasses = names.map((_, i) => raw.find((row) => row[`t${i}`] !== 'null')?.[`t${i}`])
  return {
    returnsRows: true,
    columns: names.map((name, i) => ({ name, type: typeof firstClasses[i] === 'string' ? firstClasses[i] : '' })),
    rows,
    moreRows: raw.length > rowLimit,
    affectedRows: null,
    notices: [],
  }
}

async function plainStatement(db: sqlite3.Database, sql: string, rowLimit: number): Promise<StatementOutput> {
  const [before] = await all(db, 'SELECT total_changes() AS n')
  // db.all, not db.each: sqlite3 can report an each() statement's failure after its completion
  // callback. Statements that reach here (PRAGMA, DDL, DML with RETURNING) rarely return many rows.
  const raw = await all(db, sql)
  const names: string[] | null = raw[0] ? Object.keys(raw[0]) : null
  const rows: unknown[][] = raw.slice(0, rowLimit).map((row) => (names ?? []).map((name) => row[name]))
  const moreRows = raw.length > rowLimit
  const [after] = await all(db, 'SELECT total_changes() AS n, changes() AS c')
  const changed = Number(after?.n) !== Number(before?.n)
  const rounded = rows.some((row) => row.some((v) => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)))
  const returned: string[] = names ?? []
  return {
    returnsRows: returned.length > 0,
    columns: returned.map((name) => ({ name, type: '' })),
    rows: rows.map((row) => row.map((v) => sqliteCell(v, typeof v === 'number' ? 'real' : v === null ? 'null' : 'text'))),
    moreRows,
    affectedRows: changed ? Number(after?.c) : changesRows(sql) ? 0 : null,
    notices: rounded
      ? ['Some integers here are beyond 2^53 and may be rounded: the SQLite driver reads this kind of statement only as doubles.']
      : [],
  }
}

const isInterrupt = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_INTERRUPT'
