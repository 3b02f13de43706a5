import type { ServerConnection } from '../../../shared/connection-types'
import { quoteIdentifier } from '../records/identifiers'

/** Identifiers quoted by doubling the quote character, as both servers define it. */
export function quoteServerIdentifier(dialect: ServerConnection['dialect'], name: string): string {
  return quoteIdentifier(dialect, name)
}

/**
 * The statement that creates the database a URL names. MySQL/MariaDB get utf8mb4 explicitly:
 * older servers default to latin1 or the 3-byte utf8, which cannot hold every character.
 */
export function createDatabaseStatement(config: Pick<ServerConnection, 'dialect' | 'database'>): string {
  const name = quoteServerIdentifier(config.dialect, config.database)
  return config.dialect === 'mysql' ? `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `CREATE DATABASE ${name}`
}
