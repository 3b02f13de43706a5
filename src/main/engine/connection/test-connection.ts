import type { Sequelize } from 'sequelize'
import type { ConnectionConfig } from '../../../shared/connection-types'
import type { ConnectionTestResult } from '../../../shared/contract'
import { createSequelize, DEFAULT_TIMEOUT_MS, passwordOf, resolveSqliteStorage } from './connect'
import { withLocalDefaults } from './local-defaults'
import { withFirstAnsweringHost } from './host-list'
import { connectionTimeoutError, diagnoseOrRethrow } from './diagnose'
import { BACKSTOP_GRACE_MS, closeQuietly, withDeadline } from './deadline'
import { assertSqliteFileUsable } from './diagnose-sqlite'
import { readMigrationSummary } from '../migrator'
import { probeConnection, probeEncryption } from './probe'
import { listTableNames } from '../schema'
import type { SshTunnel } from '../../../shared/contract/ssh'
import { explainThroughTunnel, openTunnelFor, viaOf } from './tunnel-for'
import type { OpenTunnel } from './ssh-tunnel'
import { isServerLevel, listServerDatabases } from './server-databases'

export interface TestConnectionOptions {
  /** Overrides the URL's password. */
  password?: string
  timeoutMs?: number
  baseDir: string
  /** The URL for display, password masked. */
  display: string
  /** Go through this SSH bastion (the URL's host and port are as the bastion sees them). */
  ssh?: SshTunnel
  /** The known_hosts file the bastion's key is looked up in (Engine.knownHostsFile). */
  knownHostsFile?: string
}

/**
 * "Test connection": a short-lived connection (one pooled connection, closed on every path),
 * a trivial query, and what the UI shows about the database. Never creates a SQLite file.
 * Fails with a diagnosed AppError within the time limit, however dead the host.
 */
export async function testConnection(given: ConnectionConfig, options: TestConnectionOptions): Promise<ConnectionTestResult> {
  const timeoutMs = effectiveTimeout(given, options.timeoutMs)
  const config = await withFirstAnsweringHost(withLocalDefaults(given), timeoutMs, options.ssh !== undefined)
  const target = { config, password: passwordOf(config, options), baseDir: options.baseDir, timeoutMs }
  if (config.dialect === 'sqlite') assertSqliteFileUsable({ config, baseDir: options.baseDir })

  const tunnel = await openTunnelFor(config, options.ssh, { timeoutMs, baseDir: options.baseDir, knownHostsFile: options.knownHostsFile })
  const sequelize = createSequelize(config, { ...options, timeoutMs, poolMax: 1, createSqliteFile: false, via: viaOf(tunnel) })
  try {
    const facts = await withDeadline(inspect(sequelize, isServerLevel(config)), timeoutMs + BACKSTOP_GRACE_MS, () =>
      connectionTimeoutError(target),
    )
    return {
      ok: true,
      dialect: config.dialect,
      display: options.display,
      ...facts,
      ...sqliteFacts(config, options.baseDir),
      ...tunnelFacts(tunnel),
    }
  } catch (error) {
    return diagnoseOrRethrow(explainThroughTunnel(error, tunnel), target)
  } finally {
    await closeQuietly(sequelize)
    await tunnel?.close()
  }
}

/** The absolute file a SQLite test opened, so the person sees where a relative path pointed. */
function sqliteFacts(config: ConnectionConfig, baseDir: string): { resolvedPath?: string } {
  if (config.dialect !== 'sqlite' || config.storage === ':memory:') return {}
  return { resolvedPath: resolveSqliteStorage(config.storage, baseDir) }
}

function tunnelFacts(tunnel: OpenTunnel | null) {
  if (!tunnel) return {}
  const { host, port, user } = tunnel.ssh
  return { tunnel: { host, port, user, hostKey: tunnel.hostKey ?? '', description: tunnel.describe() } }
}

async function inspect(sequelize: Sequelize, serverLevel: boolean) {
  const { serverVersion, database, latencyMs } = await probeConnection(sequelize)
  if (serverLevel) {
    // No database selected: nothing to count tables or read migrations in; the databases instead.
    const databases = await listServerDatabases(sequelize)
    const encryption = await probeEncryption(sequelize)
    const migrations = { tracked: false, applied: 0, pending: 0, current: null, ownership: { managed: true as const } }
    return { serverVersion, database, latencyMs, tableCount: 0, migrations, databases, ...(encryption && { encryption }) }
  }
  const tables = await listTableNames(sequelize, sequelize.getDialect() as ConnectionConfig['dialect'])
  const migrations = await readMigrationSummary(sequelize)
  const encryption = await probeEncryption(sequelize)
  return { serverVersion, database, latencyMs, tableCount: tables.length, migrations, ...(encryption && { encryption }) }
}

/** The input's limit, else the URL's connectTimeout, else 5 s. */
export function effectiveTimeout(config: ConnectionConfig, requested: number | undefined): number {
  return requested ?? (config.dialect === 'sqlite' ? null : config.connectTimeoutMs) ?? DEFAULT_TIMEOUT_MS
}
