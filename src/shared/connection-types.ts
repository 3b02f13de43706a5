/** What a connection string means, once parsed. Pure data: no Node, no drivers. */
export type Dialect = 'sqlite' | 'mysql' | 'postgres'

/**
 * libpq's sslmode, with libpq's meaning (MySQL's ssl-mode maps onto it):
 * `disable` plain; `allow` plain, TLS only if the server insists; `prefer` TLS when the server
 * offers it, else plain; `require` TLS, certificate not checked (checked against the CA file when
 * one is given, as libpq does); `verify-ca` certificate signed by the CA, any host name;
 * `verify-full` CA and host name checked.
 */
export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'

export const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']

export interface SqliteConnection {
  dialect: 'sqlite'
  /** `:memory:`, an absolute path, or a path relative to the engine's base folder. */
  storage: string
  /** `mode=ro` (SQLite URI filenames): opened read-only. */
  readOnly?: true
}

export interface ServerConnection {
  dialect: 'mysql' | 'postgres'
  /** `mariadb://` URLs: the same driver (mysql2), remembered for display. */
  flavor: 'mysql' | 'mariadb' | 'postgres'
  /** '' for PostgreSQL without a host: the default socket folder (libpq). */
  host: string
  port: number
  /** '' when the URL names none: PostgreSQL then uses the OS login name (libpq, node-postgres). */
  user: string
  /** null when the URL carries none (the caller may supply one separately). */
  password: string | null
  /**
   * '' when the URL names none: PostgreSQL then uses the user name (libpq); MySQL opens a
   * server-level session, in which the user picks a database from the server's list.
   */
  database: string
  ssl: SslMode
  /**
   * Files named by the URL (sslrootcert/ssl_ca, sslcert/ssl_cert, sslkey/ssl_key): read by the
   * main process only when connecting. `sslCa: 'system'` is libpq's "the system's authorities".
   */
  sslCa: string | null
  sslCert: string | null
  sslKey: string | null
  /**
   * The client key's passphrase (libpq `sslpassword`, PyMySQL `ssl_key_password`): a secret, kept
   * like the password. Present only when given.
   */
  sslPassword?: string
  /**
   * Unix socket: MySQL/MariaDB the socket file, PostgreSQL the folder holding `.s.PGSQL.<port>`.
   * When set, the host is not used to connect.
   */
  socket: string | null
  /**
   * PostgreSQL's list of hosts (`postgresql://h1:5432,h2:5433/db`): the hosts after the first
   * (`host`/`port`), tried in order as libpq does; the first that answers is used. Present only
   * when the URL names more than one.
   */
  alternateHosts?: Array<{ host: string; port: number }>
  /** PostgreSQL's `options` (e.g. `-c search_path=app`), sent to the server as libpq does. */
  options: string | null
  connectTimeoutMs: number | null
}

export type ConnectionConfig = SqliteConnection | ServerConnection

export const DEFAULT_PORTS = { mysql: 3306, postgres: 5432 } as const
