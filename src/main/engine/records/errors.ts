import { DatabaseError, ForeignKeyConstraintError, UniqueConstraintError, ValidationError } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import { AppError, type FieldIssue } from '../../../shared/errors'

/**
 * What kind of refusal a write met, decided from Sequelize's error classes and the drivers' codes.
 * Message text is read only where a driver offers nothing else (which column SQLite's and MySQL's
 * NOT NULL errors are about; SQLite reports every constraint with one code).
 */
export type WriteRefusal =
  | { kind: 'validation'; issues: Array<FieldIssue & { attribute: string }> }
  | { kind: 'unique'; names: string[] }
  | { kind: 'foreignKey' }
  | { kind: 'notNull'; column: string | null }
  | { kind: 'check' }
  | { kind: 'badValue'; column: string | null; message: string }
  | { kind: 'permission' }
  | { kind: 'readOnly' }

export interface DriverError {
  code: string | null
  errno: number | null
  message: string
  /** PostgreSQL names the column of a NOT NULL violation. */
  column: string | null
}

const MYSQL_NOT_NULL = new Set([1048, 1364]) // ER_BAD_NULL_ERROR, ER_NO_DEFAULT_FOR_FIELD
const MYSQL_CHECK = new Set([3819, 4025]) // MySQL's and MariaDB's check-constraint failures
// Data too long, incorrect value, out of range, truncated, bad date/time.
const MYSQL_BAD_VALUE = new Set([1406, 1366, 1264, 1265, 1292, 1367, 3140])
const MYSQL_PERMISSION = new Set([1142, 1143, 1044, 1227])

export function driverErrorOf(error: unknown): DriverError {
  const outer = isRecord(error) ? error : {}
  const inner = isRecord(outer.parent) ? outer.parent : isRecord(outer.original) ? outer.original : outer
  return {
    code: typeof inner.code === 'string' ? inner.code : null,
    errno: typeof inner.errno === 'number' ? inner.errno : null,
    message: typeof inner.message === 'string' ? inner.message : error instanceof Error ? error.message : String(error),
    column: typeof inner.column === 'string' ? inner.column : null,
  }
}

/** The refusal a write met, or null when the error is something else (left to the caller). */
export function classifyWriteError(error: unknown, dialect: Dialect): WriteRefusal | null {
  if (error instanceof UniqueConstraintError) return sqliteConstraint(error, dialect) ?? { kind: 'unique', names: uniqueNames(error) }
  if (error instanceof ValidationError) return { kind: 'validation', issues: validationIssues(error) }
  if (error instanceof ForeignKeyConstraintError) return { kind: 'foreignKey' }
  if (!(error instanceof DatabaseError)) return null
  const driver = driverErrorOf(error)
  if (dialect === 'postgres') return postgresRefusal(driver)
  if (dialect === 'mysql') return mysqlRefusal(driver)
  return sqliteRefusal(driver)
}

/** Sequelize's SQLite dialect reports NOT NULL and CHECK failures as unique violations (one code, SQLITE_CONSTRAINT). */
function sqliteConstraint(error: UniqueConstraintError, dialect: Dialect): WriteRefusal | null {
  if (dialect !== 'sqlite') return null
  return sqliteRefusal(driverErrorOf(error))
}

function sqliteRefusal(driver: DriverError): WriteRefusal | null {
  const notNull = /NOT NULL constraint failed: (?:[^.\s]+\.)?(\S+)/.exec(driver.message)
  if (notNull) return { kind: 'notNull', column: notNull[1] ?? null }
  if (/CHECK constraint failed/.test(driver.message)) return { kind: 'check' }
  if (driver.code === 'SQLITE_MISMATCH') return { kind: 'badValue', column: null, message: driver.message }
  if (driver.code === 'SQLITE_READONLY') return { kind: 'readOnly' }
  return null
}

function postgresRefusal(driver: DriverError): WriteRefusal | null {
  const code = driver.code ?? ''
  if (code === '23502') return { kind: 'notNull', column: driver.column }
  if (code === '23514') return { kind: 'check' }
  if (code.startsWith('22')) return { kind: 'badValue', column: driver.column, message: driver.message } // data exceptions: bad syntax, out of range, too long
  if (code === '42501') return { kind: 'permission' }
  return null
}

function mysqlRefusal(driver: DriverError): WriteRefusal | null {
  const errno = driver.errno ?? -1
  if (MYSQL_NOT_NULL.has(errno)) return { kind: 'notNull', column: quotedName(driver.message) }
  if (MYSQL_CHECK.has(errno)) return { kind: 'check' }
  if (MYSQL_BAD_VALUE.has(errno)) return { kind: 'badValue', column: mysqlValueColumn(driver.message), message: driver.message }
  if (MYSQL_PERMISSION.has(errno)) return { kind: 'permission' }
  return null
}

/** `Column 'title' cannot be null`, `Field 'title' doesn't have a default value`. */
function quotedName(message: string): string | null {
  return /(?:Column|Field) '([^']+)'/.exec(message)?.[1] ?? null
}

/** `… for column 'f' at row 1` (MySQL), `… for column \`db\`.\`t\`.\`f\` at row 1` (MariaDB). */
function mysqlValueColumn(message: string): string | null {
  const match = /for column (?:'([^']*)'|(?:`(?:[^`]|``)*`\.)*`((?:[^`]|``)*)`)/.exec(message)
  if (!match) return null
  return match[1] ?? match[2]?.replace(/``/g, '`') ?? null
}

/** A written column, for `badValueColumn`. */
export interface WrittenColumn {
  name: string
  type: string
  kind: string
  /** The value as written, as text. */
  text: string
}

/**
 * PostgreSQL's data exceptions name the type and often the value, never the column
 * (`invalid input syntax for type integer: "abc"`, `value too long for type character varying(5)`,
 * `numeric field overflow`): the written column they fit, when exactly one does.
 */
export function badValueColumn(message: string, written: readonly WrittenColumn[]): string | null {
  if (written.length === 1) return written[0].name
  const quoted = /: "((?:[^"]|"")*)"$/.exec(message)?.[1] ?? /^value "((?:[^"]|"")*)" is out of range/.exec(message)?.[1]
  const byValue = quoted === undefined ? [] : written.filter((c) => c.text === quoted.replace(/""/g, '"'))
  if (byValue.length === 1) return byValue[0].name
  const type = /for type ([^:]+?)(?::|$)/.exec(message)?.[1] ?? /^(smallint|integer|bigint) out of range/.exec(message)?.[1]
  const candidates = byValue.length > 1 ? byValue : written
  const byType = type
    ? candidates.filter((c) => c.type.toLowerCase() === type.toLowerCase() || c.type.toLowerCase().startsWith(`${type.toLowerCase()}(`))
    : /numeric field overflow/.test(message)
      ? candidates.filter((c) => c.kind === 'decimal')
      : []
  if (byType.length === 1) return byType[0].name
  if (type && /^character varying\((\d+)\)$|^character\((\d+)\)$/.test(type)) {
    const limit = Number(/\((\d+)\)/.exec(type)![1])
    const tooLong = byType.filter((c) => [...c.text].length > limit)
    if (tooLong.length === 1) return tooLong[0].name
  }
  return null
}

/** Column or index names Sequelize read off the error (PostgreSQL: columns; MySQL: the key name; SQLite: columns). */
function uniqueNames(error: UniqueConstraintError): string[] {
  const fields: unknown = error.fields
  if (Array.isArray(fields)) return fields.filter((f): f is string => typeof f === 'string')
  if (isRecord(fields)) return Object.keys(fields)
  return []
}

/** Sequelize's validator keys, with its notNull spelling made plain. */
function validationIssues(error: ValidationError): Array<FieldIssue & { attribute: string }> {
  return error.errors.map((item) => {
    const attribute = item.path ?? ''
    const rule = item.validatorKey === 'is_null' ? 'notNull' : (item.validatorKey ?? item.type ?? undefined)
    return { attribute, field: attribute, message: item.message, ...(rule ? { rule } : {}) }
  })
}

/** VALIDATION for one or more fields; `field` is the first so a form can focus it. */
export function validationFailure(issues: FieldIssue[], hint = 'Correct the highlighted values and try again.'): AppError {
  const first = issues[0]
  const message =
    issues.length === 1 && first
      ? first.message
      : `${issues.length} values need attention: ${issues.map((i) => `${i.field} (${i.message})`).join('; ')}`
  return new AppError({ code: 'VALIDATION', message, hint, ...(first?.field ? { field: first.field } : {}), details: { fields: issues } })
}

/**
 * Any other database refusal: QUERY_FAILED with the database's own words (never the SQL or the
 * bound values, which may hold secrets), the password masked in case a server echoes it.
 */
export function queryFailed(error: unknown, password: string | null): AppError {
  const driver = driverErrorOf(error)
  const message = password ? driver.message.split(password).join('****') : driver.message
  const driverCode = driver.code ?? (driver.errno !== null ? String(driver.errno) : undefined)
  return new AppError({
    code: 'QUERY_FAILED',
    message: `The database refused: ${message}`,
    hint: 'Check the values and try again.',
    ...(driverCode ? { details: { driverCode } } : {}),
  })
}

/** Errors of the database itself (not ours, not the connection's) that may be shown as QUERY_FAILED. */
export function isDatabaseRefusal(error: unknown): boolean {
  return error instanceof DatabaseError || error instanceof ValidationError
}

/** Which batch operation a raw error came from, for errors mapped after the transaction ends. */
const operationIndexes = new WeakMap<object, number>()

export function rememberOperationIndex(error: unknown, index: number): void {
  if (isRecord(error)) operationIndexes.set(error, index)
}

export function operationIndexOf(error: unknown): number | undefined {
  return isRecord(error) ? operationIndexes.get(error) : undefined
}

/** The same error with `details.operationIndex` set. */
export function withOperationIndex(error: AppError, index: number): AppError {
  return new AppError({
    ...error.toData(),
    message: `Operation ${index + 1}: ${error.message}`,
    details: { ...error.details, operationIndex: index },
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
