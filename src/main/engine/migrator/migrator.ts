import { Umzug, MigrationError, type UmzugStorage } from 'umzug'
import type { Sequelize, Transaction } from 'sequelize'
import type { MigrationPlan, MigrationRun, MigrationSourceInfo, MigrationStatus } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { migrations as bundledMigrations } from '../../../../migrations'
import { dialectOf } from './catalog'
import { measureDataLoss } from './data-loss'
import { migrationFailed } from './failure'
import { acquireRunLock, DEFAULT_LOCK_TIMEOUT_MS, type RunLock } from './lock'
import { ensureMetaTable, readAppliedRecords, recordApplied, recordReverted } from './meta-table'
import { assertNothingInTheWay, notOursError, readOwnership } from './ownership'
import { trialRun } from './sources/sequelize-preview'
import type { Migration, MigrationContext, MigratorOptions } from './types'

export type Direction = 'up' | 'down'

/** Rowboat's bundled sample set, the source every connection starts with. */
export const ROWBOAT_SOURCE: MigrationSourceInfo = {
  kind: 'rowboat',
  folder: null,
  found: "Rowboat's sample schema (users, posts, notes): five bundled migrations",
  table: 'SequelizeMeta',
  canRun: true,
}
/** Up: through this name (all pending when absent). Down: down to and including it (the last when absent; 0 = all). */
export type Target = string | 0 | undefined

export interface Migrator {
  status(): Promise<MigrationStatus>
  plan(direction: Direction, to?: Target): Promise<MigrationPlan>
  up(options?: { to?: string }): Promise<MigrationRun>
  down(options?: { to?: string | 0 }): Promise<MigrationRun>
}

export function createMigrator(sequelize: Sequelize, options: MigratorOptions = {}): Migrator {
  const migrations = options.migrations ?? bundledMigrations
  const dialect = dialectOf(sequelize)
  const indexOf = new Map(migrations.map((m, i) => [m.name, i]))

  const assertKnown = (to: Target) => {
    if (typeof to === 'string' && !indexOf.has(to)) {
      throw new AppError({
        code: 'MIGRATION_NOT_FOUND',
        message: `There is no migration named "${to.slice(0, 200)}". The migrations are: ${migrations.map((m) => m.name).join(', ')}.`,
        hint: 'Pick one of the listed migrations.',
        field: 'to',
      })
    }
  }

  const appliedNames = async (transaction?: Transaction) =>
    new Set(((await readAppliedRecords(sequelize, transaction)) ?? []).map((r) => r.name))

  /** The migrations a run would execute, in execution order, given what is applied now. */
  const select = (direction: Direction, to: Target, applied: Set<string>): Migration[] => {
    const limit = typeof to === 'string' ? indexOf.get(to)! : undefined
    if (direction === 'up') {
      return migrations.filter((m, i) => !applied.has(m.name) && (limit === undefined || i <= limit))
    }
    const newestFirst = migrations.filter((m) => applied.has(m.name)).reverse()
    if (to === 0) return newestFirst
    if (limit === undefined) return newestFirst.slice(0, 1)
    return newestFirst.filter((m) => indexOf.get(m.name)! >= limit)
  }

  /** Refuses (NOT_ROWBOAT_SCHEMA) on a database that Rowboat's migrations did not make. */
  const assertOurs = async (transaction?: Transaction) => {
    const ownership = await readOwnership(sequelize, migrations, transaction)
    if (!ownership.managed) throw notOursError(ownership)
  }

  const status = async (): Promise<MigrationStatus> => {
    const records = (await readAppliedRecords(sequelize)) ?? []
    const appliedAt = new Map(records.map((r) => [r.name, r.appliedAt]))
    const list = migrations.map((m) => ({
      name: m.name,
      state: appliedAt.has(m.name) ? ('applied' as const) : ('pending' as const),
      appliedAt: appliedAt.get(m.name) ?? null,
    }))
    const ownership = await readOwnership(sequelize, migrations)
    return { source: ROWBOAT_SOURCE, migrations: list, current: list.filter((m) => m.state === 'applied').at(-1)?.name ?? null, ownership }
  }

  const run = async (direction: Direction, to: Target): Promise<MigrationRun> => {
    assertKnown(to)
    const lock = await acquireRunLock(sequelize, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)
    const ran: string[] = []
    let failure: unknown
    try {
      // Checked under the lock, before anything is created: another runner cannot slip in between.
      await assertOurs(lock.transaction)
      // Re-read under the lock: another runner may have applied some while we waited.
      const applied = await appliedNames(lock.transaction)
      const chosen = select(direction, to, applied)
      if (direction === 'up') await assertNothingInTheWay(sequelize, chosen, lock.transaction)
      await ensureMetaTable(sequelize, lock.transaction)
      const umzug = createUmzug(migrations, applied, (migration) =>
        runOne(migration, direction, chosen.indexOf(migration), chosen.length, lock, ran),
      )
      await (direction === 'up'
        ? umzug.up({ migrations: chosen.map((m) => m.name) })
        : umzug.down({ migrations: chosen.map((m) => m.name) }))
    } catch (error) {
      failure = error instanceof MigrationError && error.cause instanceof AppError ? error.cause : error
    }
    // Released even after a failure; on SQLite this commits the migrations that completed.
    try {
      await lock.release()
    } catch (releaseError) {
      failure ??= releaseError
    }
    if (failure !== undefined) throw failure as Error
    return { direction, ran, status: await status() }
  }

  /** One migration and its SequelizeMeta row, in one transaction where the dialect allows DDL in one. */
  const runOne = async (migration: Migration, direction: Direction, index: number, total: number, lock: RunLock, ran: string[]) => {
    const report = (phase: 'start' | 'done' | 'failed') => {
      try {
        options.onProgress?.({ direction, name: migration.name, phase, index, total })
      } catch {
        // A progress listener must never break a migration.
      }
    }
    report('start')
    // SQLite: a savepoint inside the run's write transaction (the lock). PostgreSQL: its own transaction.
    const transaction =
      dialect === 'mysql' ? undefined : await sequelize.transaction(lock.transaction ? { transaction: lock.transaction } : {})
    const ctx: MigrationContext = { queryInterface: sequelize.getQueryInterface(), sequelize, dialect, transaction }
    try {
      await migration[direction](ctx)
      if (direction === 'up') await recordApplied(sequelize, migration.name, transaction)
      else await recordReverted(sequelize, migration.name, transaction)
      await transaction?.commit()
    } catch (error) {
      // Throws when COMMIT itself failed (the transaction is over already): nothing left to undo then.
      await transaction?.rollback().catch(() => undefined)
      report('failed')
      throw migrationFailed({ name: migration.name, direction, dialect, cause: error, completed: [...ran] })
    }
    ran.push(migration.name)
    report('done')
  }

  return {
    status,
    async plan(direction, to) {
      assertKnown(to)
      await assertOurs()
      const chosen = select(direction, to, await appliedNames())
      const dataLoss =
        direction === 'down'
          ? await measureDataLoss(
              sequelize,
              chosen.flatMap((m) => m.drops ?? []),
            )
          : []
      // Tried for real in a transaction that is rolled back (PostgreSQL, SQLite); MySQL says why not.
      const preview = await trialRun(sequelize, chosen.length, async (probe, note) => {
        for (const migration of chosen) {
          note(`-- ${migration.name} (${direction})`)
          await migration[direction]({ queryInterface: probe.getQueryInterface(), sequelize: probe, dialect, transaction: undefined })
        }
      })
      return { direction, migrations: chosen.map((m) => m.name), dataLoss, preview }
    },
    up: (runOptions = {}) => run('up', runOptions.to),
    down: (runOptions = {}) => run('down', runOptions.to),
  }
}

/**
 * Umzug runs the chosen migrations in order and checks each is in the state its direction needs.
 * Its storage only reads (what we just read under the lock): each migration records itself in
 * SequelizeMeta inside its own transaction (runOne), which Umzug's separate log step could not share.
 */
function createUmzug(all: Migration[], applied: Set<string>, execute: (migration: Migration) => Promise<void>): Umzug<object> {
  const storage: UmzugStorage<object> = {
    executed: async () => all.filter((m) => applied.has(m.name)).map((m) => m.name),
    logMigration: async () => undefined,
    unlogMigration: async () => undefined,
  }
  return new Umzug<object>({
    migrations: all.map((migration) => ({ name: migration.name, up: () => execute(migration), down: () => execute(migration) })),
    storage,
    context: {},
    logger: undefined,
  })
}
