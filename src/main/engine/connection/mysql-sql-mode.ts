import type { Sequelize } from 'sequelize'

/**
 * A MySQL/MariaDB server's sql_mode is its own (or its app's), and many run without strict mode
 * (older installs, shared hosts) or with NO_BACKSLASH_ESCAPES. Without strict mode the server keeps
 * what fits of a value that does not (`abcdef` in VARCHAR(3) → `abc`, 12345.678 in DECIMAL(5,2) →
 * 999.99, 2026-02-30 → 0000-00-00) and only warns: a grid edit, a form or an import would store less
 * than the user typed. Under NO_BACKSLASH_ESCAPES a backslash in an escaped literal (Sequelize's and
 * ours: filters, exports) is a plain character, so a value holding one is not found or not written
 * as it is. MariaDB's EMPTY_STRING_IS_NULL (10.3 and later) stores NULL where the user typed an
 * empty text. So every connection a session opens keeps the server's modes but
 * these: it adds STRICT_ALL_TABLES and drops NO_BACKSLASH_ESCAPES and EMPTY_STRING_IS_NULL. The
 * console runs the user's own SQL with the server's modes (mysql-runner.ts puts them back while it
 * holds a connection). mysql-sql-mode.test.ts.
 */
export function writeStrictlyOnMysql(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'mysql') return
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    const client = connection as MysqlCallbackConnection
    const [row] = await query(
      client,
      `SELECT @@SESSION.sql_mode AS mode, ${ENGINE_VARIABLES.map((name) => `@@SESSION.${name} AS ${name}`).join(', ')}`,
    )
    const server = String(row?.mode ?? '')
    const engine = engineSqlMode(server)
    // The rest of what the engine reads by (Sequelize's time zone, the character sets), as the connection starts: the
    // statement that puts them back after the console has reset the connection (mysql-runner.ts).
    const kept = ENGINE_VARIABLES.filter((name) => /^[A-Za-z0-9_+:/-]+$/.test(String(row?.[name] ?? '')))
    const restore = `SET SESSION ${[`sql_mode = '${engine}'`, ...kept.map((name) => `${name} = '${String(row?.[name])}'`)].join(', ')}`
    // What the server answered is mode names and commas; anything else is not put back for the console.
    connectionModes.set(client, { server: /^[A-Za-z0-9_,]*$/.test(server) ? `'${server}'` : null, engine: `'${engine}'`, restore })
    await query(client, `SET SESSION sql_mode = '${engine}'`)
  })
}

/**
 * Session variables the engine reads by besides sql_mode: a console `SET time_zone` would shift every
 * TIMESTAMP the grid shows and writes on that connection next, a character set change would garble text.
 */
const ENGINE_VARIABLES = ['time_zone', 'character_set_client', 'character_set_connection', 'character_set_results', 'collation_connection']

/** The server's modes with STRICT_ALL_TABLES added and those that change what is written dropped. */
export function engineSqlMode(server: string): string {
  const modes = server
    .split(',')
    .map((mode) => mode.trim().toUpperCase())
    .filter((mode) => /^[A-Z0-9_]+$/.test(mode) && !DROPPED_MODES.has(mode))
  if (!modes.includes('STRICT_ALL_TABLES')) modes.push('STRICT_ALL_TABLES')
  return modes.join(',')
}

/** Modes under which a value is not stored as written: a backslash taken literally by our escaping, '' stored as NULL. */
const DROPPED_MODES: ReadonlySet<string> = new Set(['NO_BACKSLASH_ESCAPES', 'EMPTY_STRING_IS_NULL'])

/**
 * This connection's sql_mode as the server gave it and as the engine set it, as quoted literals, and
 * the statement that puts back the engine's session after the console (undefined: not known).
 */
export function sqlModesOf(connection: object): SessionModes | undefined {
  return connectionModes.get(connection)
}

interface SessionModes {
  /** null where the server's answer was not plain mode names (the console then keeps the engine's). */
  server: string | null
  engine: string
  restore: string
}

const connectionModes = new WeakMap<object, SessionModes>()

interface MysqlCallbackConnection {
  query(sql: string, callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void): void
}

function query(connection: MysqlCallbackConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows))))
}
