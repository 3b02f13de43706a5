import type { Sequelize } from 'sequelize'

/**
 * How PostgreSQL prints values depends on settings a server, database, role or start-up `options`
 * may change; every connection of a session sets the ones the value codec relies on, whatever the
 * database says (output-settings.test.ts):
 * - `extra_float_digits` above 0 (1 by default since PostgreSQL 12; 3 gives 17 significant digits
 *   before it): at 0 or less a double prints 15 digits and a real 6, so pages, exports and the
 *   console would show rounded numbers, and a value written back from them would round what is stored;
 * - DateStyle's output part `ISO`, which the codec and the editors read (`SQL`, `German` and
 *   `Postgres` write `05/12/2026 06:50:00`, `05.12.2026 …`, `Sat Dec 05 …`). Its other part, the
 *   day/month order that reads ambiguous dates typed in the console, stays as the database set it;
 * - `IntervalStyle = postgres`, PostgreSQL's default: under `sql_standard` a grid or a file shows
 *   `-1 2:03:04`, which means −1 day −2:03:04 there and −1 day +2:03:04 to every database left at
 *   the default (and `iso_8601` writes `P-1DT2H3M4S`). IntervalStyle also decides how typed
 *   intervals are read, so the console puts the database's own back while it holds a connection
 *   (postgres-runner.ts, consoleIntervalStyleOf): the user's SQL means what it means in psql.
 * The time zone is Sequelize's (`timezone: '+00:00'`, connect.ts).
 *
 * The console runs the user's SQL on the pool's connections, and a `SET` there (or `set_config`)
 * would stay with the connection the grid is lent next: floats rounded, dates in another style or
 * zone, a search_path that finds another table. So the settings the engine reads by are noted as the
 * connection starts (ENGINE_SETTINGS) and put back when the console gives it back (restoreEngineSession).
 */
export function printValuesAsTheCodecReads(sequelize: Sequelize): void {
  if (sequelize.getDialect() !== 'postgres') return
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    const client = connection as PgSimpleQuery
    // One round trip: the database's IntervalStyle as the connection starts, the settings, then what the engine reads by.
    const results = await client.query(
      "SELECT current_setting('IntervalStyle') AS style; SET extra_float_digits = 3; SET DateStyle = ISO; SET IntervalStyle = postgres; " +
        `SELECT ${ENGINE_SETTINGS.map((name, i) => `current_setting('${name}') AS s${i}`).join(', ')}`,
    )
    const answers = Array.isArray(results) ? results : [results]
    const style = answers[0]?.rows?.[0]?.style
    if (typeof style === 'string' && /^[a-z0-9_]+$/.test(style) && style !== 'postgres') databaseIntervalStyles.set(client, style)
    const engine = answers[answers.length - 1]?.rows?.[0]
    if (engine) {
      const settings = ENGINE_SETTINGS.map((name, i) => `set_config('${name}', ${client.escapeLiteral(String(engine[`s${i}`]))}, false)`)
      engineSessions.set(
        client,
        `SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DISCARD TEMP; SELECT pg_advisory_unlock_all(); UNLISTEN *; CLOSE ALL; SELECT ${settings.join(', ')}`,
      )
    }
  })
}

/** What the engine reads and finds by: the output settings above, Sequelize's, and what names resolve against. */
const ENGINE_SETTINGS = [
  'extra_float_digits',
  'DateStyle',
  'IntervalStyle',
  'TimeZone',
  'bytea_output',
  'standard_conforming_strings',
  'client_encoding',
  'search_path',
  'lc_monetary',
  'lc_numeric',
  'client_min_messages',
  'role',
] as const

/**
 * Puts back the session this connection had when it started, after a console run that may have
 * changed it: the user it logged in as again (a superuser may have switched with SET SESSION
 * AUTHORIZATION), then RESET ALL returns every setting to the session's default (the database's, the role's,
 * the start-up packet's: a default_transaction_read_only, statement_timeout, session_replication_role
 * or lock_timeout the user set is gone); temporary tables go (one named like a table would hide it
 * from the grid, which would show and edit the copy), and so do advisory locks, LISTENs and open
 * cursors; then the engine's own settings and Sequelize's are set again (role is not reset by RESET
 * ALL, so it is among them). Prepared statements stay: the driver keeps its own by name.
 */
export async function restoreEngineSession(client: { query(sql: string): Promise<unknown> }): Promise<void> {
  const restore = engineSessions.get(client)
  // One round trip: the statement was made at connect, with the values written in.
  if (restore) await client.query(restore)
}

/** Per connection: the statement that puts its engine session back. */
const engineSessions = new WeakMap<object, string>()

/** The database's own IntervalStyle for the console to run with on this connection; undefined where it is the engine's (`postgres`). */
export function consoleIntervalStyleOf(connection: object): string | undefined {
  return databaseIntervalStyles.get(connection)
}

const databaseIntervalStyles = new WeakMap<object, string>()

interface PgSimpleQuery {
  escapeLiteral(value: string): string
  query(sql: string): Promise<{ rows?: Array<Record<string, unknown>> } | Array<{ rows?: Array<Record<string, unknown>> }>>
}
