/**
 * TLS options in connection URLs, with the meaning each ecosystem gives them:
 * libpq / node-postgres (`sslmode`, `ssl`, `sslrootcert`, `sslcert`, `sslkey`), MySQL (`ssl-mode`),
 * PyMySQL / SQLAlchemy (`ssl_ca`, `ssl_cert`, `ssl_key`, `ssl_check_hostname`, `ssl_verify_cert`,
 * `ssl_verify_identity`) and MySQL Connector/Python (`ssl_disabled`).
 */
import type { ServerConnection, SslMode } from './connection-types'

/** What the query asked for, before the modes and files are combined. */
export interface TlsRequest {
  mode: SslMode | null
  ca: string | null
  cert: string | null
  key: string | null
  /** The client key's passphrase (a secret). */
  password: string | null
  checkHostname: boolean | null
  verifyCert: boolean | null
  verifyIdentity: boolean | null
  disabled: boolean | null
}

export const EMPTY_TLS_REQUEST: TlsRequest = {
  mode: null,
  ca: null,
  cert: null,
  key: null,
  password: null,
  checkHostname: null,
  verifyCert: null,
  verifyIdentity: null,
  disabled: null,
}

/**
 * One vocabulary for `ssl=`, `sslmode=` (libpq) and `ssl-mode=` (MySQL). `ssl=true|1` is
 * node-postgres' spelling of "TLS with Node's defaults", which check the certificate and host name;
 * `no-verify` is node-postgres' (and Heroku's) "TLS, certificate not checked".
 */
const SSL_VALUES = new Map<string, SslMode>([
  ...['disable', 'disabled', 'false', '0', 'off'].map((v) => [v, 'disable'] as const),
  ['allow', 'allow'],
  ...['prefer', 'preferred'].map((v) => [v, 'prefer'] as const),
  ...['require', 'required', 'no-verify'].map((v) => [v, 'require'] as const),
  ['verify-ca', 'verify-ca'],
  ...['verify-full', 'verify-identity', 'true', '1', 'on'].map((v) => [v, 'verify-full'] as const),
])

const BOOLEANS = new Map<string, boolean>([
  ...['true', '1', 'yes', 'on'].map((v) => [v, true] as const),
  ...['false', '0', 'no', 'off'].map((v) => [v, false] as const),
])

export type TlsOptionProblem = 'mode' | 'boolean' | 'empty'

/**
 * Records one query option when it is a TLS option (`key` lower-cased, `-` as `_`).
 * Answers false for other options, or the problem with the value.
 */
export function tlsQueryOption(request: TlsRequest, key: string, value: string): boolean | TlsOptionProblem {
  const bool = () => BOOLEANS.get(value.toLowerCase())
  switch (key) {
    case 'ssl':
    case 'sslmode':
    case 'ssl_mode': {
      const mode = SSL_VALUES.get(value.toLowerCase().replace(/_/g, '-'))
      if (mode === undefined) return 'mode'
      request.mode = mode
      return true
    }
    case 'sslrootcert':
    case 'ssl_ca':
    case 'sslca':
      if (value === '') return 'empty'
      request.ca = value
      return true
    case 'sslcert':
    case 'ssl_cert':
      if (value === '') return 'empty'
      request.cert = value
      return true
    case 'sslkey':
    case 'ssl_key':
      if (value === '') return 'empty'
      request.key = value
      return true
    // libpq's sslpassword; PyMySQL's ssl_key_password. An empty one is no passphrase.
    case 'sslpassword':
    case 'ssl_key_password':
      request.password = value === '' ? null : value
      return true
    case 'ssl_check_hostname':
    case 'ssl_verify_cert':
    case 'ssl_verify_identity':
    case 'ssl_disabled': {
      const flag = bool()
      if (flag === undefined) return 'boolean'
      if (key === 'ssl_check_hostname') request.checkHostname = flag
      else if (key === 'ssl_verify_cert') request.verifyCert = flag
      else if (key === 'ssl_verify_identity') request.verifyIdentity = flag
      else request.disabled = flag
      return true
    }
    default:
      return false
  }
}

/**
 * The mode and files the request means.
 * - An explicit mode wins; PostgreSQL's `require` with a CA file is `verify-ca` (libpq: "if a root
 *   CA file exists, require behaves like verify-ca").
 * - Without a mode, a CA file means a checked certificate: PyMySQL checks it and the host name
 *   unless `ssl_check_hostname=false`; node-postgres checks both.
 * - Without a mode or CA, a client certificate turns TLS on: node-postgres with Node's checks,
 *   PyMySQL without any.
 */
export function resolveTls(
  request: TlsRequest,
  dialect: ServerConnection['dialect'],
): Pick<ServerConnection, 'ssl' | 'sslCa' | 'sslCert' | 'sslKey' | 'sslPassword'> {
  const files = {
    sslCa: request.ca,
    sslCert: request.cert,
    sslKey: request.key,
    ...(request.password === null ? {} : { sslPassword: request.password }),
  }
  const ssl = ((): SslMode => {
    if (request.disabled === true) return 'disable'
    if (request.mode !== null)
      return request.mode === 'require' && request.ca !== null && dialect === 'postgres' ? 'verify-ca' : request.mode
    if (request.verifyIdentity === true) return 'verify-full'
    if (request.ca !== null || request.verifyCert === true) return request.checkHostname === false ? 'verify-ca' : 'verify-full'
    if (request.cert !== null || request.key !== null) return dialect === 'postgres' ? 'verify-full' : 'require'
    return 'disable'
  })()
  return ssl === 'disable' ? { ssl, sslCa: null, sslCert: null, sslKey: null } : { ssl, ...files }
}
