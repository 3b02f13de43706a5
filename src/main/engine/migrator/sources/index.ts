import type { Sequelize } from 'sequelize'
import type { MigrationSourceInfo } from '../../../../shared/contract'
import { createMigrator, ROWBOAT_SOURCE, type Migrator } from '../migrator'
import type { MigrationProgress } from '../types'
import { detectProject, type ProjectMigrations } from './detect'
import { createAlembicMigrator, projectPython } from './alembic-project'
import { createUnavailableMigrator } from './unavailable'
import { createSequelizeProjectMigrator } from './sequelize-project'
import { createSqlFolderMigrator } from './sql-folder'

export { detectProject, type ProjectMigrations } from './detect'
export { sqlalchemyUrl } from './sqlalchemy-url'
export { writeNewMigration } from './new-migration'
export { keptSource, keepSource, type SourceKeeper } from './kept-source'
export { checkInterpreter } from './interpreter-check'
export { alembicTool } from './alembic-project'

/**
 * Where a connection's migrations come from: Rowboat's set, a project folder (recognised; for
 * Alembic with the interpreter that runs its tool), or a kept choice that no longer holds (the
 * folder is gone): shown with what is wrong, never run.
 */
export type ChosenSource =
  | { kind: 'rowboat' }
  | { kind: 'project'; folderName: string; project: ProjectMigrations; interpreter?: string }
  | { kind: 'unavailable'; folderName: string; expected: ProjectMigrations['kind']; problem: string }

/**
 * The source chosen per connection, for as long as this process runs. Keyed by the connection's
 * display (its URL without password), so every session opened from one saved connection shares it.
 */
const chosen = new Map<string, ChosenSource>()

export function chooseSource(connectionKey: string, source: ChosenSource): void {
  if (source.kind === 'rowboat') chosen.delete(connectionKey)
  else chosen.set(connectionKey, source)
}

export function chosenSource(connectionKey: string): ChosenSource {
  return chosen.get(connectionKey) ?? { kind: 'rowboat' }
}

/**
 * Recognises a granted project folder (throws INVALID_INPUT naming what it looked for). An Alembic
 * project's interpreter is chosen now (the project's virtualenv, else Debian's python3) and kept with it.
 */
export function projectSource(folder: string, folderName: string, interpreter?: string): ChosenSource {
  const project = detectProject(folder)
  if (project.kind !== 'alembic') return { kind: 'project', folderName, project }
  return { kind: 'project', folderName, project, interpreter: interpreter ?? projectPython(project.root) }
}

const TABLE: Record<ProjectMigrations['kind'], string> = {
  sequelize: 'SequelizeMeta',
  alembic: 'alembic_version',
  sql: 'schema_migrations',
}

export function sourceInfo(source: ChosenSource): MigrationSourceInfo {
  if (source.kind === 'rowboat') return ROWBOAT_SOURCE
  if (source.kind === 'unavailable') {
    const { expected, folderName, problem } = source
    return { kind: expected, folder: folderName, found: problem, table: TABLE[expected], canRun: false, problem }
  }
  const { project } = source
  const info: MigrationSourceInfo = {
    kind: project.kind,
    folder: source.folderName,
    found: project.found,
    table: TABLE[project.kind],
    canRun: true,
  }
  return source.interpreter !== undefined ? { ...info, interpreter: source.interpreter } : info
}

export interface SourceMigratorOptions {
  onProgress?: (progress: MigrationProgress) => void
  lockTimeoutMs?: number
  /** The connection as a SQLAlchemy URL, for Alembic projects (their tool runs in a child process). */
  databaseUrl?: string
  /** Alembic: each line its tool prints during a run. */
  onOutput?: (stream: 'stdout' | 'stderr', line: string) => void
  /** Alembic: aborting stops its tool; the run answers CANCELLED. */
  signal?: AbortSignal
}

export function createSourceMigrator(sequelize: Sequelize, source: ChosenSource, options: SourceMigratorOptions = {}): Migrator {
  if (source.kind === 'rowboat') return createMigrator(sequelize, options)
  if (source.kind === 'unavailable') return createUnavailableMigrator(sequelize, sourceInfo(source), source.problem)
  const { project } = source
  switch (project.kind) {
    case 'sequelize':
      return createSequelizeProjectMigrator(sequelize, sourceInfo(source), project.dir, options)
    case 'alembic':
      return createAlembicMigrator(sequelize, sourceInfo(source), project, {
        ...options,
        databaseUrl: options.databaseUrl ?? '',
        python: source.interpreter,
      })
    case 'sql':
      return createSqlFolderMigrator(sequelize, sourceInfo(source), project, options)
  }
}
