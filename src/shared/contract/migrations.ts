import { z } from 'zod'
import { channel, sessionIdSchema, sessionInput } from './define'
import { fileHandleSchema } from './files'

export interface MigrationState {
  name: string
  state: 'applied' | 'pending'
  /** ISO timestamp, when known (migrations applied by other tools may not have one). */
  appliedAt: string | null
  /** Alembic: the revision's message (first docstring line). */
  message?: string | null
  /** Alembic: where the revision sits in the graph, as `flask db history` shows it. */
  revision?: { parents: string[]; head: boolean; current: boolean }
}

/** Another tool's migration table found in the database (Alembic's alembic_version, sequelize-cli's SequelizeMeta, …). */
export interface OtherMigrationTool {
  tool: string
  table: string
  /** Its newest revision or migration, when its table can be read. */
  current: string | null
}

/**
 * Whether Rowboat's own migrations may run here: an empty database, or one they made. Any other
 * database with tables belongs to an app (and maybe another tool's migrations): nothing is offered.
 */
export type MigrationOwnership = { managed: true } | { managed: false; tables: number; otherTools: OtherMigrationTool[] }

/**
 * Where a connection's migrations come from: Rowboat's bundled sample set, or a project folder
 * the user chose (recognised as sequelize-cli/Umzug, Alembic/Flask-Migrate or plain SQL files).
 */
export type MigrationSourceKind = 'rowboat' | 'sequelize' | 'alembic' | 'sql'

export interface MigrationSourceInfo {
  kind: MigrationSourceKind
  /** The project folder's own name (never its full path); null for Rowboat's set. */
  folder: string | null
  /** What Rowboat found there, in words ("sequelize-cli migrations in db/migrations, paths from .sequelizerc"). */
  found: string
  /** The table that keeps this source's state (SequelizeMeta, alembic_version, schema_migrations). */
  table: string
  /** Whether Rowboat can apply and roll back from this source (else it only shows the state). */
  canRun: boolean
  /** A source kept from an earlier run that no longer holds (the project folder is gone), in words for the user. */
  problem?: string
  /** Alembic: the Python interpreter its tool runs with (the user's own configuration, shown and changeable). */
  interpreter?: string
}

export interface MigrationStatus {
  source: MigrationSourceInfo
  migrations: MigrationState[]
  /** The newest applied migration, or null on an unmigrated database. */
  current: string | null
  ownership: MigrationOwnership
}

/** What a rollback would throw away: rows that hold data in a table or column it drops. */
export interface DataLoss {
  table: string
  column: string | null
  rows: number
}

/** The exact SQL a run would execute, or why it cannot be shown before it runs. */
export type MigrationPreview = { kind: 'sql'; sql: string } | { kind: 'unavailable'; reason: string }

export interface MigrationPlan {
  direction: 'up' | 'down'
  /** In the order they would run. */
  migrations: string[]
  dataLoss: DataLoss[]
  preview: MigrationPreview
}

export interface MigrationRun {
  direction: 'up' | 'down'
  ran: string[]
  status: MigrationStatus
  /** What the project's own tool printed (Alembic), when a tool ran. */
  output?: string
}

/** Up: apply through this one (all pending when absent). Down: revert down to and including this one (only the last when absent; 0 = all). */
const target = z.union([z.string().min(1), z.literal(0)]).optional()

export const migrationTargetInput = z.object({ sessionId: sessionIdSchema, to: target })
export const migrationPlanInput = migrationTargetInput.extend({ direction: z.enum(['up', 'down']) })

/** Rowboat's set, or a project folder granted by files.pickFolder (the page never sends its path). */
export const migrationSourceInput = z.object({
  sessionId: sessionIdSchema,
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('rowboat') }),
    z.strictObject({ kind: z.literal('folder'), folder: fileHandleSchema }),
  ]),
})

/** Alembic: the Python interpreter (a typed absolute path, checked before it is kept) its tool runs with. */
export const migrationInterpreterInput = z.object({
  sessionId: sessionIdSchema,
  interpreter: z.string().trim().min(1, 'type the path of a Python interpreter').max(4096),
})

export const newMigrationInput = z.object({ sessionId: sessionIdSchema, name: z.string().trim().min(1, 'name the migration').max(100) })

export interface NewMigration {
  /** The files written into the project's migrations folder. */
  created: string[]
  status: MigrationStatus
}

export const migrationChannels = {
  /** sequelize-cli/Umzug and SQL folders: writes an empty, correctly named up/down template into the project folder. */
  'migrations.newMigration': channel<NewMigration>()(newMigrationInput),
  /** Chooses where this connection's migrations come from; answers the status from that source. */
  'migrations.setSource': channel<MigrationStatus>()(migrationSourceInput),
  /** Alembic: runs the typed interpreter to check it can import the project's tool, then keeps it with the source. */
  'migrations.setInterpreter': channel<MigrationStatus>()(migrationInterpreterInput),
  'migrations.status': channel<MigrationStatus>()(sessionInput),
  'migrations.plan': channel<MigrationPlan>()(migrationPlanInput),
  'migrations.up': channel<MigrationRun>()(migrationTargetInput),
  'migrations.down': channel<MigrationRun>()(migrationTargetInput),
  /**
   * Stops the session's running apply or roll back where a tool runs it (Alembic: its process group
   * is killed); that run then answers CANCELLED, saying what stayed applied. False: nothing to stop.
   */
  'migrations.cancel': channel<{ cancelled: boolean }>()(sessionInput),
}
