import type { ConnectionConfig } from '../../../../shared/connection-types'

/**
 * The connection as a SQLAlchemy URL, for a project's own Alembic run in a child process. It
 * travels only in that process's environment (DATABASE_URL), never on a command line or on disk.
 * SQLite: the file the session opened (already resolved against the base folder).
 */
export function sqlalchemyUrl(config: ConnectionConfig, password: string | null, sqliteFile: string | undefined): string {
  if (config.dialect === 'sqlite') return `sqlite:///${sqliteFile ?? config.storage}`
  const scheme = config.dialect === 'mysql' ? 'mysql+pymysql' : 'postgresql'
  const user = encodeURIComponent(config.user)
  const secret = password ?? config.password
  const auth = user ? `${user}${secret ? `:${encodeURIComponent(secret)}` : ''}@` : ''
  const query = config.socket
    ? config.dialect === 'mysql'
      ? `?unix_socket=${encodeURIComponent(config.socket)}`
      : `?host=${encodeURIComponent(config.socket)}`
    : ''
  const host = config.socket ? '' : `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`
  return `${scheme}://${auth}${host}/${encodeURIComponent(config.database)}${query}`
}
