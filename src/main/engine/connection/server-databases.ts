/**
 * MySQL/MariaDB without a database (`mysql+pymysql://root@127.0.0.1:3306`): PyMySQL and mysql2
 * connect with none selected. Rowboat opens such a URL as a server-level session, lists the
 * server's databases, and opens the one the user picks as a session of its own.
 */
import { QueryTypes, type Sequelize } from 'sequelize'
import type { ConnectionConfig } from '../../../shared/connection-types'
import type { ServerDatabase } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'

/** The server's own schemas: listed, but marked, so the page can put the user's first. */
const SYSTEM_SCHEMAS = new Set(['information_schema', 'mysql', 'performance_schema', 'sys'])

/** Whether a URL names a server rather than a database (MySQL only: PostgreSQL's default is the user's name). */
export function isServerLevel(config: ConnectionConfig): boolean {
  return config.dialect === 'mysql' && config.database === ''
}

/** The databases this account can see (SHOW DATABASES), the user's own first, each alphabetically. */
export async function listServerDatabases(sequelize: Sequelize): Promise<ServerDatabase[]> {
  const rows = await sequelize.query<{ Database: string }>('SHOW DATABASES', { type: QueryTypes.SELECT, logging: false })
  const all = rows.map((row) => ({ name: String(row.Database), system: SYSTEM_SCHEMAS.has(String(row.Database).toLowerCase()) }))
  const byName = (a: ServerDatabase, b: ServerDatabase) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  return [...all.filter((d) => !d.system).sort(byName), ...all.filter((d) => d.system).sort(byName)]
}

/** The database the user picked, checked against what the server lists (so a typo is a plain error). */
export async function checkServerDatabase(sequelize: Sequelize, database: string, server: string): Promise<void> {
  const names = (await listServerDatabases(sequelize)).map((d) => d.name)
  if (names.includes(database)) return
  throw new AppError({
    code: 'DATABASE_NOT_FOUND',
    message: `${server} has no database "${database}" that this account can see.`,
    hint: 'Pick one from the list.',
    field: 'database',
  })
}
