import type { ConnectionUrlInput, CreatedDatabase } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'

/**
 * connections.createDatabase, with the SQLite rule (src/main/engine/connection/sqlite-create-rule.ts):
 * the host first answers CONFIRMATION_REQUIRED with the absolute path it would create; the user
 * confirms that exact path and the call is repeated with it. Declining leaves the error shown.
 */
export async function createDatabaseConfirmed(
  input: ConnectionUrlInput,
  confirm: (question: string) => boolean = (q) => window.confirm(q),
): Promise<CreatedDatabase> {
  try {
    return await api.call('connections.createDatabase', input)
  } catch (error) {
    const resolvedPath = error instanceof AppError && error.code === 'CONFIRMATION_REQUIRED' ? error.details?.resolvedPath : undefined
    if (!resolvedPath || !confirm(`Create a new, empty SQLite database file here?\n\n${resolvedPath}`)) throw error
    return api.call('connections.createDatabase', { ...input, confirmPath: resolvedPath })
  }
}
