import type { QueryInterface, Sequelize, Transaction } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'

/** What a migration's up/down receives. */
export interface MigrationContext {
  queryInterface: QueryInterface
  sequelize: Sequelize
  dialect: Dialect
  /**
   * Pass this to every query (`{ transaction }`): on PostgreSQL and SQLite the migration and its
   * SequelizeMeta row commit together. Undefined on MySQL, whose DDL commits on its own.
   */
  transaction: Transaction | undefined
}

/** A table (or one column of it) that a migration's `down` destroys. */
export interface MigrationDrop {
  table: string
  column?: string
}

export interface Migration {
  /** Unique and sortable; recorded in SequelizeMeta. */
  name: string
  up(ctx: MigrationContext): Promise<void>
  down(ctx: MigrationContext): Promise<void>
  /**
   * What `down` throws away, so a rollback can first say how many rows hold data there. It is also
   * what `up` creates: if any of it exists before `up` runs, something else made it, and the
   * migration refuses to run rather than build over it (or later drop what it never made).
   */
  drops?: MigrationDrop[]
}

/** One step of a run, as it happens (index is 0-based within the run). */
export interface MigrationProgress {
  direction: 'up' | 'down'
  name: string
  phase: 'start' | 'done' | 'failed'
  index: number
  total: number
}

export interface MigratorOptions {
  /** The migrations, oldest first; the app's own list when absent. */
  migrations?: Migration[]
  onProgress?: (progress: MigrationProgress) => void
  /** How long a run waits for another runner's lock before giving up (default 60 s). */
  lockTimeoutMs?: number
}
