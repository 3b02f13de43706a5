import sqlite3 from 'sqlite3'
import { resolveSqliteStorage } from '../connection/connect'
import type { Session } from '../connection/sessions'
import { keepWholeBinary, sqliteCell } from './shape'
import type { ColumnKind } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'
import { changesRows, StatementTimeoutError, type ConsoleRunner, type RowSource, type StatementOutput } from './runner'
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
  let timeoutMs: number | null = null
  return {
    async run(sql, rowLimit, options) {
      if (timeoutMs === null) return runOn(db, sql, rowLimit, options?.wholeBinary ?? false)
      // SQLite has no statement timeout of its own: a timer interrupts the statement, as Cancel does.
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        db.interrupt()
      }, timeoutMs)
      try {
        return await runOn(db, sql, rowLimit, options?.wholeBinary ?? false)
      } catch (error) {
        throw timedOut && isInterrupt(error) ? new StatementTimeoutError() : error
      } finally {
        clearTimeout(timer)
      }
    },
    async enforceReadOnly() {
      await all(db, 'PRAGMA query_only = ON')
    },
    async setStatementTimeout(seconds) {
      timeoutMs = seconds === null ? null : seconds * 1000
    },
    async cancel() {
      db.interrupt()
    },
    // The console's own handle on a local file: nothing can take it away but closing it.
    alive: () => true,
    async rollBackLeftOpen() {
      // SQLite cannot be asked whether a transaction is open (sqlite3_get_autocommit is not in node-sqlite3), but BEGIN fails inside one.
      const open = await all(db, 'BEGIN').then(
        () => false,
        () => true,
      )
      await all(db, open ? 'ROLLBACK' : 'COMMIT')
      return open
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

async function runOn(db: sqlite3.Database, sql: string, rowLimit: number, wholeBinary: boolean): Promise<StatementOutput> {
  const names = await columnNames(db, sql)
  if (names) return exactRows(db, sql, names, rowLimit, wholeBinary)
  return plainStatement(db, sql, rowLimit)
}

/**
 * The columns of a statement that can be a subquery, or null when it cannot: from its first row
 * (read alone, so a big result is not run through), or for an empty result through a LEFT JOIN that
 * answers one row anyway (SQLite may build the whole subquery for that join, hence not first).
 * SQLite names repeated columns of a subquery `a`, `a:1`, … so each can be selected.
 */
async function columnNames(db: sqlite3.Database, sql: string): Promise<string[] | null> {
  try {
    const [first] = await all(db, `SELECT q.* FROM (\n${sql}\n) AS q LIMIT 1`)
    if (first) return Object.keys(first)
    const rows = await all(db, `SELECT q.* FROM (SELECT 1) AS rowboat_one LEFT JOIN (\n${sql}\n) AS q ON 1 LIMIT 1`)
    return rows[0] ? Object.keys(rows[0]) : null
  } catch (error) {
    if (isInterrupt(error)) throw error
    return null // not a query (or a failing one: run as written, so the error is the statement's own)
  }
}

async function exactRows(
  db: sqlite3.Database,
  sql: string,
  names: string[],
  rowLimit: number,
  wholeBinary: boolean,
): Promise<StatementOutput> {
  const list = names
    .map(
      (name, i) =>
        `CASE WHEN typeof(q.${quote(name)}) = 'integer' THEN CAST(q.${quote(name)} AS TEXT) ELSE q.${quote(name)} END AS v${i}, typeof(q.${quote(name)}) AS t${i}`,
    )
    .join(', ')
  const steps = await SteppedRows.prepare(db, `SELECT ${list} FROM (\n${sql}\n) AS q`, names.length, wholeBinary)
  const page = await steps.next(rowLimit)
  return {
    returnsRows: true,
    columns: names.map((name, i) => ({ name, type: steps.storageClasses[i] ?? '' })),
    kinds: names.map((_, i) => STORAGE_KINDS[steps.storageClasses[i] ?? ''] ?? 'other'),
    rows: page.rows,
    moreRows: !page.done,
    affectedRows: null,
    notices: [],
    more: page.done ? null : steps,
  }
}

type StepRow = Record<string, unknown>
/** A SQLite storage class → the kind a file writer treats the column as. */
const STORAGE_KINDS: Record<string, ColumnKind> = { integer: 'integer', real: 'float', text: 'text', blob: 'binary' }
/** Rows handed on at a time while reading to the end. */
const READ_ALL_BATCH = 2000
/** Rows one pass reads while reading to the end (each pass skips what the earlier ones read). */
const READ_ALL_PASS = 50_000

/**
 * A prepared statement read a row per step (sqlite3's `get` goes on from where the last one
 * stopped), so only the rows asked for are ever read. `each` cannot stop and `all` keeps everything.
 * One row is read ahead, to know whether more exist; the calls are queued together, so the
 * statement steps on without waiting for each answer.
 */
class SteppedRows implements RowSource {
  /** Each column's storage class in the first row where it is not NULL. */
  readonly storageClasses: Array<string | undefined>
  private ahead: StepRow | undefined
  private ended = false
  private finalized: Promise<void> | null = null
  /** Rows handed over so far (the one read ahead not counted). */
  private position = 0

  private constructor(
    private readonly db: sqlite3.Database,
    private readonly sql: string,
    private readonly statement: sqlite3.Statement,
    private readonly width: number,
    private readonly wholeBinary: boolean,
  ) {
    this.storageClasses = new Array<string | undefined>(width)
  }

  static prepare(db: sqlite3.Database, sql: string, width: number, wholeBinary: boolean): Promise<SteppedRows> {
    return new Promise((resolve, reject) => {
      const statement: sqlite3.Statement = db.prepare(sql, (error: Error | null) =>
        error ? reject(error) : resolve(new SteppedRows(db, sql, statement, width, wholeBinary)),
      )
    })
  }

  async next(count: number): Promise<{ rows: Cell[][]; done: boolean }> {
    const raw: StepRow[] = this.ahead ? [this.ahead] : []
    this.ahead = undefined
    if (!this.ended) {
      const wanted = count + 1 - raw.length
      const stepped = await Promise.all(Array.from({ length: wanted }, () => this.step()))
      for (const row of stepped) if (row) raw.push(row)
      if (raw.length <= count) this.ended = true
    }
    if (raw.length > count) this.ahead = raw.pop()
    const done = this.ended && this.ahead === undefined
    if (done) await this.close()
    this.position += raw.length
    return { rows: raw.map((row) => this.cells(row)), done }
  }

  /**
   * The rest: the statement again, skipping the rows already handed over, with `each` (a row per
   * callback, no round trip per row). While the stepped statement is still open, this connection's
   * read transaction is too, so each pass reads the same snapshot in the same order.
   */
  async readAll(onRows: (rows: Cell[][]) => void): Promise<void> {
    // In passes of a bounded number of rows: `each` steps on without waiting for the callbacks,
    // so one pass over everything would queue rows faster than they are taken.
    while (!(this.ended && this.ahead === undefined)) {
      let batch: Cell[][] = []
      let read = 0
      await new Promise<void>((resolve, reject) =>
        this.db.each(
          `SELECT * FROM (\n${this.sql}\n) LIMIT ? OFFSET ?`,
          [READ_ALL_PASS, this.position],
          (error: Error | null, row: StepRow) => {
            if (error) return
            read++
            batch.push(this.cells(row))
            if (batch.length >= READ_ALL_BATCH) {
              onRows(batch)
              batch = []
            }
          },
          (error: Error | null) => (error ? reject(error) : resolve()),
        ),
      )
      if (batch.length > 0) onRows(batch)
      this.position += read
      if (read < READ_ALL_PASS) await this.close()
    }
  }

  private cells(row: StepRow): Cell[] {
    for (let i = 0; i < this.width; i++)
      if (this.storageClasses[i] === undefined && row[`t${i}`] !== 'null') this.storageClasses[i] = String(row[`t${i}`])
    return Array.from({ length: this.width }, (_, i) => {
      const cell = sqliteCell(row[`v${i}`], row[`t${i}`])
      return this.wholeBinary ? keepWholeBinary(row[`v${i}`], cell) : cell
    })
  }

  close(): Promise<void> {
    this.ended = true
    this.ahead = undefined
    this.finalized ??= new Promise((resolve) => this.statement.finalize(() => resolve()))
    return this.finalized
  }

  private step(): Promise<StepRow | undefined> {
    return new Promise((resolve, reject) =>
      this.statement.get((error: Error | null, row: StepRow | undefined) => (error ? reject(error) : resolve(row))),
    )
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
    kinds: returned.map(() => 'other' as const),
    rows: rows.map((row) => row.map((v) => sqliteCell(v, typeof v === 'number' ? 'real' : v === null ? 'null' : 'text'))),
    moreRows,
    affectedRows: changed ? Number(after?.c) : changesRows(sql) ? 0 : null,
    notices: rounded
      ? ['Some integers here are beyond 2^53 and may be rounded: the SQLite driver reads this kind of statement only as doubles.']
      : [],
    more: null,
  }
}

const isInterrupt = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_INTERRUPT'
