import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sequelize } from 'sequelize'
import type { MigrationPlan, MigrationPreview, MigrationRun, MigrationSourceInfo, MigrationStatus } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { Direction, Migrator, Target } from '../migrator'
import { readOwnership } from '../ownership'
import { ancestorsOf, headsOf, orderRevisions, readAlembicCurrent, readRevisions, type AlembicRevision } from './alembic-revisions'
import type { ProjectMigrations } from './detect'
import { unknownTarget } from './select'
import { lastErrorLine, runTool } from './run-tool'
import { withRunLock, type ProjectMigratorOptions } from './sequelize-project'

type AlembicProject = Extract<ProjectMigrations, { kind: 'alembic' }>

/** Debian's interpreter, which python3-alembic and python3-flask-migrate install into. */
export const PYTHON = '/usr/bin/python3'
const VENVS = ['.venv', 'venv', 'env']

/**
 * The project's own interpreter: a virtualenv inside the project folder (`.venv`, `venv`, `env`),
 * where its Flask and Alembic are installed, as its developer runs them; else Debian's python3.
 */
export function projectPython(root: string): string {
  for (const venv of VENVS) {
    for (const file of [join(venv, 'bin', 'python'), join(venv, 'Scripts', 'python.exe')]) {
      if (existsSync(join(root, file))) return join(root, file)
    }
  }
  return PYTHON
}

export interface AlembicOptions extends ProjectMigratorOptions {
  /** The connection as a SQLAlchemy URL: passed to the tool as DATABASE_URL, in its environment only. */
  databaseUrl: string
  toolTimeoutMs?: number
  /** The interpreter kept with the source; the project's own (projectPython) when absent. */
  python?: string
}

/** What one call of the tool is: `from` → `to` for Alembic (revision, `heads`, `base`, `-1`). */
interface Step {
  chosen: string[]
  destination: string
  /** Where the run starts (for the offline `--sql` range); null when Alembic cannot be given one. */
  from: string | null
}

/**
 * A Flask-Migrate or Alembic project. The state is read directly (revision files as text, the
 * applied heads from alembic_version); applying and rolling back run the project's own tool,
 * `python3 -m flask db upgrade|downgrade` or `python3 -m alembic upgrade|downgrade`, in the project
 * folder, so alembic_version changes exactly as the CLI would change it.
 */
export function createAlembicMigrator(
  sequelize: Sequelize,
  source: MigrationSourceInfo,
  project: AlembicProject,
  options: AlembicOptions,
): Migrator {
  const flask = !existsSync(join(project.root, 'alembic.ini'))
  const revisions = () => orderRevisions(readRevisions(project.versionsDir))

  const tool = (command: string, args: string[]) => {
    const base = flask
      ? ['-m', 'flask', 'db', command, '-d', project.dir]
      : ['-m', 'alembic', '-c', join(project.root, 'alembic.ini'), command]
    return runTool(options.python ?? projectPython(project.root), [...base, ...args], {
      cwd: project.root,
      env: toolEnv(project.root, options.databaseUrl),
      timeoutMs: options.toolTimeoutMs,
    })
  }

  const status = async (): Promise<MigrationStatus> => {
    const all = revisions()
    const current = await readAlembicCurrent(sequelize)
    const applied = ancestorsOf(all, current)
    const heads = new Set(headsOf(all))
    const migrations = all.map((r) => ({
      name: r.revision,
      state: applied.has(r.revision) ? ('applied' as const) : ('pending' as const),
      appliedAt: null,
      message: r.message,
      revision: { parents: r.parents, head: heads.has(r.revision), current: current.includes(r.revision) },
    }))
    return { source, migrations, current: current.length > 0 ? current.join(', ') : null, ownership: await readOwnership(sequelize, []) }
  }

  const step = async (direction: Direction, to: Target): Promise<Step> => {
    const all = revisions()
    if (typeof to === 'string' && !all.some((r) => r.revision === to))
      throw unknownTarget(
        to,
        all.map((r) => r.revision),
      )
    const current = await readAlembicCurrent(sequelize)
    const applied = ancestorsOf(all, current)
    const from = current.length === 1 ? current[0] : null
    if (direction === 'up') {
      if (to === 0)
        throw new AppError({ code: 'INVALID_INPUT', field: 'to', message: 'Applying takes a revision, or nothing for every head.' })
      const wanted = to === undefined ? ancestorsOf(all, headsOf(all)) : ancestorsOf(all, [to])
      return {
        chosen: all.filter((r) => wanted.has(r.revision) && !applied.has(r.revision)).map((r) => r.revision),
        destination: to ?? 'heads',
        from: current.length === 0 ? 'base' : from,
      }
    }
    const { destination, keep } = downDestination(all, current, to)
    const kept = ancestorsOf(all, keep)
    const chosen = all
      .filter((r) => applied.has(r.revision) && !kept.has(r.revision))
      .map((r) => r.revision)
      .reverse()
    return { chosen, destination, from }
  }

  const preview = async (direction: Direction, planned: Step): Promise<MigrationPreview> => {
    if (planned.chosen.length === 0) return { kind: 'sql', sql: '' }
    if (planned.from === null) {
      return {
        kind: 'unavailable',
        reason:
          'Alembic writes SQL offline only from one revision to another, and this step starts or ends on more than one branch head (a merge point). Name a revision on one branch to see its SQL.',
      }
    }
    const result = await tool(direction === 'up' ? 'upgrade' : 'downgrade', ['--sql', '--', `${planned.from}:${planned.destination}`])
    if (result.code !== 0)
      return { kind: 'unavailable', reason: `Alembic could not write the SQL offline: ${lastErrorLine(result.output)}` }
    return { kind: 'sql', sql: result.stdout }
  }

  const run = async (direction: Direction, to: Target): Promise<MigrationRun> => {
    let ran: string[] = []
    let output = ''
    await withRunLock(sequelize, options.lockTimeoutMs, async () => {
      const planned = await step(direction, to)
      if (planned.chosen.length === 0) return
      const total = planned.chosen.length
      const report = (name: string, index: number, phase: 'start' | 'done' | 'failed') => {
        try {
          options.onProgress?.({ direction, name, phase, index, total })
        } catch {
          // A progress listener must never break a run.
        }
      }
      report(planned.chosen[0], 0, 'start')
      // `--`: a relative revision such as -1 is an argument, not an option.
      const result = await tool(direction === 'up' ? 'upgrade' : 'downgrade', ['--', planned.destination])
      output = result.output
      const after = ancestorsOf(revisions(), await readAlembicCurrent(sequelize))
      ran = planned.chosen.filter((r) => (direction === 'up' ? after.has(r) : !after.has(r)))
      ran.forEach((name, index) => report(name, index, 'done'))
      if (result.code !== 0) {
        const failed = planned.chosen.find((r) => !ran.includes(r)) ?? planned.chosen[0]
        report(failed, ran.length, 'failed')
        const kept = ran.length > 0 ? ` ${ran.join(', ')} completed and stay ${direction === 'up' ? 'applied' : 'reverted'}.` : ''
        throw new AppError({
          code: 'MIGRATION_FAILED',
          message: `Alembic stopped at revision ${failed}: ${lastErrorLine(result.output)}.${kept} alembic_version now reads ${[...(await readAlembicCurrent(sequelize))].join(', ') || 'nothing (base)'}.\n\n${result.output.slice(-4000)}`,
          hint: 'This is the project\'s own Alembic speaking: fix the revision or the data, then run it again (or run "flask db upgrade" yourself).',
          details: { migration: failed, partiallyApplied: ran.length > 0 },
        })
      }
    })
    return { direction, ran, status: await status(), output }
  }

  return {
    status,
    async plan(direction, to): Promise<MigrationPlan> {
      const planned = await step(direction, to)
      return { direction, migrations: planned.chosen, dataLoss: [], preview: await preview(direction, planned) }
    },
    up: (runOptions = {}) => run('up', runOptions.to),
    down: (runOptions = {}) => run('down', runOptions.to),
  }
}

/**
 * Where `downgrade` must go so that `to` and everything applied after it is reverted, and which
 * revisions stay applied there (Alembic reverts everything that is not below the destination).
 */
function downDestination(all: AlembicRevision[], current: string[], to: Target): { destination: string; keep: string[] } {
  if (to === 0) return { destination: 'base', keep: [] }
  const target = to ?? (current.length === 1 ? current[0] : undefined)
  if (target === undefined) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'to',
      message:
        current.length === 0
          ? 'Nothing is applied.'
          : `The database is on ${current.length} branch heads (${current.join(', ')}): name the revision to roll back.`,
    })
  }
  const parents = all.find((r) => r.revision === target)?.parents ?? []
  if (parents.length === 0) return { destination: 'base', keep: [] }
  if (parents.length === 1) return { destination: parents[0], keep: parents }
  // Alembic itself cannot step back from a merge point ("downgrade -1" is an ambiguous walk).
  throw new AppError({
    code: 'INVALID_INPUT',
    field: 'to',
    message: `${target} merges ${parents.join(' and ')}, and Alembic cannot step back from a merge point to both branches at once.`,
    hint: 'Roll back to a revision on one of the branches instead (Rowboat shows what that reverts before it runs).',
  })
}

/** DATABASE_URL for the app, and FLASK_APP from the project's .flaskenv when it names one. */
function toolEnv(root: string, databaseUrl: string): Record<string, string> {
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SQLALCHEMY_DATABASE_URI: databaseUrl,
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  }
  const flaskenv = join(root, '.flaskenv')
  const app = existsSync(flaskenv) ? /^\s*FLASK_APP\s*=\s*(\S+)/m.exec(readFileSync(flaskenv, 'utf8'))?.[1] : undefined
  if (app) env.FLASK_APP = app.replace(/^['"]|['"]$/g, '')
  return env
}
