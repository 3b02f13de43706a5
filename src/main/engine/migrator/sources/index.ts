import type { Sequelize } from 'sequelize'
import type { MigrationSourceInfo } from '../../../../shared/contract'
import { createMigrator, ROWBOAT_SOURCE, type Migrator } from '../migrator'
import type { MigrationProgress } from '../types'
import { detectProject, type ProjectMigrations } from './detect'
import { createAlembicMigrator } from './alembic-project'
import { createSequelizeProjectMigrator } from './sequelize-project'
import { createSqlFolderMigrator } from './sql-folder'

export { detectProject, type ProjectMigrations } from './detect'
export { sqlalchemyUrl } from './sqlalchemy-url'
export { writeNewMigration } from './new-migration'

/** Where a connection's migrations come from: Rowboat's set, or a project folder (recognised). */
export type ChosenSource = { kind: 'rowboat' } | { kind: 'project'; folderName: string; project: ProjectMigrations }

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

/** Recognises a granted project folder (throws INVALID_INPUT naming what it looked for). */
export function projectSource(folder: string, folderName: string): ChosenSource {
  return { kind: 'project', folderName, project: detectProject(folder) }
}

export function sourceInfo(source: ChosenSource): MigrationSourceInfo {
  if (source.kind === 'rowboat') return ROWBOAT_SOURCE
  const { project } = source
  const table = project.kind === 'sequelize' ? 'SequelizeMeta' : project.kind === 'alembic' ? 'alembic_version' : 'schema_migrations'
  return { kind: project.kind, folder: source.folderName, found: project.found, table, canRun: true }
}

export interface SourceMigratorOptions {
  onProgress?: (progress: MigrationProgress) => void
  lockTimeoutMs?: number
  /** The connection as a SQLAlchemy URL, for Alembic projects (their tool runs in a child process). */
  databaseUrl?: string
}

export function createSourceMigrator(sequelize: Sequelize, source: ChosenSource, options: SourceMigratorOptions = {}): Migrator {
  if (source.kind === 'rowboat') return createMigrator(sequelize, options)
  const { project } = source
  switch (project.kind) {
    case 'sequelize':
      return createSequelizeProjectMigrator(sequelize, sourceInfo(source), project.dir, options)
    case 'alembic':
      return createAlembicMigrator(sequelize, sourceInfo(source), project, { ...options, databaseUrl: options.databaseUrl ?? '' })
    case 'sql':
      return createSqlFolderMigrator(sequelize, sourceInfo(source), project, options)
  }
}
