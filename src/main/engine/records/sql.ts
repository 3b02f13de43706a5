import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo } from '../../../shared/contract'
import type { CellInput } from '../../../shared/values'
import { bindSafeText } from './identifiers'
import { columnRef, type SqlTarget } from './target'
import { sqliteStoredFloat } from './value-codec'

/**
 * Collects the values of one statement in order and hands out their placeholders. PostgreSQL and
 * SQLite get real bind parameters (`$n`). MySQL gets Sequelize replacements (`?`, escaped by
 * Sequelize): mysql2 sends bound statements over the binary protocol, which hands some types back
 * differently from the text protocol every other read uses (FLOAT 0.1 arrives as
 * 0.10000000149011612, TIME(2) loses a trailing zero), and a row must read the same whichever way
 * it was fetched, or the conflict check would see changes that are not there.
 */
export class BindParams {
  readonly values: unknown[] = []

  constructor(readonly dialect: Dialect) {}

  add(value: unknown): string {
    this.values.push(value)
    return this.dialect === 'mysql' ? '?' : `$${this.values.length}`
  }

  /**
   * The statement as `sequelize.query` must be given it with `queryOptions()`: with bind
   * parameters, Sequelize reads `$…` even inside quoted names, so those are made safe (identifiers.ts).
   */
  text(sql: string): string {
    return this.dialect !== 'mysql' && this.values.length > 0 ? bindSafeText(sql) : sql
  }

  /** The options that carry these values into `sequelize.query` (with the SQL from `text`). */
  queryOptions(): { bind: unknown[] } | { replacements: unknown[] } | Record<string, never> {
    if (this.values.length === 0) return {}
    return this.dialect === 'mysql' ? { replacements: this.values } : { bind: this.values }
  }
}

/**
 * The column as it takes part in comparisons and ORDER BY. JSON is compared as its text (PostgreSQL's
 * json type has no equality or ordering, MySQL's JSON compares by its own rules), so a JSON cell,
 * which crosses the API as text, compares exactly as the user saw it.
 */
export function comparableExpression(target: SqlTarget, column: ColumnInfo): string {
  const quoted = columnRef(target, column)
  return column.kind === 'json' ? textExpression(target, column) : quoted
}

/** The column's text form, for contains/startsWith on any column and for JSON comparisons. */
export function textExpression(target: SqlTarget, column: ColumnInfo): string {
  const quoted = columnRef(target, column)
  if (column.kind === 'text' && target.dialect !== 'postgres') return quoted
  if (column.kind === 'text' && /char|text/i.test(column.type)) return quoted
  return `CAST(${quoted} AS ${target.dialect === 'mysql' ? 'CHAR' : 'TEXT'})`
}

/**
 * A value placed opposite the column in a comparison. MySQL compares a FLOAT column with a
 * double parameter in double precision, where 0.1f != 0.1; casting the parameter to FLOAT makes
 * the comparison (and so keyset paging) agree with the value the user sees.
 */
export function comparedValue(target: SqlTarget, column: ColumnInfo, value: CellInput, params: BindParams): string {
  if (column.kind === 'json') return params.add(typeof value === 'string' ? value : JSON.stringify(value))
  const placeholder = params.add(target.dialect === 'sqlite' ? sqliteExactOperand(value, column, target) : target.encode(value, column))
  if (target.dialect === 'mysql' && column.kind === 'float' && /^float\b/i.test(column.type)) {
    return `CAST(${placeholder} AS FLOAT)`
  }
  return placeholder
}

/**
 * SQLite turns text compared with a number column into a float by its own reading, which is not
 * correctly rounded near a halfway point: a filter for -0.9309114 missed the row holding exactly that
 * double. Text it would read as a float is compared as the double JavaScript makes of it instead.
 */
function sqliteExactOperand(value: CellInput, column: ColumnInfo, target: SqlTarget): unknown {
  let float: number | null = null
  try {
    float = sqliteStoredFloat(value, column)
  } catch {
    // Text no float holds exactly (more digits than a double keeps): compared as SQLite reads it.
  }
  return float ?? target.encode(value, column)
}

/** `column = value`, or `column IS NULL` for a null value. */
export function equalsCondition(target: SqlTarget, column: ColumnInfo, value: CellInput, params: BindParams): string {
  if (value === null) return `${columnRef(target, column)} IS NULL`
  return `${comparableExpression(target, column)} = ${comparedValue(target, column, value, params)}`
}

/** LIMIT/OFFSET take integers the contract has already checked; they are written inline because
 *  MySQL refuses a double-typed prepared parameter there (mysql2 binds JS numbers as DOUBLE). */
export function limitClause(limit: number, offset?: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`bad LIMIT ${limit}`)
  if (offset === undefined || offset === 0) return `LIMIT ${limit}`
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`bad OFFSET ${offset}`)
  return `LIMIT ${limit} OFFSET ${offset}`
}
