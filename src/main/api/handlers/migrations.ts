import type { MigrationRun } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { inSession } from '../../engine/in-session'
import { createMigrator } from '../../engine/migrator'
import { assertWritable, type Session } from '../../engine/connection/sessions'
import type { ApiContext, Handlers } from '../router'

export const migrationHandlers: Pick<Handlers, 'migrations.status' | 'migrations.plan' | 'migrations.up' | 'migrations.down'> = {
  'migrations.status': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => createMigrator(session.sequelize).status()),

  'migrations.plan': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) => {
      if (input.direction === 'up') assertUpTarget(input.to)
      return createMigrator(session.sequelize).plan(input.direction, input.to)
    }),

  'migrations.up': (input, ctx) => {
    const to = input.to
    assertUpTarget(to)
    return runInSession(ctx, input.sessionId, (migrator) => migrator.up({ to }))
  },

  'migrations.down': (input, ctx) => runInSession(ctx, input.sessionId, (migrator) => migrator.down({ to: input.to })),
}

type SessionMigrator = ReturnType<typeof createMigrator>

/** A run with progress events; afterwards (even after a failure) cached table descriptions are stale. */
function runInSession(ctx: ApiContext, sessionId: string, work: (migrator: SessionMigrator) => Promise<MigrationRun>) {
  return inSession(ctx.engine, sessionId, async (session: Session) => {
    assertWritable(session)
    const migrator = createMigrator(session.sequelize, {
      onProgress: (progress) => ctx.engine.emit('migrations.progress', { sessionId, ...progress }),
    })
    try {
      return await work(migrator)
    } finally {
      session.tableCache.clear()
    }
  })
}

/** `0` means "all" only when rolling back; applying needs a name or nothing. */
function assertUpTarget(to: string | 0 | undefined): asserts to is string | undefined {
  if (to === 0) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: 'Applying migrations takes the name of the last one to apply, or nothing to apply them all; 0 only means "all" when rolling back.',
      field: 'to',
    })
  }
}
