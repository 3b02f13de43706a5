import type { Sequelize } from 'sequelize'
import type { MigrationRun } from '../../../shared/contract'
import { createMigrator } from './migrator'
import type { MigratorOptions } from './types'

export { createMigrator, type Migrator, type Direction, type Target } from './migrator'
export { readMigrationSummary } from './summary'
export { acquireRunLock, DEFAULT_LOCK_TIMEOUT_MS, type RunLock } from './lock'
export { META_TABLE } from './meta-table'
export type { Migration, MigrationContext, MigrationDrop, MigrationProgress, MigratorOptions } from './types'

/** Applies every pending migration (e.g. to set up the sample database). */
export function applyPendingMigrations(sequelize: Sequelize, options?: MigratorOptions): Promise<MigrationRun> {
  return createMigrator(sequelize, options).up()
}
