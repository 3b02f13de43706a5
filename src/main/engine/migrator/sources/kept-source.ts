import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../../../shared/errors'
import type { StoredMigrationSource } from '../../../store/connections-store'
import type { Session } from '../../connection/sessions'
import { chooseSource, chosenSource, projectSource, type ChosenSource } from './index'

/** Where saved connections keep their migration source (the ConnectionStore, in the data folder). */
export interface SourceKeeper {
  migrationSource(id: string): StoredMigrationSource | null
  setMigrationSource(id: string, source: StoredMigrationSource | null): boolean
  /** Built-in connections (the sample, DATABASE_URL) are never written to disk. */
  isBuiltIn(id: string): boolean
}

const KIND_WORDS: Record<StoredMigrationSource['kind'], string> = {
  sequelize: 'sequelize-cli / Umzug',
  alembic: 'Flask-Migrate / Alembic',
  sql: 'SQL',
}

/**
 * The session's migration source. A session opened from a saved connection uses the one kept with
 * it in the data folder, so the choice survives a restart; a pasted URL (or a built-in connection)
 * keeps its choice for as long as this process runs.
 */
export function keptSource(keeper: SourceKeeper, session: Session): ChosenSource {
  const id = session.savedConnectionId
  if (id === null || keeper.isBuiltIn(id)) return chosenSource(session.info.display)
  const stored = keeper.migrationSource(id)
  return stored ? restore(stored) : { kind: 'rowboat' }
}

/** Keeps the choice with the saved connection when the session has one, else for this process. */
export function keepSource(keeper: SourceKeeper, session: Session, source: ChosenSource): void {
  const id = session.savedConnectionId
  const stored: StoredMigrationSource | null =
    source.kind !== 'project'
      ? null
      : {
          folder: source.project.root,
          kind: source.project.kind,
          ...(source.interpreter !== undefined ? { interpreter: source.interpreter } : {}),
        }
  if (id !== null && keeper.setMigrationSource(id, stored)) return
  chooseSource(session.info.display, source)
}

/** A kept source as it is now: recognised again (the folder may have changed), or what is wrong with it in plain words. */
function restore(stored: StoredMigrationSource): ChosenSource {
  const folderName = basename(stored.folder)
  const unavailable = (problem: string): ChosenSource => ({ kind: 'unavailable', folderName, expected: stored.kind, problem })
  if (!statSync(stored.folder, { throwIfNoEntry: false })?.isDirectory()) {
    return unavailable(
      `The project folder ${stored.folder}, chosen for this connection's migrations, no longer exists (it was moved, renamed or deleted).`,
    )
  }
  if (stored.interpreter !== undefined && !existsSync(stored.interpreter)) {
    return unavailable(`The Python interpreter ${stored.interpreter}, which runs this project's Alembic, no longer exists.`)
  }
  try {
    return projectSource(stored.folder, folderName, stored.interpreter)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return unavailable(`Rowboat no longer finds the ${KIND_WORDS[stored.kind]} migrations in ${stored.folder}: ${error.message}`)
  }
}
