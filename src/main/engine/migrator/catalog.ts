import { QueryTypes, type Sequelize, type Transaction } from 'sequelize'
import type { Dialect } from '../../../shared/connection-types'

/** The app's dialect name for a Sequelize instance (MariaDB runs through the mysql dialect). */
export function dialectOf(sequelize: Sequelize): Dialect {
  const name = sequelize.getDialect()
  if (name === 'sqlite' || name === 'mysql' || name === 'postgres') return name
  throw new Error(`Unsupported Sequelize dialect: ${name}`)
}

/**
 * Catalog look-ups scoped to the connection's own database/schema (PostgreSQL: the current
 * schema, where unqualified CREATE TABLE puts tables). Read-only, so "test connection" can use them.
 */
export async function tableExists(sequelize: Sequelize, table: string, transaction?: Transaction): Promise<boolean> {
  const sql = {
    sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = :table`,
    mysql: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table`,
    postgres: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :table`,
  }[dialectOf(sequelize)]
  const rows = await sequelize.query(sql, { type: QueryTypes.SELECT, replacements: { table }, transaction })
  return rows.length > 0
}

/** Every table of the connection's own database/schema (views excluded). */
export async function tableNames(sequelize: Sequelize, transaction?: Transaction): Promise<string[]> {
  const sql = {
    sqlite: `SELECT name FROM sqlite_master WHERE type = 'table'`,
    mysql: `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
    postgres: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  }[dialectOf(sequelize)]
  const rows = await sequelize.query<{ name: unknown }>(sql, { type: QueryTypes.SELECT, transaction })
  return rows.map((row) => String(row.name))
}

/** Column names of a table, in table order; empty when the table does not exist. */
export async function columnNames(sequelize: Sequelize, table: string, transaction?: Transaction): Promise<string[]> {
  const dialect = dialectOf(sequelize)
  if (dialect === 'sqlite') {
    const rows = await sequelize.query<{ name: string }>(`SELECT name FROM pragma_table_info(:table) ORDER BY cid`, {
      type: QueryTypes.SELECT,
      replacements: { table },
      transaction,
    })
    return rows.map((r) => r.name)
  }
  const sql =
    dialect === 'mysql'
      ? `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table ORDER BY ORDINAL_POSITION`
      : `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position`
  const rows = await sequelize.query<{ name: string }>(sql, { type: QueryTypes.SELECT, replacements: { table }, transaction })
  return rows.map((r) => r.name)
}
