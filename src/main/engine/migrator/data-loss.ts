import { QueryTypes, type Sequelize } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import type { DataLoss } from '../../../shared/contract'
import { quoteIdentifier } from '../records/identifiers'
import { columnNames } from './catalog'
import type { MigrationDrop } from './types'

/**
 * How many rows hold data in what a rollback would drop: all rows of a dropped table, non-null
 * values of a dropped column. Only where the table (and column) exists now; read-only.
 */
export async function measureDataLoss(sequelize: Sequelize, drops: MigrationDrop[]): Promise<DataLoss[]> {
  const quote = (name: string) => quoteIdentifier(sequelize.getDialect() as Dialect, name)
  const seen = new Set<string>()
  const losses: DataLoss[] = []
  for (const drop of drops) {
    const key = `${drop.table}\u0000${drop.column ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    const columns = await columnNames(sequelize, drop.table)
    if (columns.length === 0 || (drop.column !== undefined && !columns.includes(drop.column))) continue
    const where = drop.column === undefined ? '' : ` WHERE ${quote(drop.column)} IS NOT NULL`
    const [row] = await sequelize.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${quote(drop.table)}${where}`, {
      type: QueryTypes.SELECT,
    })
    // COUNT(*) arrives as a string on MySQL/PostgreSQL (bigint); a row count fits a JS number.
    losses.push({ table: drop.table, column: drop.column ?? null, rows: Number(row?.n ?? 0) })
  }
  return losses
}
