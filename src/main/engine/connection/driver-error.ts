import { ConnectionError } from 'sequelize'

/**
 * What a driver said, read from wherever it put it. Sequelize wraps the driver's error in
 * `.parent` (also `.original`); mysql2 sets `code` (ER_…) and `errno` (1049), pg sets `code` to
 * the SQLSTATE (3D000) and Node sockets set `code` (ECONNREFUSED) and `syscall`; sqlite3 sets
 * `code` (SQLITE_CANTOPEN) and `errno`.
 */
export interface DriverFacts {
  code: string | null
  errno: number | null
  message: string
  syscall: string | null
  /** Sequelize's wrapper says "this happened while connecting" (ConnectionError and subclasses). */
  whileConnecting: boolean
  /** Sequelize's own wrapper class name, e.g. SequelizeConnectionTimedOutError. */
  wrapperName: string | null
}

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null

export function readDriverFacts(error: unknown): DriverFacts | null {
  if (!isObject(error)) return null
  const wrapped = isObject(error.parent) ? error.parent : isObject(error.original) ? error.original : null
  const driver = wrapped ?? error
  const isWrapper = wrapped !== null || (typeof error.name === 'string' && error.name.startsWith('Sequelize'))
  return {
    code: stringField(driver, 'code') ?? aggregateCode(driver),
    errno: typeof driver.errno === 'number' ? driver.errno : null,
    message: stringField(driver, 'message') ?? stringField(error, 'message') ?? '',
    syscall: stringField(driver, 'syscall'),
    whileConnecting: error instanceof ConnectionError,
    wrapperName: isWrapper && typeof error.name === 'string' ? error.name : null,
  }
}

function stringField(source: Fields, key: string): string | null {
  const value = source[key]
  return typeof value === 'string' && value !== '' ? value : null
}

/** Node's happy-eyeballs connect (several addresses for one name) fails with an AggregateError. */
function aggregateCode(source: Fields): string | null {
  const errors = source.errors
  if (!Array.isArray(errors)) return null
  for (const inner of errors) {
    if (isObject(inner) && typeof inner.code === 'string') return inner.code
  }
  return null
}

/** `ER_BAD_DB_ERROR (1049)`, `3D000`, `ECONNREFUSED`: for details.driverCode. */
export function driverCodeOf(facts: DriverFacts): string | undefined {
  if (facts.code && facts.errno !== null && facts.errno > 0) return `${facts.code} (${facts.errno})`
  return facts.code ?? (facts.errno !== null ? String(facts.errno) : undefined)
}
