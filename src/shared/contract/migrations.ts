import { z } from 'zod'
import { channel, sessionIdSchema, sessionInput } from './define'

export interface MigrationState {
  name: string
  state: 'applied' | 'pending'
  /** ISO timestamp, when known (migrations applied by other tools may not have one). */
  appliedAt: string | null
}

export interface MigrationStatus {
  migrations: MigrationState[]
  /** The newest applied migration, or null on an unmigrated database. */
  current: string | null
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
