import type { Sequelize } from 'sequelize'
import type { MigrationSummary } from '../../../shared/contract'
import { migrations as bundledMigrations } from '../../../../migrations'
import { readAppliedRecords } from './meta-table'
import { readOwnership } from './ownership'
import type { Migration } from './types'

/**
 * Where the database stands against the app's migrations, for "test connection": at most two
 * cheap reads and a look at the catalog; never creates or changes anything.
 */
export async function readMigrationSummary(sequelize: Sequelize, migrations: Migration[] = bundledMigrations): Promise<MigrationSummary> {
  const records = await readAppliedRecords(sequelize)
  const applied = new Set((records ?? []).map((r) => r.name))
  const appliedOurs = migrations.filter((m) => applied.has(m.name))
  return {
    tracked: records !== null,
    applied: appliedOurs.length,
    pending: migrations.length - appliedOurs.length,
    current: appliedOurs.at(-1)?.name ?? null,
    ownership: await readOwnership(sequelize, migrations),
  }
}
