import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AppError } from '../../../../shared/errors'

/** A project folder's migrations, as Rowboat recognised them. Paths are absolute and inside grants the host made. */
export type ProjectMigrations =
  | { kind: 'sequelize'; root: string; dir: string; found: string }
  | { kind: 'alembic'; root: string; dir: string; versionsDir: string; found: string }
  | { kind: 'sql'; root: string; dir: string; style: 'golang-migrate' | 'dbmate'; found: string }

/** sequelize-cli's own pattern: JavaScript and CommonJS files, never type declarations. */
export const SEQUELIZE_FILE = /^(?!.*\.d\.ts$).*\.(cjs|js)$/
export const SQL_UP_FILE = /^(\d+)_(.+)\.up\.sql$/

/**
 * What kind of migrations a project folder holds, looked for where each tool keeps them:
 * `.sequelizerc` or `migrations/*.js` (sequelize-cli, Umzug), `alembic.ini` or `migrations/env.py`
 * + `versions/` (Alembic, Flask-Migrate), `*.up.sql`/`*.down.sql` (golang-migrate) or `-- migrate:up`
 * files (dbmate) in `db/migrations`, `migrations` or the folder itself.
 */
export function detectProject(root: string): ProjectMigrations {
  const candidates = [root, join(root, 'migrations'), join(root, 'db', 'migrations'), join(root, 'db', 'migrate')]
  const rel = (dir: string) => relative(root, dir) || '.'

  const rc = join(root, '.sequelizerc')
  if (existsSync(rc)) {
    const dir = sequelizercMigrationsPath(root, rc)
    return {
      kind: 'sequelize',
      root,
      dir,
      found: `sequelize-cli migrations in ${rel(dir)} (path from .sequelizerc), ${count(dir, SEQUELIZE_FILE)} files`,
    }
  }

  const ini = join(root, 'alembic.ini')
  const alembicDir = existsSync(ini)
    ? scriptLocation(root, ini)
    : candidates.find((dir) => isFile(join(dir, 'env.py')) && isDir(join(dir, 'versions')))
  if (alembicDir && isDir(join(alembicDir, 'versions'))) {
    const versionsDir = join(alembicDir, 'versions')
    const tool = existsSync(ini) ? 'Alembic' : 'Flask-Migrate (Alembic)'
    const venv = ['.venv', 'venv', 'env'].find(
      (name) => isFile(join(root, name, 'bin', 'python')) || isFile(join(root, name, 'Scripts', 'python.exe')),
    )
    const runs = venv ? `run with the project's ${venv} interpreter` : 'run with /usr/bin/python3'
    return {
      kind: 'alembic',
      root,
      dir: alembicDir,
      versionsDir,
      found: `${tool} revisions in ${rel(versionsDir)}, ${count(versionsDir, /\.py$/)} files, ${runs}`,
    }
  }

  for (const dir of candidates) {
    if (count(dir, SQL_UP_FILE) > 0)
      return {
        kind: 'sql',
        root,
        dir,
        style: 'golang-migrate',
        found: `SQL migrations (golang-migrate style .up.sql/.down.sql) in ${rel(dir)}, ${count(dir, SQL_UP_FILE)} files`,
      }
    const dbmate = sqlFiles(dir).filter((name) => /^--\s*migrate:up/m.test(readFileSync(join(dir, name), 'utf8')))
    if (dbmate.length > 0)
      return {
        kind: 'sql',
        root,
        dir,
        style: 'dbmate',
        found: `SQL migrations (dbmate style, -- migrate:up/down) in ${rel(dir)}, ${dbmate.length} files`,
      }
  }

  for (const dir of candidates) {
    const js = list(dir).filter((name) => SEQUELIZE_FILE.test(name))
    if (js.some((name) => /\b(up|down)\b/.test(readFileSync(join(dir, name), 'utf8')))) {
      return { kind: 'sequelize', root, dir, found: `sequelize-cli / Umzug migrations in ${rel(dir)}, ${js.length} files` }
    }
  }

  throw new AppError({
    code: 'INVALID_INPUT',
    field: 'folder',
    message: 'Rowboat found no migrations it knows in that folder.',
    hint: 'Choose the project folder that holds .sequelizerc or migrations/*.js (sequelize-cli, Umzug), alembic.ini or migrations/env.py (Alembic, Flask-Migrate), or *.up.sql files (golang-migrate, dbmate).',
  })
}

/**
 * `.sequelizerc` is the project's own code, run as sequelize-cli runs it: loaded fresh with
 * `require`. Its paths are usually `path.resolve('db', 'migrations')`, relative to the directory
 * sequelize-cli runs in (the project folder), so paths it resolved against ours are moved there.
 */
function sequelizercMigrationsPath(root: string, file: string): string {
  const load = createRequire(file)
  delete load.cache[file]
  let config: unknown
  try {
    config = load(file)
  } catch (error) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'folder',
      message: `.sequelizerc could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  const configured = (config as Record<string, unknown> | null)?.['migrations-path']
  if (typeof configured !== 'string') return join(root, 'migrations')
  if (!isAbsolute(configured)) return resolve(root, configured)
  const cwd = process.cwd()
  if (configured === root || configured.startsWith(root + sep)) return configured
  if (configured.startsWith(cwd + sep)) return join(root, relative(cwd, configured))
  return configured
}

/** alembic.ini's script_location (`%(here)s` is the ini's folder); `alembic` when absent. */
function scriptLocation(root: string, ini: string): string {
  const match = /^\s*script_location\s*=\s*(.+?)\s*$/m.exec(readFileSync(ini, 'utf8'))
  const value = (match?.[1] ?? 'alembic').replace('%(here)s', root)
  return resolve(root, value)
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

function sqlFiles(dir: string): string[] {
  return list(dir).filter((name) => name.endsWith('.sql') && isFile(join(dir, name)))
}

function count(dir: string, pattern: RegExp): number {
  return list(dir).filter((name) => pattern.test(name)).length
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
}
