/**
 * What a connection string leaves out, filled in as the ecosystem's own client would on this
 * computer (only the main process knows the OS login and the socket folders):
 * - PostgreSQL without a user: the OS login name (libpq, node-postgres).
 * - PostgreSQL without a database: the user name (libpq).
 * - PostgreSQL without a host: the Unix socket in libpq's default folder (Debian's
 *   /var/run/postgresql, else /tmp where a server listens there); TCP to localhost on Windows.
 */
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { ConnectionConfig, ServerConnection } from '../../../shared/connection-types'

const SOCKET_FOLDERS = ['/var/run/postgresql', '/tmp']

export function withLocalDefaults<T extends ConnectionConfig>(config: T): T {
  if (config.dialect !== 'postgres') return config
  const server: ServerConnection = config
  const user = server.user || osLogin()
  const database = server.database || user
  const needsSocket = server.host === '' && server.socket === null
  const socket = needsSocket ? defaultSocketFolder(server.port) : server.socket
  const host = needsSocket && socket === null ? 'localhost' : server.host
  return { ...config, user, database, socket, host }
}

export function osLogin(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'postgres'
  }
}

function defaultSocketFolder(port: number): string | null {
  if (process.platform === 'win32') return null
  return (
    SOCKET_FOLDERS.find((folder) => existsSync(join(folder, `.s.PGSQL.${port}`))) ??
    (process.platform === 'darwin' ? '/tmp' : SOCKET_FOLDERS[0])
  )
}
