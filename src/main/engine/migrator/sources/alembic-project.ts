import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { QueryTypes, type Sequelize } from 'sequelize'
import type { MigrationPlan, MigrationPreview, MigrationRun, MigrationSourceInfo, MigrationStatus } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { Direction, Migrator, Target } from '../migrator'
import { readOwnership } from '../ownership'
import { ancestorsOf, headsOf, orderRevisions, readAlembicCurrent, readRevisions, type AlembicRevision } from './alembic-revisions'
import type { ProjectMigrations } from './detect'
import { unknownTarget } from './select'
import { lastErrorLine, runTool, type ToolOptions } from './run-tool'
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

/** Which tool a project runs: Flask-Migrate (`flask db`), or plain Alembic when it has an alembic.ini. */
export function alembicTool(root: string): 'flask' | 'alembic' {
  return existsSync(join(root, 'alembic.ini')) ? 'alembic' : 'flask'
}

export interface AlembicOptions extends ProjectMigratorOptions {
  /** The connection as a SQLAlchemy URL: passed to the tool as DATABASE_URL, in its environment only. */
  databaseUrl: string
  toolTimeoutMs?: number
  /** The interpreter kept with the source; the project's own (projectPython) when absent. */
  python?: string
  /** Each line the tool prints while it applies or rolls back, as it prints it. */
  onOutput?: (stream: 'stdout' | 'stderr', line: string) => void
  /** Aborting stops the tool (its process group); the run then answers CANCELLED with what stayed applied. */
  signal?: AbortSignal
}

/** Alembic's log line for each step: `Running upgrade 2b3c, 3c4d -> 4d5e, message` / `Running downgrade 4d5e -> 2b3c, 3c4d`. */
const RUNNING = /Running (upgrade|downgrade) (.*?) -> ([\w, ]*?)(?:,\s|$)/

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
  const flask = alembicTool(project.root) === 'flask'
  const revisions = () => orderRevisions(readRevisions(project.versionsDir))

  // The tool's PostgreSQL connections carry this name (libpq reads PGAPPNAME), so a cancelled run can end them on the server.
  const applicationName = `rowboat-alembic-${randomUUID().slice(0, 12)}`
  const tool = (command: string, args: string[], live: Pick<ToolOptions, 'onLine' | 'signal'> = {}) => {
    const base = flask
      ? ['-m', 'flask', 'db', command, '-d', project.dir]
      : ['-m', 'alembic', '-c', join(project.root, 'alembic.ini'), command]
    return runTool(options.python ?? projectPython(project.root), [...base, ...args], {
      cwd: project.root,
      env: { ...toolEnv(project.root, options.databaseUrl), PGAPPNAME: applicationName },
      timeoutMs: options.toolTimeoutMs,
      ...live,
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
      // Alembic says which revision it is on: each "Running …" line starts that one (and ends the one before).
      let running: string | null = null
      const onLine = (stream: 'stdout' | 'stderr', line: string) => {
        try {
          options.onOutput?.(stream, line)
        } catch {
          // An output listener must never break a run.
        }
        const match = RUNNING.exec(line)
        if (!match) return
        const name = (direction === 'up' ? match[3] : match[2]).split(',')[0].trim()
        const index = planned.chosen.indexOf(name)
        if (index < 0 || name === running) return
        if (running !== null) report(running, planned.chosen.indexOf(running), 'done')
        running = name
        report(name, index, 'start')
      }
      report(planned.chosen[0], 0, 'start')
      running = planned.chosen[0]
      // `--`: a relative revision such as -1 is an argument, not an option.
      const result = await tool(direction === 'up' ? 'upgrade' : 'downgrade', ['--', planned.destination], {
        onLine,
        signal: options.signal,
      })
      output = result.output
      // A killed client leaves its statement running on a PostgreSQL server (and its locks held) until
      // the server next writes to it: the tool's own backends are ended from this session's connection.
      if (result.cancelled) await endToolBackends(sequelize, applicationName)
      // What stayed applied is read back from the database, never assumed from what the tool printed.
      const current = await readAlembicCurrent(sequelize)
      const after = ancestorsOf(revisions(), current)
      ran = planned.chosen.filter((r) => (direction === 'up' ? after.has(r) : !after.has(r)))
      ran.forEach((name, index) => report(name, index, 'done'))
      if (result.code === 0 && !result.cancelled) return
      const stopped =
        (running !== null && !ran.includes(running) ? running : null) ?? planned.chosen.find((r) => !ran.includes(r)) ?? planned.chosen[0]
      report(stopped, ran.length, 'failed')
      const kept = ran.length > 0 ? ` ${ran.join(', ')} completed and stay ${direction === 'up' ? 'applied' : 'reverted'}.` : ''
      const reads = `alembic_version now reads ${current.join(', ') || 'nothing (base)'}.`
      if (result.cancelled) {
        throw new AppError({
          code: 'CANCELLED',
          message: `Cancelled: Alembic was stopped during revision ${stopped}, which did not complete.${kept} ${reads}`,
          hint: 'Where the database cannot undo a half-run revision (MySQL commits each DDL statement at once), check the tables it touches before running it again.',
          details: { migration: stopped, partiallyApplied: ran.length > 0 },
        })
      }
      throw new AppError({
        code: 'MIGRATION_FAILED',
        message: `Alembic stopped at revision ${stopped}: ${lastErrorLine(result.output)}.${kept} ${reads}\n\n${result.output.slice(-4000)}`,
        hint: 'This is the project\'s own Alembic speaking: fix the revision or the data, then run it again (or run "flask db upgrade" yourself).',
        details: { migration: stopped, partiallyApplied: ran.length > 0 },
      })
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

async function endToolBackends(sequelize: Sequelize, applicationName: string): Promise<void> {
  if (sequelize.getDialect() !== 'postgres') return
  const query = (sql: string) => sequelize.query(sql, { replacements: { name: applicationName }, type: QueryTypes.SELECT })
  const mine = 'FROM pg_stat_activity WHERE application_name = :name AND pid <> pg_backend_pid()'
  await query(`SELECT pg_terminate_backend(pid) ${mine}`)
  // Terminating only signals the backend: wait (briefly) until it has gone and released its locks.
  for (let tries = 0; tries < 50 && (await query(`SELECT pid ${mine}`)).length > 0; tries++) await new Promise((r) => setTimeout(r, 100))
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
