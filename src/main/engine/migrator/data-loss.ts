import { QueryTypes, type Sequelize } from 'sequelize'
import type { DataLoss } from '../../../shared/contract'
import { columnNames } from './catalog'
import type { MigrationDrop } from './types'

/**
 * How many rows hold data in what a rollback would drop: all rows of a dropped table, non-null
 * values of a dropped column. Only where the table (and column) exists now; read-only.
 */
export async function measureDataLoss(sequelize: Sequelize, drops: MigrationDrop[]): Promise<DataLoss[]> {
  const qi = sequelize.getQueryInterface()
  const seen = new Set<string>()
  const losses: DataLoss[] = []
  for (const drop of drops) {
    const key = `${drop.table}\u0000${drop.column ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    const columns = await columnNames(sequelize, drop.table)
    if (columns.length === 0 || (drop.column !== undefined && !columns.includes(drop.column))) continue
    const where = drop.column === undefined ? '' : ` WHERE ${qi.quoteIdentifier(drop.column)} IS NOT NULL`
    const [row] = await sequelize.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${qi.quoteIdentifier(drop.table)}${where}`, {
      type: QueryTypes.SELECT,
    })
    // COUNT(*) arrives as a string on MySQL/PostgreSQL (bigint); a row count fits a JS number.
    losses.push({ table: drop.table, column: drop.column ?? null, rows: Number(row?.n ?? 0) })
  }
  return losses
}
