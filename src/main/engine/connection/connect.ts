import { isIP } from 'node:net'
import { checkServerIdentity, type PeerCertificate } from 'node:tls'
import { Sequelize, type Options } from 'sequelize'
import type { ConnectionConfig, ServerConnection } from '../../../shared/connection-types'
import { printValuesAsTheCodecReads } from './output-settings'
import { writeStrictlyOnMysql } from './mysql-sql-mode'
import { dropConnectionsEndedByServer } from './connection-health'
import { withLocalDefaults } from './local-defaults'
import { statementTap } from './statement-log'
import { driverTls, type DriverTls } from './tls'
import { plainRefusedForTls, serverOffersTls } from './tls-negotiation'
import { resolveUserPath } from './user-path'

export const DEFAULT_TIMEOUT_MS = 5000

export interface ConnectOptions {
  /** Overrides the URL's password. */
  password?: string
  timeoutMs?: number
  /** Relative SQLite paths are resolved against this folder. */
  baseDir: string
  /** Pool size: 1 for a short-lived test, more for a session. */
  poolMax?: number
  /** SQLite only: create the file when it is missing (otherwise opening a missing file is an error). */
  createSqliteFile?: boolean
  /**
   * An SSH tunnel's local end: the drivers connect there, while TLS still checks the certificate
   * against the URL's host (the name the database's certificate carries).
   */
  via?: { host: string; port: number }
}

export function resolveSqliteStorage(storage: string, baseDir: string): string {
  return storage === ':memory:' ? storage : resolveUserPath(storage, baseDir)
}

export function passwordOf(config: ConnectionConfig, options: Pick<ConnectOptions, 'password'>): string | null {
  if (config.dialect === 'sqlite') return null
  return options.password ?? config.password
}

/**
 * One Sequelize instance per session (or per connection test). Drivers are set up so no value is
 * turned into a lossy JS value: mysql2 keeps dates, big integers and decimals as strings; for
 * PostgreSQL and SQLite the read path casts such columns to text (see engine/dialects).
 */
export function createSequelize(given: ConnectionConfig, options: ConnectOptions): Sequelize {
  const defaulted = withLocalDefaults(given)
  const config =
    options.via && defaulted.dialect !== 'sqlite' ? { ...defaulted, host: options.via.host, port: options.via.port } : defaulted
  const certifiedHost = defaulted.dialect === 'sqlite' ? '' : defaulted.host
  const timeoutMs = options.timeoutMs ?? (config.dialect === 'sqlite' ? undefined : config.connectTimeoutMs) ?? DEFAULT_TIMEOUT_MS
  const common: Options = {
    // Not a log: a tap that records statements only for transactions under review (statement-log.ts).
    logging: statementTap as Options['logging'],
    benchmark: false,
    pool: { max: options.poolMax ?? 5, min: 0, idle: 10_000, acquire: timeoutMs + 1000, evict: 5_000 },
    retry: { max: 0 },
  }
  if (config.dialect === 'sqlite') {
    // sqlite3's open flags: READONLY (1), READWRITE (2) | CREATE (4). Without CREATE a missing file
    // is an error, which is what a person pasting a path to an existing database expects.
    const mode = config.readOnly ? 1 : options.createSqliteFile ? 2 | 4 : 2
    return new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage: resolveSqliteStorage(config.storage, options.baseDir),
      dialectOptions: { mode },
      // SQLite serialises writers; one pooled connection per transaction is plenty.
      pool: { ...common.pool, max: 1 },
    })
  }
  const direct = config.ssl === 'prefer' || config.ssl === 'allow' ? null : driverTls(config, config.ssl, options.baseDir)
  // Through a tunnel, verify-full checks the URL's host, not the tunnel's 127.0.0.1.
  const identityHost = options.via && direct?.verifyIdentity ? certifiedHost : null
  const ssl = identityHost === null ? direct : tunnelledTls(direct!, identityHost)
  const sequelize =
    config.dialect === 'mysql'
      ? new Sequelize({
          ...common,
          ...serverBase(config, options),
          dialect: 'mysql',
          dialectOptions: mysqlOptions(config, timeoutMs, ssl),
          timezone: '+00:00',
        })
      : new Sequelize({
          ...common,
          ...serverBase(config, options),
          dialect: 'postgres',
          dialectOptions: postgresOptions(config, timeoutMs, ssl),
        })
  if (config.dialect === 'postgres') dropConnectionsEndedByServer(sequelize)
  if (config.dialect === 'postgres') printValuesAsTheCodecReads(sequelize)
  if (config.dialect === 'mysql') writeStrictlyOnMysql(sequelize)
  if (config.dialect === 'mysql' && ssl?.verifyIdentity && isIP(config.host) !== 0) checkMysqlIdentityByAddress(sequelize, config.host)
  if (config.dialect === 'mysql' && identityHost !== null) checkMysqlIdentityByAddress(sequelize, identityHost)
  negotiateTls(sequelize, config, options, timeoutMs)
  return sequelize
}

/**
 * Through a tunnel the drivers connect to 127.0.0.1, but the certificate names the database's
 * host: verify-full checks that name (node-postgres passes `servername` to tls.connect; mysql2
 * checks nothing by name here, so an afterConnect hook does, as for an IP address).
 */
function tunnelledTls(ssl: DriverTls, certifiedHost: string): DriverTls {
  return {
    ...ssl,
    // SNI carries host names only (RFC 6066); an address is still checked, by checkServerIdentity.
    ...(isIP(certifiedHost) === 0 ? { servername: certifiedHost } : {}),
    verifyIdentity: false,
    checkServerIdentity: (_host, cert) => checkServerIdentity(certifiedHost, cert),
  }
}

/**
 * `prefer` and `allow` decide, on the session's first connection, whether the server gets TLS
 * (tls-negotiation.ts); every later connection of the session does the same.
 */
function negotiateTls(sequelize: Sequelize, config: ServerConnection, options: ConnectOptions, timeoutMs: number): void {
  if (config.socket !== null || (config.ssl !== 'prefer' && config.ssl !== 'allow')) return
  // Read the files now, so a missing one is reported at once rather than on the first connection.
  const tls = driverTls(config, 'require', options.baseDir)
  let decided: boolean | null = null
  sequelize.addHook('beforeConnect', async (connection) => {
    if (decided === null) {
      decided =
        config.ssl === 'prefer'
          ? (await serverOffersTls(config, timeoutMs)) !== false
          : config.dialect === 'postgres' &&
            (await plainRefusedForTls(config, {
              user: config.user,
              password: passwordOf(config, options) ?? undefined,
              database: config.database,
              timeoutMs,
            }))
    }
    const dialectOptions = (connection.dialectOptions ?? {}) as Record<string, unknown>
    if (decided) dialectOptions.ssl = tls
    else delete dialectOptions.ssl
    connection.dialectOptions = dialectOptions
  })
}

interface MysqlWire {
  stream?: { getPeerCertificate?: (detailed: boolean) => PeerCertificate; isSessionReused?: () => boolean }
  destroy?: () => void
}

/**
 * mysql2 checks the host name only for a host *name*: to an IP address, Node checks the
 * certificate against "localhost" instead; through an SSH tunnel it connects to 127.0.0.1. There
 * verify-full checks the URL's host here, on every new connection, before the session uses it.
 *
 * mysql2 resumes TLS sessions, and a resumed one carries no certificate (an empty object). Its
 * cache is keyed by this instance's own TLS settings object, so a resumed session is accepted only
 * once a full handshake of this instance passed the check; before that it is refused like any
 * connection without a certificate.
 */
function checkMysqlIdentityByAddress(sequelize: Sequelize, address: string): void {
  let verified = false
  sequelize.addHook('afterConnect', (connection: unknown) => {
    const wire = connection as MysqlWire
    if (verified && wire.stream?.isSessionReused?.() === true) return
    const certificate = wire.stream?.getPeerCertificate?.(true)
    const problem =
      certificate && Object.keys(certificate).length > 0
        ? checkServerIdentity(address, certificate)
        : new Error('The server presented no certificate.')
    if (problem) {
      wire.destroy?.()
      throw problem
    }
    verified = true
  })
}

function serverBase(config: ServerConnection, options: ConnectOptions): Options {
  return {
    // node-postgres reads a host that starts with "/" as the socket folder.
    host: config.socket ? (config.dialect === 'postgres' ? config.socket : 'localhost') : config.host,
    port: config.port,
    username: config.user,
    password: passwordOf(config, options) ?? undefined,
    database: config.database,
  }
}

function mysqlOptions(config: ServerConnection, timeoutMs: number, ssl: DriverTls | null): Record<string, unknown> {
  return {
    connectTimeout: timeoutMs,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    // MariaDB marks JSON (a LONGTEXT) in extended metadata and mysql2 would JSON.parse it, rounding
    // big numbers and reformatting the text: keep the stored text.
    jsonStrings: true,
    // With jsonStrings, MySQL 8's JSON columns arrive as utf8 text too (mysql2's parsers read them
    // `readLengthCodedString("utf8")`): the editor shows and writes exactly what is stored. `true`,
    // not a hook: it keeps Sequelize's own conversion off (its `_typecast` is the default), and a
    // hook makes mysql2's compiled row parser call it through a new closure for every cell (a third
    // of a page's CPU beside the raw driver's).
    typeCast: true,
    ...(config.socket ? { socketPath: config.socket } : {}),
    ...(ssl ? { ssl } : {}),
  }
}

function postgresOptions(config: ServerConnection, timeoutMs: number, ssl: DriverTls | null): Record<string, unknown> {
  return {
    connectionTimeoutMillis: timeoutMs,
    application_name: 'Rowboat',
    // libpq's `options` (e.g. -c search_path=app) go to the server at connection start.
    ...(config.options ? { options: config.options } : {}),
    ...(ssl ? { ssl } : {}),
  }
}
