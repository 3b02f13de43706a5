/**
 * Row counts that never block on a big table. The rule, for every dialect:
 * 1. the catalog's statistics say the table is big → answer that estimate (exact: false);
 * 2. otherwise count, but at most EXACT_COUNT_LIMIT + 1 rows (`LIMIT` in a subquery), so stale or
 *    missing statistics cannot turn into a full scan of a huge table;
 * 3. the bounded count hit its cap → the best estimate we have (statistics, the planner, or the
 *    cap itself), exact: false.
 */
import type { Sequelize } from 'sequelize'
import type { RowCount } from '../../../shared/contract'
import { numberOf, quoteName, selectRows, type DialectCatalog, type Relation } from './catalog'

export const EXACT_COUNT_LIMIT = 50_000

export async function countRows(sequelize: Sequelize, catalog: DialectCatalog, relation: Relation): Promise<RowCount> {
  const stats = await catalog.estimateRows(sequelize, relation)
  if (stats !== null && stats >= EXACT_COUNT_LIMIT) return { value: Math.round(stats), exact: false }

  const cap = EXACT_COUNT_LIMIT + 1
  const [row] = await selectRows<{ n: unknown }>(
    sequelize,
    `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM ${quoteName(sequelize, relation.name)} LIMIT ${cap}) AS bounded`,
  )
  const seen = numberOf(row?.n) ?? 0
  if (seen < cap) return { value: seen, exact: true }

  const planner = relation.kind === 'table' ? await catalog.plannerRows(sequelize, relation) : null
  return { value: Math.round(Math.max(seen, stats ?? 0, planner ?? 0)), exact: false }
}
