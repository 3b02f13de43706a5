import { DataTypes, QueryTypes, type Sequelize, type Transaction } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'
import { quoteIdentifier } from '../records/identifiers'
import { columnNames, tableExists } from './catalog'

/** The table sequelize-cli and Umzug's SequelizeStorage use, so either tool sees the same history. */
export const META_TABLE = 'SequelizeMeta'
const APPLIED_AT = 'applied_at'

export interface AppliedRecord {
  name: string
  /** ISO-8601 UTC; null for rows written by tools that do not record the time. */
  appliedAt: string | null
}

/** Our own identifier quoting (records/identifiers.ts), never Sequelize's. */
function quoterFor(sequelize: Sequelize): (name: string) => string {
  const dialect = sequelize.getDialect() as Dialect
  return (name) => quoteIdentifier(dialect, name)
}

/** The recorded migrations, or null when the table does not exist. Read-only. */
export async function readAppliedRecords(sequelize: Sequelize, transaction?: Transaction): Promise<AppliedRecord[] | null> {
  if (!(await tableExists(sequelize, META_TABLE, transaction))) return null
  const quote = quoterFor(sequelize)
  // SELECT * copes with a table that lacks applied_at (made by sequelize-cli) without a second look-up.
  const rows = await sequelize.query<Record<string, unknown>>(`SELECT * FROM ${quote(META_TABLE)}`, {
    type: QueryTypes.SELECT,
    transaction,
  })
  return rows.map((row) => ({ name: String(row.name), appliedAt: toIsoTimestamp(row[APPLIED_AT]) }))
}

/** Creates the table, or adds applied_at to one sequelize-cli made. Call only while holding the run lock. */
export async function ensureMetaTable(sequelize: Sequelize, transaction?: Transaction): Promise<void> {
  const qi = sequelize.getQueryInterface()
  const columns = await columnNames(sequelize, META_TABLE, transaction)
  if (columns.length === 0) {
    await qi.createTable(
      META_TABLE,
      {
        // Exactly sequelize-cli's definition, so its own tooling keeps working on the table.
        name: { type: DataTypes.STRING, allowNull: false, unique: true, primaryKey: true },
        [APPLIED_AT]: { type: DataTypes.DATE, allowNull: true },
      },
      { transaction },
    )
  } else if (!columns.includes(APPLIED_AT)) {
    await qi.addColumn(META_TABLE, APPLIED_AT, { type: DataTypes.DATE, allowNull: true }, { transaction })
  }
}

export async function recordApplied(sequelize: Sequelize, name: string, transaction?: Transaction): Promise<void> {
  const quote = quoterFor(sequelize)
  await sequelize.query(`INSERT INTO ${quote(META_TABLE)} (${quote('name')}, ${quote(APPLIED_AT)}) VALUES (:name, :appliedAt)`, {
    replacements: { name, appliedAt: new Date() },
    transaction,
  })
}

export async function recordReverted(sequelize: Sequelize, name: string, transaction?: Transaction): Promise<void> {
  const quote = quoterFor(sequelize)
  await sequelize.query(`DELETE FROM ${quote(META_TABLE)} WHERE ${quote('name')} = :name`, {
    replacements: { name },
    transaction,
  })
}

/**
 * Drivers hand timestamps back in different spellings (a Date, `2024-05-01 10:00:00`,
 * `2024-05-01 10:00:00.123 +00:00`, `…+00`). We always write UTC, so a value without a zone is UTC.
 */
export function toIsoTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  const text = String(value).trim()
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text)
  if (!match) return null
  const zone = normaliseZone(match[3])
  const date = new Date(`${match[1]}T${match[2]}${zone}`)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function normaliseZone(zone: string | undefined): string {
  if (!zone || zone === 'Z') return 'Z'
  const digits = zone.slice(1).replace(':', '')
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`
}
