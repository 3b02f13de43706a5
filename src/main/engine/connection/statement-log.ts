import type { Sequelize, Transaction } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import { replacePlaceholders } from '../records/identifiers'

/**
 * Records the SQL that runs inside chosen transactions, for "Review the exact SQL". Sequelize hands
 * every query's text and options to the `logging` hook; the tap keeps only queries of transactions
 * registered with `captureStatements`, with bind parameters written in as SQL literals.
 */
const captures = new WeakMap<object, { sequelize: Sequelize; statements: string[] }>()

interface LoggedQueryOptions {
  transaction?: object | null
  bind?: unknown
}

// Transaction control and the savepoints the engine uses only to explain errors are not part of
// what the user reviews; the preview wraps the statements in its own BEGIN/COMMIT.
const CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET SESSION TRANSACTION|SET TRANSACTION)\b/i

export function statementTap(message: string, options?: LoggedQueryOptions): void {
  const capture = options?.transaction ? captures.get(options.transaction) : undefined
  if (!capture) return
  const sql = message.replace(/^Executing \([^)]*\): /, '').trim()
  if (CONTROL.test(sql)) return
  capture.statements.push(inlineBinds(capture.sequelize, sql, options?.bind))
}

export function captureStatements(sequelize: Sequelize, transaction: Transaction, statements: string[]): void {
  captures.set(transaction, { sequelize, statements })
}

/**
 * Bind parameters replaced by escaped literals: `$1`/`$name` (PostgreSQL, SQLite) or positional `?`
 * (MySQL model writes). Replacements arrive already inlined. Placeholders inside quoted names
 * (a column called `c $1`) and string literals are left alone.
 */
function inlineBinds(sequelize: Sequelize, sql: string, bind: unknown): string {
  if (!bind || typeof bind !== 'object') return sql
  const values = bind as Record<string, unknown> | unknown[]
  const dialect = sequelize.getDialect() as Dialect
  let next = 0
  return replacePlaceholders(dialect, sql, (placeholder) => {
    if (placeholder === '?') {
      return dialect === 'mysql' && Array.isArray(values) && next < values.length ? sequelize.escape(values[next++] as string) : undefined
    }
    const name = placeholder.slice(1)
    const value = Array.isArray(values) ? values[Number(name) - 1] : values[name]
    return value === undefined ? undefined : sequelize.escape(value as string)
  })
}
