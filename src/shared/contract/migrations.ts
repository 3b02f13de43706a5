import { z } from 'zod'
import { channel, sessionIdSchema, sessionInput } from './define'

export interface MigrationState {
  name: string
  state: 'applied' | 'pending'
  /** ISO timestamp, when known (migrations applied by other tools may not have one). */
  appliedAt: string | null
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

export interface MigrationStatus {
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

export interface MigrationPlan {
  direction: 'up' | 'down'
  /** In the order they would run. */
  migrations: string[]
  dataLoss: DataLoss[]
}

export interface MigrationRun {
  direction: 'up' | 'down'
  ran: string[]
  status: MigrationStatus
}

/** Up: apply through this one (all pending when absent). Down: revert down to and including this one (only the last when absent; 0 = all). */
const target = z.union([z.string().min(1), z.literal(0)]).optional()

export const migrationTargetInput = z.object({ sessionId: sessionIdSchema, to: target })
export const migrationPlanInput = migrationTargetInput.extend({ direction: z.enum(['up', 'down']) })

export const migrationChannels = {
  'migrations.status': channel<MigrationStatus>()(sessionInput),
  'migrations.plan': channel<MigrationPlan>()(migrationPlanInput),
  'migrations.up': channel<MigrationRun>()(migrationTargetInput),
  'migrations.down': channel<MigrationRun>()(migrationTargetInput),
}
