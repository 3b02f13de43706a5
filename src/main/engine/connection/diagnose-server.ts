import type { ServerConnection } from '../../../shared/connection-types'
import type { AppErrorData } from '../../../shared/errors'
import { createDatabaseStatement } from './database-statements'
import type { DriverFacts } from './driver-error'

/** A diagnosis before the common details (address, driver code) are added. */
export type Diagnosis = Omit<AppErrorData, 'field'>

// mysql2 errno values (server error numbers, shared by MySQL and MariaDB).
const MY = {
  ACCESS_DENIED: 1045,
  ACCESS_DENIED_NO_PASSWORD: 1698,
  AUTH_MODE_NOT_SUPPORTED: 1251,
  DB_ACCESS_DENIED: 1044,
  BAD_DB: 1049,
  HOST_NOT_PRIVILEGED: 1130,
  HOST_IS_BLOCKED: 1129,
  TOO_MANY_CONNECTIONS: 1040,
  SERVER_SHUTDOWN: 1053,
  CONNECTION_KILLED: 1927,
  SECURE_TRANSPORT_REQUIRED: 3159,
} as const

const SOCKET_LOST = new Set(['ECONNRESET', 'EPIPE', 'ESOCKET', 'PROTOCOL_CONNECTION_LOST', 'ECONNABORTED'])
const TIMED_OUT = new Set(['ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ESOCKETTIMEDOUT'])
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL'])
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])
const BAD_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

export function productName(config: ServerConnection): string {
  if (config.dialect === 'postgres') return 'PostgreSQL'
  return config.flavor === 'mariadb' ? 'MariaDB' : 'MySQL'
}

/** `127.0.0.1:3306`, `[::1]:5432`, or the unix socket path. */
export function addressOf(config: ServerConnection): string {
  if (config.socket) return config.socket
  return `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`
}

function isLocal(config: ServerConnection): boolean {
  return config.socket !== null || ['localhost', '127.0.0.1', '::1'].includes(config.host.toLowerCase())
}

export function diagnoseServer(facts: DriverFacts, config: ServerConnection, timeoutMs?: number): Diagnosis | null {
  const byServer = config.dialect === 'mysql' ? mysqlError(facts, config) : postgresError(facts, config)
  return byServer ?? socketError(facts, config, timeoutMs) ?? fallback(facts, config)
}

function mysqlError(facts: DriverFacts, config: ServerConnection): Diagnosis | null {
  const server = `${productName(config)} at ${addressOf(config)}`
  switch (facts.errno) {
    case MY.ACCESS_DENIED:
      return /using password: NO/i.test(facts.message)
        ? authFailed(
            `${server} refused user "${config.user}": it needs a password and none was given.`,
            'Add the password to the connection string or type it in the password field.',
          )
        : authFailed(`${server} refused user "${config.user}": wrong user name or password.`, mysqlAuthHint(config, facts.message))
    case MY.ACCESS_DENIED_NO_PASSWORD:
      return authFailed(
        `${server} refused user "${config.user}": this account signs in through the server's operating system (unix_socket), not with a password over the network.`,
        `Connect as another user, or give the account a password on the server: ALTER USER '${config.user}'@'localhost' IDENTIFIED BY '…'.`,
      )
    case MY.AUTH_MODE_NOT_SUPPORTED:
      return authFailed(
        `${server} asks for a sign-in method Rowboat's driver does not support (user "${config.user}").`,
        `Switch the account to a common method on the server, e.g. ALTER USER '${config.user}'@'%' IDENTIFIED WITH mysql_native_password BY '…'.`,
      )
    case MY.HOST_NOT_PRIVILEGED:
      return {
        code: 'HOST_NOT_ALLOWED',
        message: `${server} does not accept connections from this computer: it has no account for user "${config.user}" from this address.`,
        hint: `On the server, create the account for your address (e.g. CREATE USER '${config.user}'@'%' IDENTIFIED BY '…' and GRANT the privileges it needs), or connect through an SSH tunnel.`,
      }
    case MY.HOST_IS_BLOCKED:
      return {
        code: 'HOST_NOT_ALLOWED',
        message: `${server} has blocked this computer after too many failed connection attempts.`,
        hint: 'On the server, run FLUSH HOSTS (or mariadb-admin flush-hosts), then try again.',
      }
    case MY.BAD_DB:
      return databaseNotFound(config)
    case MY.DB_ACCESS_DENIED:
      return {
        code: 'PERMISSION_DENIED',
        message: `${server} does not let user "${config.user}" use database "${config.database}".`,
        hint: `Connect as a user that has access, or grant it on the server: GRANT ALL ON \`${config.database}\`.* TO '${config.user}'@'%'.`,
      }
    case MY.SECURE_TRANSPORT_REQUIRED:
      return tlsRequired(config)
    case MY.TOO_MANY_CONNECTIONS:
      return tooManyConnections(config)
    case MY.SERVER_SHUTDOWN:
    case MY.CONNECTION_KILLED:
      return connectionLost(config, 'the server ended it')
  }
  if (facts.code === 'HANDSHAKE_NO_SSL_SUPPORT') return tlsUnavailable(config)
  if (/SSL connection is required|insecure transport/i.test(facts.message)) return tlsRequired(config)
  if (facts.code === 'AUTH_SWITCH_PLUGIN_ERROR' || /unknown (auth(entication)? )?plugin/i.test(facts.message)) {
    return authFailed(
      `${server} asks for a sign-in method Rowboat's driver does not support (user "${config.user}").`,
      'Ask the server administrator to allow password sign-in (mysql_native_password or caching_sha2_password) for this account.',
    )
  }
  return null
}

/**
 * The server names the address it saw the connection come from ("for user 'ux'@'10.0.0.5'"), not
 * how the account is defined ('ux'@'%', 'ux'@'localhost'…): the hint repeats only what it said.
 */
function mysqlAuthHint(config: ServerConnection, message: string): string {
  const tls = config.ssl === 'disable' ? ' If the account requires TLS (REQUIRE SSL), add ?ssl=require.' : ''
  const from = /for user '(?:[^'\\]|\\.)*'@'([^']*)'/.exec(message)?.[1]
  const seen = from ? `the server saw this connection come from ${from}, and ` : ''
  return (
    'Check the user name and password (both are case-sensitive). An account is tied to the addresses it may connect from: ' +
    `${seen}the password that counts is that of the account "${config.user}" defined for that address (or for any host, '%').${tls}`
  )
}

function postgresError(facts: DriverFacts, config: ServerConnection): Diagnosis | null {
  const server = `PostgreSQL at ${addressOf(config)}`
  switch (facts.code) {
    case '28P01':
      return authFailed(
        `${server} refused user "${config.user}": wrong password.`,
        "Check the password (it is case-sensitive), or set a new one on the server: ALTER ROLE … PASSWORD '…'.",
      )
    case '28000':
      if (/pg_hba\.conf/i.test(facts.message)) return pgHbaRejected(facts, config)
      return authFailed(
        /does not exist/i.test(facts.message)
          ? `${server} has no user (role) named "${config.user}".`
          : `${server} refused user "${config.user}".`,
        `Check the user name, or create the role on the server: CREATE ROLE "${config.user}" LOGIN PASSWORD '…'.`,
      )
    case '3D000':
      return databaseNotFound(config)
    case '53300':
      return tooManyConnections(config)
    case '57P03':
      return {
        code: 'CONNECTION_REFUSED',
        message: `${server} is starting up or shutting down and does not accept connections yet.`,
        hint: 'Wait a moment and try again.',
      }
    case '57P01':
      return connectionLost(config, 'an administrator or the server ended it')
    case '57P02':
    case '08006':
    case '08003':
      return connectionLost(config, 'the server ended it')
  }
  if (/client password must be a string|SASL: SCRAM/i.test(facts.message)) {
    return authFailed(
      `${server} asks for a password for user "${config.user}", and none was given.`,
      'Add the password to the connection string or type it in the password field.',
    )
  }
  if (/does not support SSL/i.test(facts.message)) return tlsUnavailable(config)
  if (/SSL (connection )?(is )?required|requires? (SSL|encryption)/i.test(facts.message)) return tlsRequired(config)
  if (/^timeout expired$|connection timeout|Connection timed out/i.test(facts.message)) return null // socketError says TIMEOUT
  if (/Connection terminated|not queryable/i.test(facts.message)) {
    return facts.whileConnecting
      ? connectionLost(
          config,
          'the server closed it before it was ready',
          `Check that ${addressOf(config)} is a PostgreSQL server (not another service on that port), and look at the server's log.`,
        )
      : connectionLost(config, 'the server or the network ended it')
  }
  return null
}

/** PostgreSQL says `no pg_hba.conf entry for host "…", user "…", database "…", no encryption`. */
function pgHbaRejected(facts: DriverFacts, config: ServerConnection): Diagnosis {
  const withoutTls = config.ssl === 'disable' && /no encryption|SSL off/i.test(facts.message)
  return {
    code: 'HOST_NOT_ALLOWED',
    message: `PostgreSQL at ${addressOf(config)} has no rule (pg_hba.conf) letting user "${config.user}" reach database "${config.database}" from this computer.`,
    hint:
      (withoutTls ? 'If the server accepts only encrypted connections, add ?ssl=require to the connection string. Otherwise, ' : '') +
      `${withoutTls ? 'a' : 'A'}dd a line for your address to pg_hba.conf on the server and reload it (SELECT pg_reload_conf()).`,
  }
}

/**
 * mysql2 replaces the TLS error's code with HANDSHAKE_SSL_ERROR and keeps only Node's message:
 * the certificate problem is read back from that message.
 */
const CERTIFICATE_MESSAGES: Array<[RegExp, string]> = [
  [/self[- ]signed certificate in certificate chain/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
  [/self[- ]signed certificate/i, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  [/unable to (verify the first certificate|get (local )?issuer certificate)/i, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
  [/certificate has expired/i, 'CERT_HAS_EXPIRED'],
  [/certificate is not yet valid/i, 'CERT_NOT_YET_VALID'],
  [/does not match certificate's altnames|not in the cert's list/i, 'ERR_TLS_CERT_ALTNAME_INVALID'],
]

function certificateCode(facts: DriverFacts): string | null {
  if (facts.code && BAD_CERTIFICATE.has(facts.code)) return facts.code
  return CERTIFICATE_MESSAGES.find(([pattern]) => pattern.test(facts.message))?.[1] ?? null
}

function socketError(facts: DriverFacts, config: ServerConnection, timeoutMs?: number): Diagnosis | null {
  const code = certificateCode(facts) ?? facts.code ?? ''
  const product = productName(config)
  if (code === 'ECONNREFUSED' || (code === 'ENOENT' && config.socket)) {
    return config.socket
      ? {
          code: 'CONNECTION_REFUSED',
          message: `No ${product} server answers on the socket ${config.socket} — is it running?`,
          hint: `${startHint(config)} Also check the socket path (SHOW VARIABLES LIKE 'socket' on the server).`,
        }
      : {
          code: 'CONNECTION_REFUSED',
          message: `Nothing is listening on ${addressOf(config)} — is the ${product} server running?`,
          hint: refusedHint(config),
        }
  }
  if (NO_SUCH_HOST.has(code)) {
    return {
      code: 'HOST_NOT_FOUND',
      message: `The host name "${config.host}" could not be found.`,
      hint: 'Check the spelling of the host in the connection string, and that this computer is on the right network (VPN).',
    }
  }
  if (code === 'EAI_AGAIN') {
    return {
      code: 'HOST_NOT_FOUND',
      message: `The host name "${config.host}" could not be looked up: the name server did not answer.`,
      hint: "Check this computer's network connection and try again.",
    }
  }
  if (UNREACHABLE.has(code)) {
    return {
      code: 'HOST_NOT_FOUND',
      message: `There is no network route to ${addressOf(config)}.`,
      hint: "Check the address, this computer's network connection and any VPN the server needs.",
    }
  }
  if (TIMED_OUT.has(code) || isTimeoutWrapper(facts) || /^timeout expired$|connection timeout|Connection timed out/i.test(facts.message)) {
    return timedOut(config, timeoutMs)
  }
  if (BAD_CERTIFICATE.has(code)) {
    return {
      code: 'TLS_CERT_INVALID',
      message: `The TLS certificate of ${product} at ${addressOf(config)} could not be verified (${certificateProblem(code)}).`,
      hint:
        config.sslCa !== null
          ? `The certificate must be signed by the authority in the CA file the connection string names${config.ssl === 'verify-full' ? ' and name this host' : ''}. Check that file, or connect with the host name the certificate was made for.`
          : `With ssl=${config.ssl} the certificate must be signed by an authority this computer trusts${config.ssl === 'verify-full' ? ' and name this host' : ''}: give the server's CA file (sslrootcert=/path/ca.crt, or ssl_ca= for MySQL), use sslmode=require to encrypt without checking it (on networks you trust), or fix the certificate on the server.`,
    }
  }
  if (SOCKET_LOST.has(code)) {
    return facts.whileConnecting
      ? connectionLost(
          config,
          'the server closed it before it was ready',
          `Check that ${addressOf(config)} is a ${product} server (not another service on that port), and look at the server's log.`,
        )
      : connectionLost(config, 'the server or the network ended it')
  }
  return null
}

function isTimeoutWrapper(facts: DriverFacts): boolean {
  return facts.wrapperName === 'SequelizeConnectionTimedOutError' || facts.wrapperName === 'SequelizeConnectionAcquireTimeoutError'
}

function certificateProblem(code: string): string {
  if (code.includes('SELF_SIGNED')) return 'it is self-signed'
  if (code.includes('EXPIRED')) return 'it has expired'
  if (code.includes('NOT_YET_VALID')) return 'it is not valid yet'
  if (code.includes('ALTNAME')) return 'it is for another host name'
  return 'it is not signed by an authority this computer trusts'
}

/** Any other failure while connecting: still a connection problem, worded with the driver's own text. */
function fallback(facts: DriverFacts, config: ServerConnection): Diagnosis | null {
  if (!facts.whileConnecting) return null
  const said = facts.message ? `: ${facts.message.slice(0, 300)}` : ''
  return {
    code: 'CONNECTION_REFUSED',
    message: `Could not connect to ${productName(config)} at ${addressOf(config)} as user "${config.user}"${said}`,
    hint: `Check the host, port, user and database in the connection string, and that ${addressOf(config)} is a running ${productName(config)} server (not another service on that port).`,
  }
}

function authFailed(message: string, hint: string): Diagnosis {
  return { code: 'AUTH_FAILED', message, hint }
}

export function databaseNotFound(config: ServerConnection): Diagnosis {
  const statement = createDatabaseStatement(config)
  return {
    code: 'DATABASE_NOT_FOUND',
    message: `There is no database "${config.database}" on the ${productName(config)} server at ${addressOf(config)} (user "${config.user}").`,
    // The statement travels in details (the connect screen shows it beside its button), not again in the hint.
    hint: 'Check the name (it is case-sensitive), or create it with Create database.',
    details: { createStatement: statement },
  }
}

function tlsRequired(config: ServerConnection): Diagnosis {
  return {
    code: 'TLS_REQUIRED',
    message: `${productName(config)} at ${addressOf(config)} accepts only encrypted (TLS) connections.`,
    hint: "Add ?ssl=require to the connection string (or ?ssl=verify-full to also check the server's certificate).",
  }
}

function tlsUnavailable(config: ServerConnection): Diagnosis {
  const enable =
    config.dialect === 'postgres' ? 'ssl = on with a certificate in postgresql.conf' : 'ssl_cert and ssl_key in the server configuration'
  return {
    code: 'TLS_UNAVAILABLE',
    message: `The connection string asks for TLS (ssl=${config.ssl}), but ${productName(config)} at ${addressOf(config)} does not offer encrypted connections.`,
    hint: `Remove the ssl option from the connection string, or enable TLS on the server (${enable}).`,
  }
}

function tooManyConnections(config: ServerConnection): Diagnosis {
  return {
    code: 'CONNECTION_REFUSED',
    message: `${productName(config)} at ${addressOf(config)} refused the connection: it already has as many connections as it allows.`,
    hint: 'Close other clients (or idle sessions) and try again, or raise max_connections on the server.',
  }
}

export function timedOut(config: ServerConnection, timeoutMs?: number): Diagnosis {
  const within = timeoutMs ? ` within ${formatSeconds(timeoutMs)}` : ' in time'
  return {
    code: 'TIMEOUT',
    message: `${productName(config)} at ${addressOf(config)} did not answer${within}.`,
    hint: 'Check the host and port (a firewall may be silently dropping the connection) and that the server is up; on a slow network, allow more time.',
  }
}

function connectionLost(config: ServerConnection, why: string, hint?: string): Diagnosis {
  return {
    code: 'CONNECTION_LOST',
    message: `The connection to ${productName(config)} at ${addressOf(config)} was lost: ${why}.`,
    hint: hint ?? 'Try again: Rowboat reconnects on the next action. If it keeps happening, check the server and the network.',
  }
}

function refusedHint(config: ServerConnection): string {
  const port = config.dialect === 'postgres' ? 'PostgreSQL listens on 5432' : 'MySQL and MariaDB listen on 3306'
  const remote = isLocal(config)
    ? ''
    : ` If the server runs on that machine, it must accept network connections (${config.dialect === 'postgres' ? 'listen_addresses in postgresql.conf' : 'bind-address in my.cnf'}) and its firewall must let port ${config.port} through.`
  return `${startHint(config)} Or check the port: ${port} unless configured otherwise.${remote}`
}

function startHint(config: ServerConnection): string {
  const service = config.dialect === 'postgres' ? 'postgresql' : config.flavor === 'mariadb' ? 'mariadb' : 'mysql'
  return `Start the server (e.g. sudo systemctl start ${service}, brew services start ${service}, or start its Docker container).`
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
