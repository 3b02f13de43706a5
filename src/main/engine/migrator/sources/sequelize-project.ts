import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Sequelize, type QueryInterface } from 'sequelize'
import { MigrationError, SequelizeStorage, Umzug, type UmzugStorage } from 'umzug'
import type { MigrationPlan, MigrationRun, MigrationSourceInfo, MigrationStatus } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { dialectOf } from '../catalog'
import { failureParts } from '../failure'
import { acquireRunLock, DEFAULT_LOCK_TIMEOUT_MS } from '../lock'
import { META_TABLE, readAppliedRecords } from '../meta-table'
import type { Direction, Migrator, Target } from '../migrator'
import { readOwnership } from '../ownership'
import type { MigrationProgress } from '../types'
import { SEQUELIZE_FILE } from './detect'
import { previewSequelizeProject } from './sequelize-preview'
import { withLocalMutex } from './local-mutex'
import { chooseMigrations, unknownTarget } from './select'

export interface ProjectMigratorOptions {
  onProgress?: (progress: MigrationProgress) => void
  lockTimeoutMs?: number
}

type MigrationFunction = (...args: unknown[]) => unknown

/**
 * A sequelize-cli / Umzug project's migrations, run in the main process over the session's
 * Sequelize instance as sequelize-cli runs them: each file loaded fresh with `require` (it is the
 * user's own project code), `up(queryInterface, Sequelize)` or Umzug's `up({ context })`, and its
 * name (the file name) recorded in SequelizeMeta exactly as sequelize-cli records it, so
 * `npx sequelize-cli db:migrate:status` in the project agrees with the panel.
 */
export function createSequelizeProjectMigrator(
  sequelize: Sequelize,
  source: MigrationSourceInfo,
  dir: string,
  options: ProjectMigratorOptions = {},
): Migrator {
  const dialect = dialectOf(sequelize)
  const names = () =>
    readdirSync(dir)
      .filter((name) => SEQUELIZE_FILE.test(name))
      .sort()
  const appliedNames = async () => new Set(((await readAppliedRecords(sequelize)) ?? []).map((r) => r.name))

  const status = async (): Promise<MigrationStatus> => {
    const records = (await readAppliedRecords(sequelize)) ?? []
    const appliedAt = new Map(records.map((r) => [r.name, r.appliedAt]))
    const migrations = names().map((name) => ({
      name,
      state: appliedAt.has(name) ? ('applied' as const) : ('pending' as const),
      appliedAt: appliedAt.get(name) ?? null,
    }))
    const current = migrations.filter((m) => m.state === 'applied').at(-1)?.name ?? null
    return { source, migrations, current, ownership: await readOwnership(sequelize, []) }
  }

  const choose = async (direction: Direction, to: Target) => {
    const all = names()
    if (typeof to === 'string' && !all.includes(to)) throw unknownTarget(to, all)
    return chooseMigrations(all, await appliedNames(), direction, to)
  }

  const run = async (direction: Direction, to: Target): Promise<MigrationRun> => {
    const all = names()
    if (typeof to === 'string' && !all.includes(to)) throw unknownTarget(to, all)
    const ran: string[] = []
    await withRunLock(sequelize, options.lockTimeoutMs, async () => {
      // Re-read under the lock: another runner may have applied some while we waited.
      const applied = await appliedNames()
      const chosen = chooseMigrations(all, applied, direction, to)
      const cliStorage = new SequelizeStorage({ sequelize, tableName: META_TABLE })
      const storage: UmzugStorage<QueryInterface> = {
        executed: async () => [...applied],
        logMigration: (params) => cliStorage.logMigration(params),
        unlogMigration: (params) => cliStorage.unlogMigration(params),
      }
      const queryInterface = sequelize.getQueryInterface()
      const umzug = new Umzug<QueryInterface>({
        migrations: all.map((name) => {
          const step = (which: Direction) => async () => {
            const index = chosen.indexOf(name)
            const report = (phase: MigrationProgress['phase']) => {
              try {
                options.onProgress?.({ direction, name, phase, index, total: chosen.length })
              } catch {
                // A progress listener must never break a migration.
              }
            }
            report('start')
            try {
              await callMigration(loadMigration(join(dir, name), which), queryInterface, name, join(dir, name))
            } catch (error) {
              report('failed')
              throw projectMigrationFailed(name, direction, error, ran, dialect)
            }
            ran.push(name)
            report('done')
          }
          return { name, path: join(dir, name), up: step('up'), down: step('down') }
        }),
        context: queryInterface,
        storage,
        logger: undefined,
      })
      try {
        await (direction === 'up' ? umzug.up({ migrations: chosen }) : umzug.down({ migrations: chosen }))
      } catch (error) {
        throw error instanceof MigrationError && error.cause instanceof AppError ? error.cause : error
      }
    })
    return { direction, ran, status: await status() }
  }

  return {
    status,
    async plan(direction, to): Promise<MigrationPlan> {
      const migrations = await choose(direction, to)
      return { direction, migrations, dataLoss: [], preview: await previewSequelizeProject(sequelize, dir, migrations, direction) }
    },
    up: (runOptions = {}) => run('up', runOptions.to),
    down: (runOptions = {}) => run('down', runOptions.to),
  }
}

/**
 * Servers: the run lock (GET_LOCK / advisory lock) on a pinned connection, while the project's code
 * uses the pool as under sequelize-cli. SQLite: its lock is a write transaction that the project's
 * statements could not pass, so one run at a time per file within this app (sequelize-cli takes none).
 */
export async function withRunLock(sequelize: Sequelize, timeoutMs: number | undefined, work: () => Promise<void>): Promise<void> {
  if (dialectOf(sequelize) === 'sqlite') {
    const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage
    return withLocalMutex(`sqlite:${storage ?? sequelize.config.database}`, work)
  }
  const lock = await acquireRunLock(sequelize, timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)
  let failure: Error | undefined
  try {
    await work()
  } catch (error) {
    failure = asError(error)
  }
  try {
    await lock.release()
  } catch (releaseError) {
    failure ??= asError(releaseError)
  }
  if (failure !== undefined) throw failure
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/** The file's `up` or `down`, loaded fresh (an edited file is read again), as sequelize-cli loads it. */
export function loadMigration(file: string, which: Direction): MigrationFunction {
  const load = createRequire(file)
  delete load.cache[load.resolve(file)]
  const loaded = load(file) as Record<string, unknown> | null
  const fn = loaded?.[which] ?? (loaded?.default as Record<string, unknown> | undefined)?.[which]
  if (typeof fn !== 'function') throw new Error(`${file} exports no ${which} function`)
  return fn as MigrationFunction
}

/**
 * sequelize-cli calls `up(queryInterface, Sequelize)`; Umzug calls `up({ name, path, context })`.
 * A function whose first parameter is destructured (`({ context })`) is an Umzug one.
 */
export function callMigration(fn: MigrationFunction, queryInterface: QueryInterface, name: string, path: string): unknown {
  return takesUmzugParams(fn) ? fn({ name, path, context: queryInterface }) : fn(queryInterface, Sequelize)
}

export function takesUmzugParams(fn: (...args: never[]) => unknown): boolean {
  const text = Function.prototype.toString.call(fn)
  return /^(?:async\s*)?(?:function\b[^(]*)?\(\s*\{/.test(text) || /^(?:async\s*)?\w+\s*\(\s*\{/.test(text)
}

function projectMigrationFailed(name: string, direction: Direction, cause: unknown, completed: string[], dialect: string): AppError {
  const { reason, verb, before, driverCode } = failureParts(cause, direction, completed)
  return new AppError({
    code: 'MIGRATION_FAILED',
    message: `Migration "${name}" failed while ${verb} it: ${reason}. It ran as sequelize-cli runs it, each statement on its own${dialect === 'mysql' ? ' (and MySQL commits each schema change at once)' : ''}, so what it did before the error may have stayed; it is not recorded as ${direction === 'up' ? 'applied' : 'reverted'} in ${META_TABLE}.${before}`,
    hint: 'Compare the tables this migration touches with what it does, undo or finish the partial change by hand, then run it again.',
    details: { migration: name, partiallyApplied: true, ...(driverCode ? { driverCode } : {}) },
  })
}
