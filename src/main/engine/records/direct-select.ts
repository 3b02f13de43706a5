import type { Sequelize } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import { replacePlaceholders } from './identifiers'

/**
 * A read outside any transaction, run on one of the session's own pooled connections (the same
 * driver connection, type parsers and settings Sequelize would use) without Sequelize's per-query
 * work: option merging, the bind-parameter rewrite and its `$` escaping, the retry wrapper, hooks,
 * the logging call, the stack captured for every query and the copy of every row it makes for raw
 * results. Paging a big table reads hundreds of pages in a row, and that work was a good part of
 * each page's cost beside the driver's. Errors still come out as Sequelize's error classes (the
 * dialect's own `formatError`), so error mapping and diagnosis see what they saw before.
 *
 * The values are placed as Sequelize would place them: PostgreSQL and SQLite bind `$n` parameters
 * (SQLite by name, as Sequelize does, so their order in the text does not matter); MySQL's `?` are
 * replaced by the values escaped by Sequelize, as its replacements are (sql.ts explains why MySQL
 * reads use replacements). Nothing here reads a `$` or `?` inside a quoted name as a parameter.
 */
export async function directSelect(
  sequelize: Sequelize,
  dialect: Dialect,
  sql: string,
  values: readonly unknown[],
): Promise<Array<Record<string, unknown>>> {
  return onPooledConnection(sequelize, dialect, sql, values, (connection) =>
    run(dialect, connection, dialect === 'mysql' ? withReplacements(sequelize, sql, values) : sql, values),
  )
}

/**
 * The same read with each row as an array of its cells in select-list order (mysql2's `rowsAsArray`,
 * pg's `rowMode: 'array'`): one object fewer per row. The drivers' conversions are the same (the
 * connection's settings, the client's type parsers). sqlite3 has no such mode.
 */
export async function directSelectArrays(
  sequelize: Sequelize,
  dialect: 'mysql' | 'postgres',
  sql: string,
  values: readonly unknown[],
): Promise<unknown[][]> {
  const text = dialect === 'mysql' ? withReplacements(sequelize, sql, values) : sql
  return onPooledConnection(
    sequelize,
    dialect,
    sql,
    values,
    (connection) =>
      new Promise((resolve, reject) => {
        const done: Callback = (error, result) => {
          if (error) reject(error)
          else resolve(dialect === 'postgres' ? (result as { rows: unknown[][] }).rows : (result as unknown[][]))
        }
        if (dialect === 'mysql') connection.query!({ sql: text, rowsAsArray: true }, done)
        else connection.query!({ text, values: values.length > 0 ? values : undefined, rowMode: 'array' }, done)
      }),
  )
}

/**
 * A catalog read (schema/catalog.ts) the same way: `$n` bind parameters on every dialect, placed as
 * Sequelize's `bind` option places them. On MySQL that is a prepared statement (`execute`) with each
 * `$n` turned into `?` and its value repeated in order, as Sequelize 6's mysql query does; the
 * catalog's values are names, and the binary protocol keeps them out of the text.
 */
export async function directCatalogSelect(
  sequelize: Sequelize,
  dialect: Dialect,
  sql: string,
  values: readonly unknown[],
): Promise<Array<Record<string, unknown>>> {
  if (dialect !== 'mysql' || values.length === 0) return directSelect(sequelize, dialect, sql, values)
  const ordered: unknown[] = []
  const text = replacePlaceholders('mysql', sql, (placeholder) => {
    const index = /^\$(\d+)$/.exec(placeholder)
    if (!index || Number(index[1]) < 1 || Number(index[1]) > values.length) return undefined
    ordered.push(values[Number(index[1]) - 1])
    return '?'
  })
  return onPooledConnection(
    sequelize,
    dialect,
    text,
    ordered,
    (connection) =>
      new Promise((resolve, reject) =>
        connection.execute!(text, ordered, (error, result) => (error ? reject(error) : resolve(result as Array<Record<string, unknown>>))),
      ),
  )
}

async function onPooledConnection<T>(
  sequelize: Sequelize,
  dialect: Dialect,
  sql: string,
  values: readonly unknown[],
  work: (connection: DriverConnection) => Promise<T>,
): Promise<T> {
  const internals = sequelize as unknown as SequelizeInternals
  const manager = internals.connectionManager
  const connection = await manager.getConnection({ type: 'SELECT' })
  try {
    return await work(connection)
  } catch (error) {
    throw asSequelizeError(internals, connection, dialect, error, sql, values)
  } finally {
    await manager.releaseConnection(connection)
  }
}

/** What this module uses of Sequelize beyond its typings (all of it public on the instance in Sequelize 6). */
interface SequelizeInternals {
  connectionManager: {
    getConnection(options: { type: string }): Promise<DriverConnection>
    releaseConnection(connection: DriverConnection): void | Promise<void>
  }
  dialect: {
    Query: new (
      connection: DriverConnection,
      sequelize: unknown,
      options: object,
    ) => { formatError(error: unknown, stack?: string): unknown }
  }
}

/** MySQL's `?` placeholders (outside quoted names and strings) replaced by the values, escaped as Sequelize's replacements are. */
function withReplacements(sequelize: Sequelize, sql: string, values: readonly unknown[]): string {
  let next = 0
  const text = replacePlaceholders('mysql', sql, (placeholder) =>
    placeholder === '?' && next < values.length ? sequelize.escape(values[next++] as string) : undefined,
  )
  if (next !== values.length) throw new Error(`a statement with ${values.length} values used ${next} of them`)
  return text
}

type Callback = (error: Error | null, result: unknown) => void

/** The driver connection: a mysql2 Connection, a pg Client or a sqlite3 Database. */
interface DriverConnection {
  query?(sql: string | object, ...rest: unknown[]): unknown
  execute?(sql: string, values: unknown[], callback: Callback): unknown
  all?(sql: string, params: unknown, callback: Callback): unknown
  _invalid?: boolean
}

function run(
  dialect: Dialect,
  connection: DriverConnection,
  sql: string,
  values: readonly unknown[],
): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const done: Callback = (error, result) => {
      if (error) reject(error)
      else
        resolve(
          dialect === 'postgres' ? (result as { rows: Array<Record<string, unknown>> }).rows : (result as Array<Record<string, unknown>>),
        )
    }
    if (dialect === 'sqlite') {
      const named: Record<string, unknown> = {}
      values.forEach((value, index) => {
        named[`$${index + 1}`] = value
      })
      connection.all!(sql, named, done)
    } else if (dialect === 'postgres') {
      if (values.length > 0) connection.query!(sql, values, done)
      else connection.query!(sql, done)
    } else {
      // The session's own conversion (connect.ts: mysql2's, `typeCast: true`).
      connection.query!(sql, done)
    }
  })
}

/** The error as Sequelize's query would have thrown it (its dialect's formatError, `sql` and `parameters` attached). */
function asSequelizeError(
  internals: SequelizeInternals,
  connection: DriverConnection,
  dialect: Dialect,
  error: unknown,
  sql: string,
  values: readonly unknown[],
): unknown {
  if (!(error instanceof Error)) return error
  const details = error as Error & { code?: unknown; sql?: string; parameters?: unknown }
  // As Sequelize's PostgreSQL query does: a connection that broke mid-query is not given back to the pool.
  if (
    dialect === 'postgres' &&
    (details.code === 'ECONNRESET' || /SSL SYSCALL error: EOF detected|Query read timeout/i.test(details.message))
  ) {
    connection._invalid = true
  }
  details.sql = sql
  details.parameters = values
  const query = new internals.dialect.Query(connection, internals, { type: 'SELECT', raw: true })
  return query.formatError(error, new Error().stack)
}
