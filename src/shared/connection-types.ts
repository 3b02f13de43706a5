/** What a connection string means, once parsed. Pure data: no Node, no drivers. */
export type Dialect = 'sqlite' | 'mysql' | 'postgres'

/** `disable`: plain TCP. `require`: TLS, certificate not checked. `verify-full`: TLS with certificate and host name checked. */
export type SslMode = 'disable' | 'require' | 'verify-full'

export interface SqliteConnection {
  dialect: 'sqlite'
  /** `:memory:`, an absolute path, or a path relative to the engine's base folder. */
  storage: string
}

export interface ServerConnection {
  dialect: 'mysql' | 'postgres'
  /** `mariadb://` URLs: the same driver (mysql2), remembered for display. */
  flavor: 'mysql' | 'mariadb' | 'postgres'
  host: string
  port: number
  user: string
  /** null when the URL carries none (the caller may supply one separately). */
  password: string | null
  database: string
  ssl: SslMode
  /** MySQL/MariaDB unix socket; when set, host and port are not used to connect. */
  socket: string | null
  connectTimeoutMs: number | null
}

export type ConnectionConfig = SqliteConnection | ServerConnection

export const DEFAULT_PORTS = { mysql: 3306, postgres: 5432 } as const
