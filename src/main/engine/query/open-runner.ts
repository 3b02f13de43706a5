import type { Session } from '../connection/sessions'
import { mysqlRunner } from './mysql-runner'
import { postgresRunner } from './postgres-runner'
import type { ConsoleRunner, RunnerOptions } from './runner'
import { sqliteRunner } from './sqlite-runner'

/** A console connection of the session's dialect: lent by the pool for one run, or dedicated to a Query tab. */
export function openRunner(session: Session, baseDir: string, options: RunnerOptions = { dedicated: false }): Promise<ConsoleRunner> {
  if (session.config.dialect === 'postgres') return postgresRunner(session, options)
  if (session.config.dialect === 'mysql') return mysqlRunner(session, options)
  // SQLite's console always opens a handle of its own on the file.
  return sqliteRunner(session, baseDir)
}
