import type { Sequelize } from 'sequelize'
import type { MigrationSourceInfo } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { Migrator } from '../migrator'
import { readOwnership } from '../ownership'

/**
 * The migrator of a kept source that no longer holds (its project folder is gone): the status
 * says what is wrong and lists nothing; planning and running refuse with the same words.
 */
export function createUnavailableMigrator(sequelize: Sequelize, source: MigrationSourceInfo, problem: string): Migrator {
  const refuse = (): never => {
    throw new AppError({
      code: 'NOT_FOUND',
      message: problem,
      hint: "Choose the project folder again (where it is now), or use Rowboat's sample schema.",
    })
  }
  return {
    status: async () => ({ source, migrations: [], current: null, ownership: await readOwnership(sequelize, []) }),
    plan: async () => refuse(),
    up: async () => refuse(),
    down: async () => refuse(),
  }
}
