import type { MigrationRun } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { inSession } from '../../engine/in-session'
import {
  alembicTool,
  checkInterpreter,
  createSourceMigrator,
  keepSource,
  keptSource,
  projectSource,
  sqlalchemyUrl,
  writeNewMigration,
  type ChosenSource,
} from '../../engine/migrator/sources'
import { assertWritable, type Session } from '../../engine/connection/sessions'
import type { ApiContext, Handlers } from '../router'

type MigrationChannels =
  | 'migrations.setSource'
  | 'migrations.setInterpreter'
  | 'migrations.newMigration'
  | 'migrations.status'
  | 'migrations.plan'
  | 'migrations.up'
  | 'migrations.down'
  | 'migrations.cancel'

/** The running apply or roll back of each session, so Cancel can stop it. */
const runningRuns = new Map<string, AbortController>()

export const migrationHandlers: Pick<Handlers, MigrationChannels> = {
  'migrations.setSource': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) => {
      let source: ChosenSource = { kind: 'rowboat' }
      if (input.source.kind === 'folder') {
        // The page sends only the handle of a folder the host granted (a dialog, or a typed path the user confirmed).
        const grant = ctx.files.resolve(input.source.folder, 'folder', 'source.folder')
        source = projectSource(grant.path, grant.name)
      }
      keepSource(ctx.connections, session, source)
      return migratorFor(ctx, session).status()
    }),

  'migrations.setInterpreter': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, async (session) => {
      const source = keptSource(ctx.connections, session)
      if (source.kind !== 'project' || source.project.kind !== 'alembic') {
        throw new AppError({
          code: 'INVALID_INPUT',
          field: 'interpreter',
          message: 'Only a Flask-Migrate or Alembic project runs with a Python interpreter: choose its folder first.',
        })
      }
      // The user's own configuration, like an SSH key path: checked (an executable that imports the tool), never run through a shell.
      await checkInterpreter(input.interpreter, alembicTool(source.project.root))
      keepSource(ctx.connections, session, { ...source, interpreter: input.interpreter })
      return migratorFor(ctx, session).status()
    }),

  'migrations.newMigration': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, async (session) => {
      const source = keptSource(ctx.connections, session)
      if (source.kind === 'unavailable') {
        throw new AppError({ code: 'NOT_FOUND', message: source.problem, hint: 'Choose the project folder again (where it is now).' })
      }
      if (source.kind !== 'project') {
        throw new AppError({
          code: 'INVALID_INPUT',
          message:
            "Rowboat's sample schema is bundled with the app: new migrations go into your project folder. Choose it as the source first.",
        })
      }
      // Into the folder the user granted (and Rowboat recognised), never anywhere the page names.
      const created = writeNewMigration(source.project, input.name)
      return { created, status: await migratorFor(ctx, session).status() }
    }),

  'migrations.status': (input, ctx) => inSession(ctx.engine, input.sessionId, (session) => migratorFor(ctx, session).status()),

  'migrations.plan': (input, ctx) =>
    inSession(ctx.engine, input.sessionId, (session) => {
      if (input.direction === 'up') assertUpTarget(input.to)
      return migratorFor(ctx, session).plan(input.direction, input.to)
    }),

  'migrations.up': (input, ctx) => {
    const to = input.to
    assertUpTarget(to)
    return runInSession(ctx, input.sessionId, (migrator) => migrator.up({ to }))
  },

  'migrations.down': (input, ctx) => runInSession(ctx, input.sessionId, (migrator) => migrator.down({ to: input.to })),

  'migrations.cancel': async (input, ctx) => {
    ctx.engine.sessions.get(input.sessionId)
    const running = runningRuns.get(input.sessionId)
    if (!running || running.signal.aborted) return { cancelled: false }
    running.abort()
    return { cancelled: true }
  },
}

type SessionMigrator = ReturnType<typeof createSourceMigrator>

/** The source kept with the session's saved connection (or, for a pasted URL, chosen in this run). */
function migratorFor(ctx: ApiContext, session: Session, options: Parameters<typeof createSourceMigrator>[2] = {}): SessionMigrator {
  const source = keptSource(ctx.connections, session)
  // Only an Alembic project needs the URL (its own tool connects); it is built here, per run, never stored.
  const storage = (session.sequelize as unknown as { options: { storage?: string } }).options.storage
  const databaseUrl =
    source.kind === 'project' && source.project.kind === 'alembic' ? sqlalchemyUrl(session.config, session.password, storage) : undefined
  return createSourceMigrator(session.sequelize, source, { ...options, databaseUrl })
}

/**
 * A run with progress events and, where a tool runs it, its output line by line and a way to
 * cancel it; afterwards (even after a failure) cached table descriptions are stale.
 */
function runInSession(ctx: ApiContext, sessionId: string, work: (migrator: SessionMigrator) => Promise<MigrationRun>) {
  return inSession(ctx.engine, sessionId, async (session: Session) => {
    assertWritable(session)
    const controller = new AbortController()
    const migrator = migratorFor(ctx, session, {
      onProgress: (progress) => ctx.engine.emit('migrations.progress', { sessionId, ...progress }),
      onOutput: (stream, line) => ctx.engine.emit('migrations.output', { sessionId, stream, line }),
      signal: controller.signal,
    })
    // One run per session at a time (the run lock refuses a second); only the first is cancellable here.
    const own = !runningRuns.has(sessionId)
    if (own) runningRuns.set(sessionId, controller)
    try {
      return await work(migrator)
    } finally {
      if (own) runningRuns.delete(sessionId)
      session.tableCache.clear()
    }
  })
}

/** `0` means "all" only when rolling back; applying needs a name or nothing. */
function assertUpTarget(to: string | 0 | undefined): asserts to is string | undefined {
  if (to === 0) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message:
        'Applying migrations takes the name of the last one to apply, or nothing to apply them all; 0 only means "all" when rolling back.',
      field: 'to',
    })
  }
}
