import { writeFileSync } from 'node:fs'
import type { Sequelize } from 'sequelize'
import type { ConnectionConfig, ServerConnection, SqliteConnection } from '../../../shared/connection-types'
import type { CreatedDatabase } from '../../../shared/contract/connections'
import { AppError } from '../../../shared/errors'
import { createSequelize, passwordOf, resolveSqliteStorage } from './connect'
import { createDatabaseStatement } from './database-statements'
import { BACKSTOP_GRACE_MS, closeQuietly, withDeadline } from './deadline'
import { connectionTimeoutError, diagnoseError, scrubbed, type DiagnoseTarget } from './diagnose'
import { addressOf, productName, type Diagnosis } from './diagnose-server'
import { inspectSqliteFile } from './diagnose-sqlite'
import { withLocalDefaults } from './local-defaults'
import { readDriverFacts } from './driver-error'
import { effectiveTimeout } from './test-connection'
import { withFirstAnsweringHost } from './host-list'
import { requireConfirmation, sqliteCreatePath } from './sqlite-create-rule'
import type { SshTunnel } from '../../../shared/contract/ssh'
import { explainThroughTunnel, openTunnelFor, viaOf } from './tunnel-for'

export interface CreateDatabaseOptions {
  password?: string
  timeoutMs?: number
  baseDir: string
  /** SQLite: the resolved path the user was shown and confirmed (sqlite-create-rule.ts). */
  confirmPath?: string | undefined
  /** Create it on the server behind this SSH bastion. */
  ssh?: SshTunnel
  /** The known_hosts file the bastion's key is looked up in (Engine.knownHostsFile). */
  knownHostsFile?: string
}

/** PostgreSQL silently truncates longer names, which would create a database the URL does not name. */
const PG_MAX_NAME_BYTES = 63

/**
 * Creates the database a URL names, after "test connection" said DATABASE_NOT_FOUND. Servers:
 * connects without it (MySQL: no database; PostgreSQL: the `postgres` maintenance database) and
 * runs CREATE DATABASE. SQLite: creates the empty file (an empty file is an empty database).
 * Refuses with DATABASE_EXISTS when it is already there. Answers what it did.
 */
export async function createDatabase(given: ConnectionConfig, options: CreateDatabaseOptions): Promise<CreatedDatabase> {
  const config = await withFirstAnsweringHost(
    withLocalDefaults(given),
    effectiveTimeout(given, options.timeoutMs),
    options.ssh !== undefined,
  )
  // Refuses a tunnel for a SQLite file (it is on this computer) rather than ignoring it.
  if (config.dialect === 'sqlite') await openTunnelFor(config, options.ssh, { timeoutMs: 0, baseDir: options.baseDir })
  return config.dialect === 'sqlite'
    ? createSqliteFile(config, options.baseDir, options.confirmPath)
    : createServerDatabase(config, options)
}

function createSqliteFile(config: SqliteConnection, baseDir: string, confirmPath: string | undefined): CreatedDatabase {
  if (config.storage === ':memory:') {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'url',
      message: 'An in-memory SQLite database needs no creating: it exists while it is open.',
      hint: 'Open it directly, or give a file path to create a database on disk.',
    })
  }
  const file = resolveSqliteStorage(config.storage, baseDir)
  const problem = inspectSqliteFile({ config, baseDir })
  if (problem === null || problem.code !== 'SQLITE_FILE_MISSING') {
    if (problem) throw new AppError({ ...problem, field: 'url', details: { address: file } })
    throw new AppError({ ...alreadyExists(`The SQLite file ${file} already exists.`, file), field: 'url' })
  }
  const resolved = sqliteCreatePath(file)
  requireConfirmation(resolved, confirmPath)
  try {
    // `wx`: fail rather than overwrite (or follow a link) if something appeared there meanwhile.
    writeFileSync(resolved, '', { flag: 'wx', mode: 0o600 })
  } catch (error) {
    const code = readDriverFacts(error)?.code
    if (code === 'EEXIST') throw new AppError({ ...alreadyExists(`The SQLite file ${file} already exists.`, file), field: 'url' })
    throw new AppError({
      code: 'SQLITE_READ_ONLY',
      message: `Rowboat could not create ${file}${code ? ` (${code})` : ''}.`,
      hint: 'Check that Rowboat may write to that folder, or choose another one.',
      details: { address: file, ...(code ? { driverCode: code } : {}) },
    })
  }
  return { statement: null, file: resolved }
}

async function createServerDatabase(config: ServerConnection, options: CreateDatabaseOptions): Promise<CreatedDatabase> {
  if (config.database === '') {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'url',
      message: 'The connection string names no database to create.',
      hint: 'Add its name after the host: mysql://user@host:3306/<database>.',
    })
  }
  if (config.dialect === 'postgres' && Buffer.byteLength(config.database) > PG_MAX_NAME_BYTES) {
    throw new AppError({
      code: 'INVALID_URL',
      field: 'url',
      message: `The database name is longer than PostgreSQL allows (${PG_MAX_NAME_BYTES} bytes).`,
      hint: 'Choose a shorter name.',
    })
  }
  const statement = createDatabaseStatement(config)
  const timeoutMs = effectiveTimeout(config, options.timeoutMs)
  const target: DiagnoseTarget = { config, password: passwordOf(config, options), baseDir: options.baseDir, timeoutMs }
  // `template1` always exists; `postgres` may have been dropped.
  const maintenance = config.dialect === 'mysql' ? [''] : ['postgres', 'template1']
  for (const [i, database] of maintenance.entries()) {
    const tunnel = await openTunnelFor(config, options.ssh, { timeoutMs, baseDir: options.baseDir, knownHostsFile: options.knownHostsFile })
    const sequelize = createSequelize({ ...config, database }, { ...options, timeoutMs, poolMax: 1, via: viaOf(tunnel) })
    try {
      await withDeadline(run(sequelize, statement), timeoutMs + BACKSTOP_GRACE_MS, () => connectionTimeoutError(target))
      return { statement, file: null }
    } catch (error) {
      const failure = refusal(explainThroughTunnel(error, tunnel), config, target)
      const maintenanceMissing = failure instanceof AppError && failure.code === 'DATABASE_NOT_FOUND' && i < maintenance.length - 1
      if (!maintenanceMissing) throw failure
    } finally {
      await closeQuietly(sequelize)
      await tunnel?.close()
    }
  }
  throw new Error('unreachable: the last maintenance database either works or throws')
}

async function run(sequelize: Sequelize, statement: string): Promise<void> {
  await sequelize.authenticate({ logging: false })
  await sequelize.query(statement, { logging: false })
}

function refusal(error: unknown, config: ServerConnection, target: DiagnoseTarget): unknown {
  if (error instanceof AppError) return error
  const facts = readDriverFacts(error)
  const server = `${productName(config)} at ${addressOf(config)}`
  // 1007 ER_DB_CREATE_EXISTS / 42P04 duplicate_database: created by someone else meanwhile, or never missing.
  if (facts?.errno === 1007 || facts?.code === '42P04') {
    return scrubbed(alreadyExists(`The database "${config.database}" already exists on ${server}.`, addressOf(config)), target.password)
  }
  // 1044 ER_DBACCESS_DENIED_ERROR / 42501 insufficient_privilege.
  if (facts?.errno === 1044 || facts?.code === '42501') {
    const denied: Diagnosis = {
      code: 'PERMISSION_DENIED',
      message: `User "${config.user}" is not allowed to create databases on ${server}.`,
      hint:
        config.dialect === 'postgres'
          ? `Create it as a user that may (e.g. postgres), or allow this one: ALTER ROLE "${config.user}" CREATEDB.`
          : `Create it as a user that may (e.g. root), or grant it: GRANT ALL ON \`${config.database}\`.* TO '${config.user}'@'%'.`,
      details: { address: addressOf(config), driverCode: facts.code ?? String(facts.errno) },
    }
    return scrubbed(denied, target.password)
  }
  return diagnoseError(error, target) ?? error
}

function alreadyExists(message: string, address: string): Diagnosis {
  return { code: 'DATABASE_EXISTS', message, hint: 'Nothing to create: test the connection or open it.', details: { address } }
}
