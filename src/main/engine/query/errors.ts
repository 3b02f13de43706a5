import type { Dialect } from '../../../shared/connection-types'
import type { QueryError } from '../../../shared/contract'
import type { ErrorCode } from '../../../shared/errors'
import type { SplitStatement } from './split'
import { positionAt } from './split'

interface DriverFields {
  code?: unknown
  errno?: unknown
  message?: unknown
  position?: unknown
  sqlMessage?: unknown
}

const field = (error: unknown, key: keyof DriverFields): unknown =>
  typeof error === 'object' && error !== null ? (error as DriverFields)[key] : undefined

/** SQLSTATE / errno / sqlite code → the API's stable codes; everything else is QUERY_FAILED. */
function codeOf(dialect: Dialect, code: string, errno: number | null, message: string): ErrorCode {
  if (code === 'ROWBOAT_TIMEOUT') return 'TIMEOUT' // a runner's own timer (SQLite)
  if (dialect === 'postgres') {
    if (code === '57014') return /statement timeout/.test(message) ? 'TIMEOUT' : 'CANCELLED'
    if (code === '25006' || code === '42501') return 'PERMISSION_DENIED' // read-only transaction, insufficient privilege
    if (code === '23505') return 'UNIQUE_VIOLATION'
    if (code === '23503') return 'FK_VIOLATION'
    if (code === '42P01') return 'TABLE_NOT_FOUND'
    if (code === '42703') return 'COLUMN_NOT_FOUND'
  } else if (dialect === 'mysql') {
    if (errno === 1317) return 'CANCELLED' // ER_QUERY_INTERRUPTED
    if (errno === 1969 || errno === 3024) return 'TIMEOUT' // MariaDB max_statement_time, MySQL max_execution_time
    if (errno === 1792 || errno === 1142 || errno === 1143 || errno === 1044 || errno === 1227) return 'PERMISSION_DENIED'
    if (errno === 1062) return 'UNIQUE_VIOLATION'
    if (errno === 1451 || errno === 1452) return 'FK_VIOLATION'
    if (errno === 1146) return 'TABLE_NOT_FOUND'
    if (errno === 1054) return 'COLUMN_NOT_FOUND'
  } else {
    if (code === 'SQLITE_INTERRUPT') return 'CANCELLED'
    if (code === 'SQLITE_READONLY') return 'PERMISSION_DENIED'
    if (code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(message)) return 'UNIQUE_VIOLATION'
    if (code === 'SQLITE_CONSTRAINT' && /FOREIGN KEY/.test(message)) return 'FK_VIOLATION'
    if (/no such table/.test(message)) return 'TABLE_NOT_FOUND'
    if (/no such column/.test(message)) return 'COLUMN_NOT_FOUND'
  }
  return 'QUERY_FAILED'
}

/**
 * MySQL's syntax errors quote the statement from the failing token on ("… near 'x where' at line 2");
 * where that text is found on the line (or after it), the column is its start, else the line's.
 */
function nearColumn(message: string, sql: string, lineStart: number): number {
  const near = /near '([\s\S]*)' at line \d+\s*$/.exec(message)?.[1]
  if (!near) return 0
  const at = sql.indexOf(near, lineStart)
  return at >= 0 ? at - lineStart : 0
}

/**
 * A statement's failure as a value naming where it happened: PostgreSQL gives a character position
 * in the statement, MySQL a line ("… at line 2"); both are turned into a place in the whole text.
 * SQLite gives none, so the statement's own start is the place.
 */
export function statementError(
  error: unknown,
  dialect: Dialect,
  statement: SplitStatement,
  text: string,
  scrub: (s: string) => string,
): QueryError {
  const rawMessage = String(field(error, 'message') ?? error)
  const code = typeof field(error, 'code') === 'string' ? String(field(error, 'code')) : ''
  const errno = typeof field(error, 'errno') === 'number' ? Number(field(error, 'errno')) : null
  const appCode = codeOf(dialect, code, errno, rawMessage)
  const result: QueryError = { code: appCode, message: scrub(rawMessage), position: statement.start }
  if ((code && code !== 'ROWBOAT_TIMEOUT') || errno !== null) result.driverCode = code || String(errno)
  const pgPosition = Number(field(error, 'position'))
  if (dialect === 'postgres' && Number.isInteger(pgPosition) && pgPosition > 0) {
    result.position = positionAt(text, statement.start.offset + pgPosition - 1)
  }
  const mysqlLine = dialect === 'mysql' ? /at line (\d+)\s*$/.exec(rawMessage) : null
  if (mysqlLine) {
    const lines = statement.sql.split('\n')
    const line = Math.min(Number(mysqlLine[1]), lines.length)
    const lineStart = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0)
    result.position = positionAt(text, statement.start.offset + lineStart + nearColumn(rawMessage, statement.sql, lineStart))
  }
  if (appCode === 'CANCELLED') result.message = 'Cancelled: the database stopped the statement.'
  if (appCode === 'PERMISSION_DENIED' && /read.only|READ ONLY|readonly/i.test(rawMessage)) {
    result.hint = 'This connection is read-only: the database refused the change.'
  }
  return result
}
