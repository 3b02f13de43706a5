import type { Dialect } from './connection-types'

/**
 * The server as people name it: "MariaDB 10.11.19", "MySQL 8.4.2", "PostgreSQL 16.4 (Debian …)",
 * "SQLite 3.46.1". MariaDB speaks MySQL's protocol (same dialect) but says who it is in VERSION()
 * ("10.11.19-MariaDB", "10.11.6-MariaDB-0+deb12u1", "5.5.5-10.11.19-MariaDB" through old proxies).
 */
export function serverLabel(dialect: Dialect, version: string): string {
  if (dialect === 'postgres') return `PostgreSQL ${version}`
  if (dialect === 'sqlite') return `SQLite ${version}`
  if (/mariadb/i.test(version)) {
    const number = /^(?:5\.5\.5-)?(\d+(?:\.\d+)*)/.exec(version)?.[1]
    return `MariaDB ${number ?? version}`
  }
  return `MySQL ${version}`
}
