import type { Dialect } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'

/** The error for a migration whose up/down threw; it names the migration and the cause. */
export function migrationFailed(options: {
  name: string
  direction: 'up' | 'down'
  dialect: Dialect
  cause: unknown
  /** Migrations this run completed before the failing one (they stay applied/reverted). */
  completed: string[]
}): AppError {
  const { name, direction, dialect, cause, completed } = options
  const { reason, verb, before, driverCode } = failureParts(cause, direction, completed)
  if (dialect === 'mysql') {
    return new AppError({
      code: 'MIGRATION_FAILED',
      message: `Migration "${name}" failed while ${verb} it: ${reason}. MySQL/MariaDB commit each schema change on its own, so part of this migration may already be applied; it is not recorded as ${direction === 'up' ? 'applied' : 'reverted'}.${before}`,
      hint: 'Compare the tables this migration touches with what it does, undo or finish the partial change by hand, then run it again.',
      details: { migration: name, partiallyApplied: true, ...(driverCode ? { driverCode } : {}) },
    })
  }
  return new AppError({
    code: 'MIGRATION_FAILED',
    message: `Migration "${name}" failed while ${verb} it: ${reason}. Everything it changed was rolled back; the database is as it was before it.${before}`,
    hint: 'Fix the cause (for example data that breaks a new constraint), then run the migration again.',
    details: { migration: name, partiallyApplied: false, ...(driverCode ? { driverCode } : {}) },
  })
}

/**
 * What every migration failure message says, whichever tool ran it: the cause in one line, the
 * verb, the migrations of this run that completed before it, and the driver's code.
 */
export function failureParts(cause: unknown, direction: 'up' | 'down', completed: string[]) {
  return {
    reason: causeMessage(cause),
    verb: direction === 'up' ? 'applying' : 'reverting',
    before:
      completed.length > 0
        ? ` The ${completed.length} migration(s) before it in this run (${completed.join(', ')}) completed and stay ${direction === 'up' ? 'applied' : 'reverted'}.`
        : '',
    driverCode: driverCodeOf(cause),
  }
}

function causeMessage(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause)
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/[.\s]+$/, '')
      .slice(0, 500) || 'unknown error'
  )
}

function driverCodeOf(cause: unknown): string | undefined {
  const parent = (cause as { parent?: { code?: unknown } } | null)?.parent
  return typeof parent?.code === 'string' ? parent.code : undefined
}
