import { z } from 'zod'
import type { ErrorCode } from '../errors'
import type { Cell } from '../cells'
import { channel, sessionIdSchema, sessionInput } from './define'
import { exportFormatSchema, type ExportResult } from './transfer'
import { exportDestinationSchema } from './files'
import { QUERY_ROW_LIMIT, QUERY_ROW_LIMIT_MAX, QUERY_TEXT_LIMIT, QUERY_WINDOW_ROWS } from '../query-limits'

export { QUERY_ROW_LIMIT, QUERY_ROW_LIMIT_MAX, QUERY_TEXT_LIMIT, QUERY_WINDOW_ROWS } from '../query-limits'
/** The longest statement timeout a tab may set: a day. */
export const QUERY_TIMEOUT_MAX_SECONDS = 86_400

export const queryRunInput = z.object({
  sessionId: sessionIdSchema,
  /** Chosen by the caller, so query.cancel can name this run while it is still going. */
  runId: z.string().min(1).max(100),
  sql: z.string().max(QUERY_TEXT_LIMIT),
  /**
   * Offsets into `sql` (UTF-16 code units, as the editor counts): run the statements this range
   * touches; an empty range (the cursor) runs the one statement it is in. Absent: run everything.
   */
  range: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }).optional(),
  rowLimit: z.number().int().min(1).max(QUERY_ROW_LIMIT_MAX).default(QUERY_ROW_LIMIT),
  /** The Query tab running it: in manual transaction mode, its own connection and open transaction (console.ts). */
  tabId: z.string().min(1).max(64).optional(),
  /** Each statement is stopped by the database after this many seconds (error code TIMEOUT). */
  timeoutSeconds: z.number().int().min(1).max(QUERY_TIMEOUT_MAX_SECONDS).optional(),
})
export type QueryRunInput = z.input<typeof queryRunInput>

/** A place in the text sent: `offset` counts from 0 like the editor, `line` and `column` from 1 like people do. */
export interface TextPosition {
  offset: number
  line: number
  column: number
}

export interface QueryColumn {
  name: string
  /** The type the driver reports (e.g. `int8`, `NEWDECIMAL`, SQLite's storage class of the first row); informative only. */
  type: string
}

export interface QueryError {
  code: ErrorCode
  message: string
  hint?: string
  /** Where the database says the problem is, in the whole text sent (when it says). */
  position?: TextPosition
  /** The database's own error code. */
  driverCode?: string
}

export type StatementOutcome = 'rows' | 'done' | 'error' | 'cancelled'

export interface StatementResult {
  /** Position of this statement among those the text splits into (0-based). */
  index: number
  sql: string
  /** Where the statement is in the text sent. */
  start: TextPosition
  end: TextPosition
  outcome: StatementOutcome
  columns: QueryColumn[]
  /** Cells in the grid's exact form, one array per row, in column order (names may repeat). */
  rows: Cell[][]
  /** True when the statement returned more rows than `rows` holds. */
  moreRows: boolean
  /**
   * Set when the statement is still open with rows left to read: query.fetch reads on from where
   * `rows` ended, query.close lets it go. Only the last statement of a run stays open; for earlier
   * ones the rest are read, counted (`totalRows`) and dropped.
   */
  resultId?: string
  /** All rows the statement returned, when they were all read (null while it is open). */
  totalRows: number | null
  /** Rows inserted, changed or deleted; null when the statement does not say. */
  affectedRows: number | null
  durationMs: number
  /** PostgreSQL NOTICEs and MySQL warnings raised by the statement. */
  notices: string[]
  error?: QueryError
  /**
   * Set when the rows are whole rows of one base table with its primary key selected (decided by the
   * server from the columns' origin): they can be edited through records.batch like the grid's.
   */
  editable?: ResultEditable
  /** Why the rows cannot be edited (a join, an expression column, no primary key, …), for a result with rows. */
  readOnly?: string
}

export interface ResultEditable {
  /** The table the rows are from (in the session's current schema/database). */
  table: string
  /** Its primary key columns (all of them are in the result). */
  keyColumns: string[]
  /** For each result column, the table column it shows. */
  columns: string[]
}

export interface QueryRun {
  runId: string
  statements: StatementResult[]
  /** Statements not run because an earlier one failed or the run was cancelled. */
  skipped: number
  cancelled: boolean
  durationMs: number
}

export interface QueryHistoryEntry {
  sql: string
  /** ISO time the statement started. */
  at: string
  durationMs: number
  outcome: StatementOutcome
  /** Rows returned, or rows affected; null when neither applies. */
  rows: number | null
  /** The error's message when it failed. */
  error?: string
}

export interface QuerySchemaTable {
  name: string
  columns: string[]
}

export const queryCancelInput = z.object({ sessionId: sessionIdSchema, runId: z.string().min(1).max(100) })
export const queryHistoryInput = z.object({
  sessionId: sessionIdSchema,
  /** Only entries whose text contains this (case-insensitive). */
  search: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
})

export const queryFetchInput = z.object({
  sessionId: sessionIdSchema,
  resultId: z.string().min(1).max(200),
  /** How many rows to read on (ignored with `all`). */
  count: z.number().int().min(1).max(QUERY_WINDOW_ROWS).default(QUERY_ROW_LIMIT),
  /** Read to the end, counting; only the last QUERY_WINDOW_ROWS rows are answered. */
  all: z.boolean().default(false),
})
export type QueryFetchInput = z.input<typeof queryFetchInput>

export interface QueryFetched {
  /** The rows read (with `all`: the last of them). */
  rows: Cell[][]
  /** Position of rows[0] in the whole result (0-based). */
  firstRow: number
  /** Rows of the result read so far, these included. */
  rowsRead: number
  /** The result has no more rows (and is closed). */
  done: boolean
}

export const queryExportInput = z.strictObject({
  sessionId: sessionIdSchema,
  /** One SELECT (WITH … SELECT, VALUES, TABLE): run again, read-only, straight into the file. */
  sql: z.string().max(QUERY_TEXT_LIMIT),
  format: exportFormatSchema,
  destination: exportDestinationSchema,
  /** For progress events and transfer.cancel. */
  jobId: z.string().min(1).max(100),
})

export const queryCloseInput = z.object({ sessionId: sessionIdSchema, resultId: z.string().min(1).max(200) })

export const queryChannels = {
  /** Runs the text (or the statements the range touches) statement by statement; stops at the first error. */
  'query.run': channel<QueryRun>()(queryRunInput),
  /** Reads more rows of a result left open by query.run (the statement goes on where it stopped). */
  'query.fetch': channel<QueryFetched>()(queryFetchInput),
  /** Lets an open result go (stops the statement in the database); false when it was not open. */
  'query.close': channel<{ closed: boolean }>()(queryCloseInput),
  /** Writes every row of one query to a CSV or JSON Lines file (streamed; transfer.cancel stops it). */
  'query.export': channel<ExportResult>()(queryExportInput),
  /** Cancels a run in the database (pg_cancel_backend, KILL QUERY, sqlite3_interrupt); false when it had finished. */
  'query.cancel': channel<{ cancelled: boolean }>()(queryCancelInput),
  /** What this connection ran, newest first (kept in the data folder, without passwords). */
  'query.history': channel<QueryHistoryEntry[]>()(queryHistoryInput),
  /** Table and column names for the editor's completion. */
  'query.schema': channel<QuerySchemaTable[]>()(sessionInput),
}
