import type { ColumnKind, QueryColumn } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'

export interface RunOptions {
  /** Binary cells with all their bytes (for a file), not the grid's preview. */
  wholeBinary?: boolean
}

/** What one statement gave back, before timing and errors are added. */
export interface StatementOutput {
  returnsRows: boolean
  columns: QueryColumn[]
  /** The codec's kind each column was read with (what a file writer needs to know of it). */
  kinds: ColumnKind[]
  rows: Cell[][]
  moreRows: boolean
  affectedRows: number | null
  notices: string[]
  /** Where each column comes from, as the driver says (PostgreSQL, MySQL); none for SQLite. */
  origins?: ColumnOrigin[]
  /** The statement's rows after `rows`, still unread, when it has more: the runner's connection is busy until it ends or is closed. */
  more: RowSource | null
}

/** A result column's source as the server describes it: PostgreSQL's table OID and attribute number, MySQL's database, table and column. */
export type ColumnOrigin = { tableId: number; columnId: number } | { database: string; table: string; column: string }

/** The rest of a statement's rows, read a page at a time (the database waits in between). */
export interface RowSource {
  /** Up to `count` more rows; `done` once the last has been read (the statement has then ended). */
  next(count: number): Promise<{ rows: Cell[][]; done: boolean }>
  /** Stops the statement in the database and waits until the connection is free again. */
  close(): Promise<void>
  /**
   * Reads every remaining row, handing them over in batches, faster than page by page where the
   * driver allows (SQLite); `next` is used otherwise. The source is done afterwards.
   */
  readAll?(onRows: (rows: Cell[][]) => void): Promise<void>
}

/**
 * One console connection, held for a whole run (so session state such as SET, temporary tables and
 * a read-only mode carries from one statement to the next), with a way to stop it from outside.
 */
export interface ConsoleRunner {
  run(sql: string, rowLimit: number, options?: RunOptions): Promise<StatementOutput>
  /** Makes the database itself refuse writes on this connection; run before every statement, since a statement may undo it. */
  enforceReadOnly(): Promise<void>
  /**
   * Makes the database stop each following statement after `seconds` (null: no limit): PostgreSQL
   * `statement_timeout`, MariaDB `max_statement_time`, MySQL `max_execution_time`, SQLite an
   * interrupt timer. Issues SQL only when the value changes; a pooled connection is reset on release.
   */
  setStatementTimeout(seconds: number | null): Promise<void>
  /** Stops the statement in flight, in the database (not just by ceasing to wait for it). */
  cancel(): Promise<void>
  /** False once the connection is gone (the server ended it, the network dropped): its transaction is lost. */
  alive(): boolean
  /**
   * A pooled connection only (the pool lends it to the grid next): rolls back a transaction the
   * user's SQL began and left open, and answers whether there was one. A tab in manual-commit mode
   * keeps its own connection, and its transaction, instead.
   */
  rollBackLeftOpen?(): Promise<boolean>
  /**
   * A pooled connection only: whether, as far as the last reply said, the user's SQL has a transaction
   * open (answered without asking the database, which may be busy streaming a result).
   */
  transactionOpen?(): boolean
  /** Gives the connection back; any open RowSource must be closed first. A pooled connection's open transaction is rolled back. */
  release(): Promise<void>
}

/** How a runner gets its connection: lent by the session's pool for one run, or one of its own held by a Query tab. */
export interface RunnerOptions {
  dedicated: boolean
}

/** Thrown by a runner whose own timer stopped the statement (SQLite); mapped to TIMEOUT. */
export class StatementTimeoutError extends Error {
  readonly code = 'ROWBOAT_TIMEOUT'
  constructor() {
    super('The statement timed out.')
  }
}

/** What Sequelize's connection manager offers beyond its typings: the pool's own connect and disconnect, hooks included. */
export interface ConnectionManagerInternals {
  config: unknown
  _connect(config: unknown): Promise<unknown>
  _disconnect(connection: unknown): Promise<void>
  getConnection(options: { type: 'write' }): Promise<unknown>
  releaseConnection(connection: unknown): void
}

/** Statements that change rows, read from the first keyword: used only to say "0 rows" rather than nothing. */
export const changesRows = (sql: string): boolean =>
  /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(insert|update|delete|replace|merge)\b/i.test(sql)
