import type { Dialect } from '../../../../shared/connection-types'
import { AppError } from '../../../../shared/errors'

/**
 * Errors of raw driver calls (not wrapped by Sequelize): which ones are about one row's data —
 * the database refusing a value or a constraint — and so can be pinned on a row and reported,
 * as opposed to anything else (connection lost, lock timeout, a bug), which stops the import.
 */
interface DriverErrorShape {
  code?: unknown
  errno?: unknown
  message?: unknown
  detail?: unknown
}

const MYSQL_ROW_ERRORS = new Set([
  1062, // duplicate entry
  1048,
  1364, // NULL in NOT NULL, no default
  1451,
  1452, // foreign key
  3819,
  4025, // check constraint (MySQL, MariaDB)
  1406,
  1366,
  1264,
  1265,
  1292,
  1367,
  3140,
  1411,
  4078, // too long, bad value, out of range, bad date, bad JSON
])

function shape(error: unknown): DriverErrorShape {
  return typeof error === 'object' && error !== null ? error : {}
}

export function isRowRefusal(error: unknown, dialect: Dialect): boolean {
  const { code, errno } = shape(error)
  if (dialect === 'postgres') return typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'))
  if (dialect === 'mysql') return typeof errno === 'number' && MYSQL_ROW_ERRORS.has(errno)
  return code === 'SQLITE_CONSTRAINT' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG'
}

export function isUniqueViolation(error: unknown, dialect: Dialect): boolean {
  const { code, errno, message } = shape(error)
  if (dialect === 'postgres') return code === '23505'
  if (dialect === 'mysql') return errno === 1062
  return code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && /UNIQUE constraint failed|PRIMARY KEY/.test(message)
}

/** The database's own words (PostgreSQL adds which key), with the password masked just in case. */
export function refusalMessage(error: unknown, password: string | null): string {
  const { message, detail } = shape(error)
  let text = typeof message === 'string' ? message : String(error)
  text = text.replace(/^SQLITE_\w+: /, '')
  if (typeof detail === 'string' && detail) text += ` (${detail})`
  return password ? text.split(password).join('****') : text
}

/**
 * Any other error a database sent back (a statement it refused as a whole) as QUERY_FAILED in its
 * own words; null for errors that are not the database's (connection trouble is left to the
 * session guard, which diagnoses it).
 */
export function databaseError(error: unknown, password: string | null): AppError | null {
  const { code, errno } = shape(error)
  const fromPostgres = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08')
  const fromMysql = typeof errno === 'number' && typeof (error as { sqlMessage?: unknown }).sqlMessage === 'string'
  const fromSqlite = typeof code === 'string' && code.startsWith('SQLITE_')
  if (!fromPostgres && !fromMysql && !fromSqlite) return null
  return new AppError({
    code: 'QUERY_FAILED',
    message: `The database refused the import: ${refusalMessage(error, password)}`,
    hint: 'Nothing was kept from the batch that failed. Check the table and the file, then try again.',
    details: { driverCode: String(code ?? errno) },
  })
}
