import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize'
import type { MigrationPlan, MigrationRun, MigrationSourceInfo, MigrationStatus } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { columnNames, dialectOf } from '../catalog'
import { measureDataLoss } from '../data-loss'
import { failureParts } from '../failure'
import { acquireRunLock, DEFAULT_LOCK_TIMEOUT_MS } from '../lock'
import type { Direction, Migrator, Target } from '../migrator'
import { readOwnership } from '../ownership'
import type { MigrationDrop } from '../types'
import { SQL_UP_FILE, type ProjectMigrations } from './detect'
import { chooseMigrations, unknownTarget } from './select'
import type { ProjectMigratorOptions } from './sequelize-project'
import { splitSqlStatements } from './sql-split'

type SqlProject = Extract<ProjectMigrations, { kind: 'sql' }>

interface SqlMigration {
  /** The file's leading number, as the tool records it. */
  version: string
  /** The file name without `.up.sql` / `.sql`: what the panel lists. */
  name: string
  up: string
  down: string | null
  file: string
}

const TABLE = 'schema_migrations'

/** golang-migrate (`N_name.up.sql` + `.down.sql`) or dbmate (`N_name.sql` with `-- migrate:up` / `-- migrate:down`). */
export function readSqlMigrations(project: SqlProject): SqlMigration[] {
  const files = readdirSync(project.dir).sort()
  const migrations: SqlMigration[] = []
  if (project.style === 'golang-migrate') {
    for (const file of files) {
      const match = SQL_UP_FILE.exec(file)
      if (!match) continue
      const stem = file.slice(0, -'.up.sql'.length)
      const downFile = files.includes(`${stem}.down.sql`) ? readFileSync(join(project.dir, `${stem}.down.sql`), 'utf8') : null
      migrations.push({ version: match[1], name: stem, up: readFileSync(join(project.dir, file), 'utf8'), down: downFile, file })
    }
  } else {
    for (const file of files) {
      const match = /^(\d+)_?.*\.sql$/.exec(file)
      if (!match) continue
      const text = readFileSync(join(project.dir, file), 'utf8')
      const up = /^--\s*migrate:up[^\n]*\n([\s\S]*?)(?=^--\s*migrate:down|(?![\s\S]))/m.exec(text)?.[1]
      if (up === undefined) continue
      const down = /^--\s*migrate:down[^\n]*\n([\s\S]*)$/m.exec(text)?.[1] ?? null
      migrations.push({ version: match[1], name: file.slice(0, -'.sql'.length), up, down, file })
    }
  }
  return migrations.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0))
}

/**
 * A folder of plain SQL migrations, applied statement by statement under the run lock, each with
 * its record in one transaction where the dialect allows (PostgreSQL, SQLite; MySQL commits DDL at
 * once). State is kept in the tool's own `schema_migrations`, the way the tool writes it, so
 * `migrate version` / `dbmate status` agree: golang-migrate one row (version, dirty), dbmate a row per version.
 */
export function createSqlFolderMigrator(
  sequelize: Sequelize,
  source: MigrationSourceInfo,
  project: SqlProject,
  options: ProjectMigratorOptions = {},
): Migrator {
  const dialect = dialectOf(sequelize)
  const golang = project.style === 'golang-migrate'
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)

  /** The applied versions, and golang-migrate's dirty flag. Read-only. */
  const readState = async (transaction?: Transaction): Promise<{ applied: Set<string>; dirty: string | null }> => {
    const columns = await columnNames(sequelize, TABLE, transaction)
    if (columns.length === 0) return { applied: new Set(), dirty: null }
    if (golang !== columns.includes('dirty')) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `This database's ${TABLE} table was written by ${golang ? 'another tool (it has no dirty column)' : 'golang-migrate (it has a dirty column)'}, not by ${project.style}, the style of this folder. Nothing was changed.`,
        hint: 'Choose the folder whose tool made this database, or migrate it with that tool.',
      })
    }
    const rows = await sequelize.query<{ version: unknown; dirty?: unknown }>(`SELECT * FROM ${q(TABLE)}`, {
      type: QueryTypes.SELECT,
      transaction,
    })
    if (!golang) return { applied: new Set(rows.map((r) => String(r.version))), dirty: null }
    const row = rows[0]
    if (!row) return { applied: new Set(), dirty: null }
    const current = BigInt(String(row.version))
    const isDirty = row.dirty === true || row.dirty === 1 || row.dirty === '1' || row.dirty === 't'
    const applied = new Set(
      readSqlMigrations(project)
        .filter((m) => BigInt(m.version) <= current)
        .map((m) => m.version),
    )
    // A dirty version failed halfway: golang-migrate counts it as its current version, not as clean.
    return { applied, dirty: isDirty ? String(row.version) : null }
  }

  const names = (all: SqlMigration[], versions: Set<string>) => new Set(all.filter((m) => versions.has(m.version)).map((m) => m.name))

  const status = async (): Promise<MigrationStatus> => {
    const all = readSqlMigrations(project)
    const { applied } = await readState()
    const migrations = all.map((m) => ({
      name: m.name,
      state: applied.has(m.version) ? ('applied' as const) : ('pending' as const),
      appliedAt: null,
    }))
    return {
      source,
      migrations,
      current: migrations.filter((m) => m.state === 'applied').at(-1)?.name ?? null,
      ownership: await readOwnership(sequelize, []),
    }
  }

  const choose = (all: SqlMigration[], applied: Set<string>, direction: Direction, to: Target): SqlMigration[] => {
    if (typeof to === 'string' && !all.some((m) => m.name === to))
      throw unknownTarget(
        to,
        all.map((m) => m.name),
      )
    const chosen = chooseMigrations(
      all.map((m) => m.name),
      names(all, applied),
      direction,
      to,
    ).map((name) => all.find((m) => m.name === name)!)
    const noDown = direction === 'down' ? chosen.find((m) => m.down === null) : undefined
    if (noDown)
      throw new AppError({
        code: 'INVALID_INPUT',
        field: 'to',
        message: `${noDown.name} has no down migration (${golang ? `${noDown.name}.down.sql` : '-- migrate:down'}), so it cannot be rolled back.`,
      })
    return chosen
  }

  const sqlOf = (m: SqlMigration, direction: Direction) => (direction === 'up' ? m.up : (m.down ?? ''))

  const run = async (direction: Direction, to: Target): Promise<MigrationRun> => {
    const lock = await acquireRunLock(sequelize, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)
    const ran: string[] = []
    let failure: Error | undefined
    try {
      const all = readSqlMigrations(project)
      // Re-read under the lock: another runner may have moved on while we waited.
      const state = await readState(lock.transaction)
      if (state.dirty !== null) {
        throw new AppError({
          code: 'MIGRATION_FAILED',
          message: `golang-migrate marks version ${state.dirty} dirty: a migration failed partway and the schema may be half changed. Rowboat will not run anything on top of it.`,
          hint: `Repair the schema by hand, then mark the version clean with "migrate force ${state.dirty}" (or the version before it).`,
          details: { partiallyApplied: true },
        })
      }
      const chosen = choose(all, state.applied, direction, to)
      await ensureTable(lock.transaction)
      for (const [index, migration] of chosen.entries()) {
        const report = (phase: 'start' | 'done' | 'failed') => {
          try {
            options.onProgress?.({ direction, name: migration.name, phase, index, total: chosen.length })
          } catch {
            // A progress listener must never break a run.
          }
        }
        report('start')
        const position = all.indexOf(migration)
        // golang-migrate records the version it moves to: the previous file's after a rollback, none before the first.
        const recordVersion = direction === 'up' ? migration.version : position > 0 ? all[position - 1].version : null
        const transaction =
          dialect === 'mysql' ? undefined : await sequelize.transaction(lock.transaction ? { transaction: lock.transaction } : {})
        const at = transaction ?? lock.transaction
        try {
          // MySQL cannot undo DDL: like golang-migrate, mark the version dirty while it runs.
          if (golang && dialect === 'mysql') await setGolangVersion(migration.version, true, at)
          for (const statement of splitSqlStatements(sqlOf(migration, direction), { backslashEscapes: dialect === 'mysql' })) {
            await sequelize.query(statement, { transaction: at, raw: true })
          }
          if (golang) await setGolangVersion(recordVersion, false, at)
          else if (direction === 'up')
            await sequelize.query(`INSERT INTO ${q(TABLE)} (version) VALUES (:v)`, {
              replacements: { v: migration.version },
              transaction: at,
            })
          else
            await sequelize.query(`DELETE FROM ${q(TABLE)} WHERE version = :v`, { replacements: { v: migration.version }, transaction: at })
          await transaction?.commit()
        } catch (error) {
          await transaction?.rollback().catch(() => undefined)
          report('failed')
          throw sqlMigrationFailed(migration, direction, error, ran, dialect === 'mysql')
        }
        ran.push(migration.name)
        report('done')
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error))
    }
    try {
      await lock.release()
    } catch (releaseError) {
      failure ??= releaseError instanceof Error ? releaseError : new Error(String(releaseError))
    }
    if (failure !== undefined) throw failure
    return { direction, ran, status: await status() }
  }

  /** The table as the tool itself creates it, so the tool keeps working on it afterwards. */
  const ensureTable = async (transaction?: Transaction) => {
    if ((await columnNames(sequelize, TABLE, transaction)).length > 0) return
    const statements = golang
      ? {
          sqlite: [
            'CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)',
            'CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)',
          ],
          mysql: ['CREATE TABLE IF NOT EXISTS `schema_migrations` (version bigint not null primary key, dirty boolean not null)'],
          postgres: ['CREATE TABLE IF NOT EXISTS "schema_migrations" (version bigint not null primary key, dirty boolean not null)'],
        }[dialect]
      : [`CREATE TABLE IF NOT EXISTS ${q(TABLE)} (version varchar(128) primary key)`]
    for (const statement of statements) await sequelize.query(statement, { transaction })
  }

  /** golang-migrate's SetVersion: the table holds one row, or none when nothing is applied. */
  const setGolangVersion = async (version: string | null, dirty: boolean, transaction?: Transaction) => {
    await sequelize.query(`DELETE FROM ${q(TABLE)}`, { transaction })
    if (version === null) return
    const flag = dialect === 'postgres' ? (dirty ? 'true' : 'false') : dirty ? '1' : '0'
    await sequelize.query(`INSERT INTO ${q(TABLE)} (version, dirty) VALUES (:v, ${flag})`, { replacements: { v: version }, transaction })
  }

  return {
    status,
    async plan(direction, to): Promise<MigrationPlan> {
      const all = readSqlMigrations(project)
      const chosen = choose(all, (await readState()).applied, direction, to)
      const sql = chosen
        .map(
          (m) =>
            `-- ${direction === 'up' ? m.file : golang ? `${m.name}.down.sql` : `${m.file} (migrate:down)`}\n${sqlOf(m, direction).trim()}\n`,
        )
        .join('\n')
      const dataLoss =
        direction === 'down'
          ? await measureDataLoss(
              sequelize,
              chosen.flatMap((m) => dropsIn(m.down ?? '')),
            )
          : []
      return { direction, migrations: chosen.map((m) => m.name), dataLoss, preview: { kind: 'sql', sql } }
    },
    up: (runOptions = {}) => run('up', runOptions.to),
    down: (runOptions = {}) => run('down', runOptions.to),
  }
}

/** Tables and columns a down migration drops, found in its text, so the rollback first says how many rows hold data there. */
export function dropsIn(sql: string): MigrationDrop[] {
  const name = String.raw`[\`"\[]?([A-Za-z_][\w$]*)[\`"\]]?`
  const drops: MigrationDrop[] = []
  for (const m of sql.matchAll(new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${name}`, 'gi'))) drops.push({ table: m[1] })
  for (const m of sql.matchAll(
    new RegExp(String.raw`\bALTER\s+TABLE\s+(?:ONLY\s+)?${name}\s+DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?${name}`, 'gi'),
  )) {
    if (!/^(CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN)$/i.test(m[2])) drops.push({ table: m[1], column: m[2] })
  }
  return drops
}

function sqlMigrationFailed(migration: SqlMigration, direction: Direction, cause: unknown, completed: string[], mysql: boolean): AppError {
  const { reason, verb, before, driverCode } = failureParts(cause, direction, completed)
  return new AppError({
    code: 'MIGRATION_FAILED',
    message: mysql
      ? `Migration "${migration.name}" failed while ${verb} it: ${reason}. MySQL/MariaDB commit each schema change at once, so part of it may be applied; it is not recorded as done.${before}`
      : `Migration "${migration.name}" failed while ${verb} it: ${reason}. Everything it changed was rolled back; the database is as it was before it.${before}`,
    hint: mysql
      ? 'Compare the tables it touches with its SQL, finish or undo the partial change by hand, then run it again.'
      : 'Fix the SQL or the data, then run it again.',
    details: {
      migration: migration.name,
      partiallyApplied: mysql,
      ...(driverCode ? { driverCode } : {}),
    },
  })
}
