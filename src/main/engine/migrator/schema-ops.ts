import { quoteIdentifier } from '../records/identifiers'
import type { MigrationContext } from './types'

/**
 * Drops one column. On SQLite, Sequelize's removeColumn rebuilds the table (copy, DROP, re-create),
 * which inside a transaction cannot switch foreign keys off, so dropping a table that others
 * reference fails, and the rebuilt table can lose constraints. SQLite 3.35+ drops a plain column
 * in place (the bundled sqlite3 ships 3.4x/3.5x), keeping rows, indexes and foreign keys as they are.
 */
export async function dropColumn(ctx: MigrationContext, table: string, column: string): Promise<void> {
  const { queryInterface: qi, sequelize, transaction } = ctx
  if (ctx.dialect === 'sqlite') {
    await sequelize.query(`ALTER TABLE ${quoteIdentifier('sqlite', table)} DROP COLUMN ${quoteIdentifier('sqlite', column)}`, {
      transaction,
    })
    return
  }
  await qi.removeColumn(table, column, { transaction })
}
