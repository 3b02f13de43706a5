import { QueryTypes, type Sequelize, type Transaction } from 'sequelize'
import type { MigrationOwnership, OtherMigrationTool } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { columnNames, dialectOf, tableNames } from './catalog'
import { META_TABLE } from './meta-table'
import type { Migration } from './types'

/**
 * Whose schema this is. Rowboat's built-in migrations run only on Rowboat's own schema: an empty
 * database, or one whose SequelizeMeta records at least one of them. A database with tables and no
 * such record belongs to something else (a Flask or Node app), and applying Rowboat's set there
 * would create tables beside the app's or, on rollback, drop the app's own. Read-only.
 */
export async function readOwnership(sequelize: Sequelize, migrations: Migration[], transaction?: Transaction): Promise<MigrationOwnership> {
  const tables = (await tableNames(sequelize, transaction)).filter((name) => !INTERNAL_TABLES.has(name))
  const ours = new Set(migrations.map((m) => m.name))
  const metaNames = tables.includes(META_TABLE) ? await recordedNames(sequelize, transaction) : []
  if (metaNames.some((name) => ours.has(name))) return { managed: true }
  const otherTools = await recogniseTools(sequelize, tables, metaNames, transaction)
  const appTables = tables.filter((name) => name !== META_TABLE || metaNames.length > 0)
  if (appTables.length === 0) return { managed: true }
  return { managed: false, tables: appTables.length, otherTools }
}

/** NOT_ROWBOAT_SCHEMA, naming the tools whose migration tables were found. */
export function notOursError(ownership: Extract<MigrationOwnership, { managed: false }>): AppError {
  const tools = ownership.otherTools.map((t) => `${t.tool} (${t.table}${t.current ? `, at ${t.current}` : ''})`)
  return new AppError({
    code: 'NOT_ROWBOAT_SCHEMA',
    message:
      `This database is not managed by Rowboat's migrations: it has ${ownership.tables} table${ownership.tables === 1 ? '' : 's'} and no record of them` +
      (tools.length > 0 ? `, and its schema is kept by ${tools.join(', ')}.` : '.'),
    hint:
      tools.length > 0
        ? `Run that tool's own commands to change its schema (e.g. "flask db upgrade", "npx sequelize-cli db:migrate"); Rowboat will not create or drop anything here.`
        : "Rowboat's sample migrations run only on an empty database or one they made; nothing was changed.",
    details: { otherTools: ownership.otherTools },
  })
}

// SQLite keeps AUTOINCREMENT counters in a table of its own; it is no sign of anyone's schema.
const INTERNAL_TABLES = new Set(['sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4'])

async function recordedNames(sequelize: Sequelize, transaction?: Transaction): Promise<string[]> {
  const rows = await select<{ name: unknown }>(sequelize, `SELECT name FROM ${quoted(sequelize, META_TABLE)}`, transaction)
  return rows.map((row) => String(row.name))
}

/** A migration table another tool keeps, and how to read where it stands. */
interface ToolSignature {
  tool: string
  table: string
  /** Present when the table name alone could be someone else's. */
  columns?: string[]
  /** The newest migration's name or revision (column names are the tool's own, plain ASCII). */
  current?: (table: string) => string
}

const SIGNATURES: ToolSignature[] = [
  { tool: 'Alembic / Flask-Migrate', table: 'alembic_version', current: (t) => `SELECT version_num AS v FROM ${t}` },
  { tool: 'Knex', table: 'knex_migrations', current: (t) => `SELECT name AS v FROM ${t} ORDER BY id DESC` },
  { tool: 'Prisma Migrate', table: '_prisma_migrations', current: (t) => `SELECT migration_name AS v FROM ${t} ORDER BY started_at DESC` },
  { tool: 'Django', table: 'django_migrations', current: (t) => `SELECT name AS v FROM ${t} ORDER BY id DESC` },
  { tool: 'golang-migrate', table: 'schema_migrations', columns: ['version', 'dirty'], current: (t) => `SELECT version AS v FROM ${t}` },
  {
    tool: 'Rails / dbmate',
    table: 'schema_migrations',
    columns: ['version'],
    current: (t) => `SELECT version AS v FROM ${t} ORDER BY version DESC`,
  },
  { tool: 'TypeORM', table: 'migrations', columns: ['timestamp', 'name'], current: (t) => `SELECT name AS v FROM ${t} ORDER BY id DESC` },
  {
    tool: 'Laravel',
    table: 'migrations',
    columns: ['migration', 'batch'],
    current: (t) => `SELECT migration AS v FROM ${t} ORDER BY id DESC`,
  },
  { tool: 'Flyway', table: 'flyway_schema_history', current: (t) => `SELECT version AS v FROM ${t} ORDER BY installed_rank DESC` },
  { tool: 'TypeORM', table: 'typeorm_metadata' },
]

async function recogniseTools(
  sequelize: Sequelize,
  tables: string[],
  metaNames: string[],
  transaction?: Transaction,
): Promise<OtherMigrationTool[]> {
  const found: OtherMigrationTool[] = []
  // SequelizeMeta with none of Rowboat's names: sequelize-cli's or Umzug's own history.
  if (metaNames.length > 0) found.push({ tool: 'sequelize-cli / Umzug', table: META_TABLE, current: [...metaNames].sort().at(-1) ?? null })
  const present = new Set(tables)
  const claimed = new Set<string>()
  for (const signature of SIGNATURES) {
    if (!present.has(signature.table) || claimed.has(signature.table)) continue
    if (signature.columns) {
      const columns = await columnNames(sequelize, signature.table, transaction)
      if (!signature.columns.every((c) => columns.includes(c))) continue
      // golang-migrate's table is Rails' plus `dirty`: the first that fits claims it.
    }
    claimed.add(signature.table)
    found.push({ tool: signature.tool, table: signature.table, current: await currentOf(sequelize, signature, transaction) })
  }
  return found
}

/** Where the tool stands, when its table can be read the way the tool writes it; null otherwise. */
async function currentOf(sequelize: Sequelize, signature: ToolSignature, transaction?: Transaction): Promise<string | null> {
  if (!signature.current) return null
  try {
    const [row] = await select<{ v: unknown }>(sequelize, `${signature.current(quoted(sequelize, signature.table))} LIMIT 1`, transaction)
    return row?.v === undefined || row.v === null ? null : String(row.v)
  } catch {
    // Another version of the tool, or a table of the same name that is not the tool's: name it anyway.
    return null
  }
}

function select<T extends object>(sequelize: Sequelize, sql: string, transaction?: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, transaction })
}

/** The fixed, plain-ASCII table names above, quoted for the dialect. */
function quoted(sequelize: Sequelize, name: string): string {
  return dialectOf(sequelize) === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`
}

/**
 * Before `up`: what each chosen migration creates (its `drops`) must not exist yet. A table or
 * column already there was made by something else; building over it, and later dropping it on
 * rollback, would destroy what is not ours. MIGRATION_FAILED naming it, with nothing changed.
 */
export async function assertNothingInTheWay(sequelize: Sequelize, chosen: Migration[], transaction?: Transaction): Promise<void> {
  for (const migration of chosen) {
    for (const target of migration.drops ?? []) {
      const columns = await columnNames(sequelize, target.table, transaction)
      const inTheWay = target.column === undefined ? columns.length > 0 : columns.includes(target.column)
      if (!inTheWay) continue
      const what = target.column === undefined ? `table "${target.table}"` : `column "${target.table}.${target.column}"`
      throw new AppError({
        code: 'MIGRATION_FAILED',
        message: `Migration ${migration.name} would create the ${what}, which already exists. Nothing was run or changed.`,
        hint: 'Something other than this migration made it. Rename or remove it yourself if it is not needed, then try again.',
        details: { migration: migration.name, partiallyApplied: false },
      })
    }
  }
}
