import { join } from 'node:path'
import { Sequelize, type Options } from 'sequelize'
import type { MigrationPreview } from '../../../../shared/contract'
import { dialectOf } from '../catalog'
import type { Direction } from '../migrator'
import { callMigration, loadMigration } from './sequelize-project'

/** How long a preview waits for another session's lock before giving up on showing the SQL. */
const PREVIEW_LOCK_WAIT_MS = 2000

const TRANSACTION_CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET\s+TRANSACTION)\b/i

/**
 * The SQL a project's JavaScript migrations would run, found by running them for real inside one
 * transaction that is then rolled back (see trialRun). MySQL commits DDL at once: no preview, said plainly.
 */
export function previewSequelizeProject(
  sequelize: Sequelize,
  dir: string,
  chosen: string[],
  direction: Direction,
): Promise<MigrationPreview> {
  return trialRun(sequelize, chosen.length, async (probe, note) => {
    const queryInterface = probe.getQueryInterface()
    // `chosen` is already in execution order (newest first when rolling back).
    for (const name of chosen) {
      note(`-- ${name} (${direction})`)
      await callMigration(loadMigration(join(dir, name), direction), queryInterface, name, join(dir, name))
    }
  })
}

/**
 * Runs `work` for real inside one transaction that is then rolled back (PostgreSQL and SQLite, where
 * schema changes are transactional) and answers every statement it sent. The work runs on a
 * private connection of its own (a one-connection copy of the session's Sequelize) so that every
 * statement, issued without a transaction as sequelize-cli issues them, lands inside that
 * transaction. Two guards keep it a dry run: a statement that would start or end a transaction is
 * refused before it is sent, and so is one on any other connection (outside the transaction).
 */
export async function trialRun(
  sequelize: Sequelize,
  count: number,
  work: (probe: Sequelize, note: (line: string) => void) => Promise<void>,
): Promise<MigrationPreview> {
  if (count === 0) return { kind: 'sql', sql: '' }
  if (dialectOf(sequelize) === 'mysql') {
    return {
      kind: 'unavailable',
      reason:
        'MySQL and MariaDB commit every schema change at once, so Rowboat cannot try these migrations and roll them back to show their SQL first. Read the migrations listed above to see what they do.',
    }
  }
  const statements: string[] = []
  let capturing = false
  let connections = 0
  // After one refusal every later statement is refused too, except a ROLLBACK (which only undoes):
  // Sequelize sends one to clean up, and refusing it makes Sequelize kill the connection noisily.
  let refused: string | null = null
  const logging = (message: string) => {
    if (!capturing) return
    const match = /^Executing \(([^)]*)\): ([\s\S]*)$/.exec(message)
    const connection = match?.[1] ?? ''
    const sql = match?.[2] ?? message
    if (refused !== null) {
      if (/^\s*ROLLBACK\b/i.test(sql)) return
      throw new Error(refused)
    }
    // Sequelize names a transaction's own connection by its id: such a statement would run outside the trial.
    if (connection !== 'default') refused = 'it opens a transaction of its own, which would run outside the trial transaction'
    else if (TRANSACTION_CONTROL.test(sql)) refused = `it runs "${sql.slice(0, 60)}" itself, which would end the trial transaction`
    if (refused !== null) throw new Error(refused)
    statements.push(sql.endsWith(';') ? sql : `${sql};`)
  }
  const config = sequelize.config
  const options: Options = {
    ...(sequelize as unknown as { options: Options }).options,
    logging,
    benchmark: false,
    logQueryParameters: true,
    pool: { max: 1, min: 0, idle: 600_000, evict: 600_000, acquire: 60_000 },
    hooks: {
      afterConnect: () => {
        connections++
        if (connections > 1) throw new Error('its connection was replaced midway, so the trial transaction no longer held its statements')
      },
    },
  }
  const probe = new Sequelize(config.database, config.username, config.password ?? undefined, options)
  let failure: string | null = null
  try {
    await probe.query('BEGIN')
    // A preview never waits long on another session's lock (the run itself will wait for it).
    if (dialectOf(sequelize) === 'postgres') await probe.query(`SET LOCAL lock_timeout = '${PREVIEW_LOCK_WAIT_MS}ms'`)
    capturing = true
    await work(probe, (line) => statements.push(line))
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error)
    if (/lock timeout/i.test(failure)) {
      failure = 'another session holds a lock on a table they change (the run itself will wait for it)'
    }
  } finally {
    capturing = false
    await probe.query('ROLLBACK').catch(() => undefined)
    await probe.close().catch(() => undefined)
  }
  if (failure !== null) {
    return {
      kind: 'unavailable',
      reason: `Rowboat tried the migrations in a transaction and rolled it back, but ${failure}. Nothing was changed.`,
    }
  }
  return { kind: 'sql', sql: statements.join('\n') + '\n' }
}
