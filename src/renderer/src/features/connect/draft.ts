/**
 * The connection form's state and the two-way sync between the connection string and the
 * separate fields. Pure functions over the shared parser/formatter, so they are easy to test and
 * the form component only wires events to them.
 *
 * The password is never written into the generated connection string: it lives in its own
 * (type=password) field and travels as the calls' `password` input, which overrides the URL's.
 */
import {
  DEFAULT_PORTS,
  type ConnectionConfig,
  type Dialect,
  type ServerConnection,
  type SslMode,
} from '../../../../shared/connection-types'
import { formatConnectionUrl, parseConnectionUrl } from '../../../../shared/connection-url'
import { AppError } from '../../../../shared/errors'

/** What the dialect menu offers: MariaDB is MySQL's driver with its own name in the URL. */
export type DialectChoice = 'postgres' | 'mysql' | 'mariadb' | 'sqlite'

export const DIALECT_CHOICES: { value: DialectChoice; label: string }[] = [
  { value: 'postgres', label: 'PostgreSQL' },
  { value: 'mysql', label: 'MySQL' },
  { value: 'mariadb', label: 'MariaDB' },
  { value: 'sqlite', label: 'SQLite' },
]

export const SSL_CHOICES: { value: SslMode; label: string }[] = [
  { value: 'disable', label: 'Off (plain connection)' },
  { value: 'allow', label: 'Allow (plain unless the server insists on TLS)' },
  { value: 'prefer', label: 'Prefer TLS (plain when the server has none)' },
  { value: 'require', label: 'Require TLS (certificate not checked)' },
  { value: 'verify-ca', label: 'Require TLS, verify the certificate’s authority' },
  { value: 'verify-full', label: 'Require TLS, verify the certificate and host name' },
]

/** What a pasted URL says that the form has no field for yet: kept when a field is edited. */
export type ServerExtras = Pick<ServerConnection, 'options' | 'alternateHosts'>

export const NO_EXTRAS: ServerExtras = { options: null }

/** The TLS section's files: paths on this computer, read by the main process when connecting. */
export type TlsFileField = 'sslCa' | 'sslCert' | 'sslKey'

export type FieldName =
  'url' | 'host' | 'port' | 'user' | 'password' | 'database' | 'storage' | 'ssl' | 'socket' | TlsFileField | 'sslPassword'

export interface Draft {
  url: string
  dialect: DialectChoice
  host: string
  port: string
  user: string
  password: string
  database: string
  storage: string
  ssl: SslMode
  socket: string
  /** CA certificate (sslrootcert / ssl_ca), client certificate and client key: paths, '' for none. */
  sslCa: string
  sslCert: string
  sslKey: string
  /**
   * The client key's passphrase (sslpassword / ssl_key_password): a secret like the password, kept
   * out of the connection string the form writes, sent as the calls' `sslPassword`.
   */
  sslPassword: string
  extras: ServerExtras
  /** Which side the user edited last: it is the one that counts. */
  source: 'url' | 'fields'
  /**
   * Where the password field's value came from, and the login (server and user) it belongs to: a
   * URL for another login never inherits it, so one server's password is never sent to another.
   */
  passwordOrigin: PasswordOrigin | null
}

export interface PasswordOrigin {
  from: 'url' | 'typed'
  /** loginKey() of the server and user it was given for; null when typed before any was known. */
  login: string | null
}

export const EMPTY_DRAFT: Draft = {
  url: '',
  dialect: 'postgres',
  host: '',
  port: '',
  user: '',
  password: '',
  database: '',
  storage: '',
  ssl: 'disable',
  socket: '',
  sslCa: '',
  sslCert: '',
  sslKey: '',
  sslPassword: '',
  extras: NO_EXTRAS,
  source: 'url',
  passwordOrigin: null,
}

export type FieldErrors = Partial<Record<FieldName, string>>

export function serverDialect(choice: DialectChoice): Exclude<Dialect, 'sqlite'> | null {
  return choice === 'sqlite' ? null : choice === 'postgres' ? 'postgres' : 'mysql'
}

export function defaultPort(choice: DialectChoice): string {
  const dialect = serverDialect(choice)
  return dialect ? String(DEFAULT_PORTS[dialect]) : ''
}

/** PostgreSQL: '' — the OS login name, as libpq and node-postgres use (the main process knows it). */
export function defaultUser(choice: DialectChoice): string {
  return choice === 'postgres' ? '' : 'root'
}

/** Which server and user a password belongs to. */
export function loginKey(dialect: string, host: string, port: string, user: string): string {
  return [dialect, host.trim().toLowerCase(), port.trim(), user.trim()].join('\u0000')
}

const NO_PASSWORD = { password: '', passwordOrigin: null } as const

/**
 * The separate fields a parsed connection string stands for, the password included: the URL's own,
 * or the one already in the field when it was given for this same server and user; otherwise none.
 */
export function fieldsFromConfig(draft: Draft, config: ConnectionConfig): Draft {
  if (config.dialect === 'sqlite')
    return { ...draft, dialect: 'sqlite', storage: config.storage, ...NO_TLS_FILES, sslPassword: '', extras: NO_EXTRAS, ...NO_PASSWORD }
  const login = loginKey(config.flavor, config.host, String(config.port), config.user)
  const origin = draft.passwordOrigin
  const password =
    config.password !== null
      ? { password: config.password, passwordOrigin: { from: 'url' as const, login } }
      : draft.password !== '' && (origin === null || origin.login === null || origin.login === login)
        ? { password: draft.password, passwordOrigin: { from: origin?.from ?? ('typed' as const), login } }
        : NO_PASSWORD
  return {
    ...draft,
    dialect: config.flavor,
    host: config.host,
    port: String(config.port),
    user: config.user,
    database: config.database,
    ssl: config.ssl,
    socket: config.socket ?? '',
    sslCa: config.sslCa ?? '',
    sslCert: config.sslCert ?? '',
    sslKey: config.sslKey ?? '',
    // The URL's passphrase; else the one typed, while it is for the same key file.
    sslPassword: config.sslPassword ?? (config.sslKey !== null && config.sslKey === draft.sslKey ? draft.sslPassword : ''),
    extras: { options: config.options, ...(config.alternateHosts ? { alternateHosts: config.alternateHosts } : {}) },
    ...password,
  }
}

const NO_TLS_FILES = { sslCa: '', sslCert: '', sslKey: '' } as const

/**
 * The user typed or pasted a connection string: the fields follow when it parses. While it does
 * not, they are emptied (they would describe a connection the string no longer names); the
 * password stays until a string for another login comes.
 */
export function withUrl(draft: Draft, url: string): Draft {
  const next: Draft = { ...draft, url, source: 'url' }
  try {
    return fieldsFromConfig(next, parseConnectionUrl(url))
  } catch {
    return { ...next, host: '', port: '', user: '', database: '', storage: '', socket: '', ...NO_TLS_FILES, extras: NO_EXTRAS }
  }
}

/** The user changed a separate field: the connection string follows when the fields make sense. */
export type EditableField = Exclude<keyof Draft, 'url' | 'source'>

export function withField<K extends EditableField>(draft: Draft, field: K, value: Draft[K]): Draft {
  const next: Draft = { ...draft, [field]: value, source: 'fields' }
  // The password never goes into the string, so typing it changes nothing there.
  if (field === 'password') {
    const login =
      draft.host.trim() === ''
        ? null
        : loginKey(draft.dialect, draft.host, draft.port || defaultPort(draft.dialect), draft.user || defaultUser(draft.dialect))
    return { ...next, source: draft.source, passwordOrigin: value === '' ? null : { from: 'typed', login } }
  }
  // Nor does the key's passphrase.
  if (field === 'sslPassword') return { ...next, source: draft.source }
  // A file given while TLS is off turns it on, with the meaning the URL would give it (a CA file
  // checks the certificate and host name; a client certificate alone: node-postgres checks, PyMySQL does not).
  if ((field === 'sslCa' || field === 'sslCert' || field === 'sslKey') && draft.ssl === 'disable' && String(value).trim() !== '')
    next.ssl = field === 'sslCa' || serverDialect(draft.dialect) === 'postgres' ? 'verify-full' : 'require'
  const built = configFromFields(next)
  return built.config ? { ...next, url: formatConnectionUrl(built.config) } : next
}

/** Switching the dialect keeps what still applies and moves a default port along. */
export function withDialect(draft: Draft, dialect: DialectChoice): Draft {
  const port = draft.port === '' || draft.port === defaultPort(draft.dialect) ? defaultPort(dialect) : draft.port
  const socket = serverDialect(dialect) === 'mysql' ? draft.socket : ''
  return withField({ ...draft, port, socket }, 'dialect', dialect)
}

/** The config the separate fields describe (password left out), or why they do not describe one. */
export function configFromFields(draft: Draft): { config?: ConnectionConfig; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const dialect = serverDialect(draft.dialect)
  if (dialect === null) {
    const storage = draft.storage.trim()
    if (storage === '') errors.storage = 'Enter the path of the SQLite file, e.g. /home/me/app.db.'
    return storage === '' ? { errors } : { config: { dialect: 'sqlite', storage }, errors }
  }
  const host = draft.host.trim()
  const socket = draft.socket.trim()
  const badHost = /[\s/@?#:[\]]/.exec(host)
  if (host === '' && socket === '') errors.host = 'Enter the server’s host name or IP address, e.g. localhost.'
  else if (badHost && !(host.includes(':') && /^[0-9A-Fa-f:.]+$/.test(host))) {
    errors.host = `A host name cannot contain “${badHost[0] === ' ' ? 'a space' : badHost[0]}”. Put only the host here; the port, user and database have their own fields.`
  }
  const portText = draft.port.trim()
  const port = portText === '' ? DEFAULT_PORTS[dialect] : /^\d{1,5}$/.test(portText) ? Number(portText) : NaN
  if (!(port >= 1 && port <= 65535))
    errors.port = `The port is a whole number from 1 to 65535 (${dialect === 'mysql' ? 'MySQL and MariaDB use 3306' : 'PostgreSQL uses 5432'}).`
  const database = draft.database.trim()
  // MySQL without a database is a server-level connection (Connect lists the databases).
  if (database === '' && dialect !== 'mysql') errors.database = 'Enter the name of the database.'
  if (Object.keys(errors).length > 0) return { errors }
  const config: ConnectionConfig = {
    dialect,
    flavor: draft.dialect === 'sqlite' ? 'postgres' : draft.dialect,
    host: host || 'localhost',
    port,
    user: draft.user.trim() || defaultUser(draft.dialect),
    password: null,
    database,
    ssl: draft.ssl,
    sslCa: draft.sslCa.trim() || null,
    sslCert: draft.sslCert.trim() || null,
    sslKey: draft.sslKey.trim() || null,
    options: dialect === 'postgres' ? draft.extras.options : null,
    // libpq's further hosts, which the form has no fields for: kept while the fields are edited.
    ...(dialect === 'postgres' && draft.extras.alternateHosts ? { alternateHosts: draft.extras.alternateHosts } : {}),
    socket: socket || null,
    connectTimeoutMs: null,
  }
  // The formatter and parser have the last word (odd characters, length limits).
  try {
    parseConnectionUrl(formatConnectionUrl(config))
  } catch (error) {
    return { errors: { url: error instanceof AppError ? error.message : 'These fields do not make a valid connection.' } }
  }
  return { config, errors }
}

export interface Target {
  /** What to send as `url`: never holds the password field's value. */
  url: string
  /** What to send as `password` (undefined: none typed). */
  password: string | undefined
  /** What to send as `sslPassword`, the client key's passphrase (undefined: none typed). */
  sslPassword: string | undefined
  config: ConnectionConfig
}

/** What the calls should use, from whichever side the user edited last; or the errors to show. */
export function resolveTarget(draft: Draft): { target?: Target; errors: FieldErrors; urlError?: AppError } {
  const password = draft.password === '' ? undefined : draft.password
  const sslPassword = draft.sslPassword === '' || serverDialect(draft.dialect) === null ? undefined : draft.sslPassword
  if (draft.source === 'fields') {
    const built = configFromFields(draft)
    if (!built.config) return { errors: built.errors }
    return { target: { url: formatConnectionUrl(built.config), password, sslPassword, config: built.config }, errors: {} }
  }
  try {
    const config = parseConnectionUrl(draft.url)
    return { target: { url: draft.url.trim(), password, sslPassword, config }, errors: {} }
  } catch (error) {
    const urlError =
      error instanceof AppError ? error : new AppError({ code: 'INVALID_URL', message: 'This connection string could not be read.' })
    return { errors: { url: urlError.message }, urlError }
  }
}

/**
 * After the user leaves the connection-string field: a password inside it moves to the password
 * field, and a key passphrase to the TLS section's, so neither is left on screen in plain text.
 */
export function withPasswordMovedOut(draft: Draft): { draft: Draft; moved: boolean; passwordMoved: boolean } {
  if (draft.source !== 'url') return { draft, moved: false, passwordMoved: false }
  try {
    const parsed = parseConnectionUrl(draft.url)
    if (parsed.dialect === 'sqlite' || (parsed.password === null && parsed.sslPassword === undefined))
      return { draft, moved: false, passwordMoved: false }
    const { sslPassword, ...config } = parsed
    const url = formatConnectionUrl({ ...config, password: null })
    const moved: Draft = { ...draft, url, ...(sslPassword === undefined ? {} : { sslPassword }) }
    if (config.password === null) return { draft: moved, moved: true, passwordMoved: false }
    const login = loginKey(config.flavor, config.host, String(config.port), config.user)
    return { draft: { ...moved, password: config.password, passwordOrigin: { from: 'url', login } }, moved: true, passwordMoved: true }
  } catch {
    return { draft, moved: false, passwordMoved: false }
  }
}

/** A saved connection's URL (which never holds its password) as a draft. */
export function draftFromSaved(url: string): Draft {
  return withUrl({ ...EMPTY_DRAFT, password: '' }, url)
}

/** Whether two connection strings mean the same connection (ignoring spelling such as mysql+pymysql). */
export function sameConnection(a: string, b: string): boolean {
  try {
    const strip = (url: string) => {
      const config = parseConnectionUrl(url)
      if (config.dialect === 'sqlite') return formatConnectionUrl(config)
      return formatConnectionUrl({ ...config, password: null, sslPassword: undefined })
    }
    return strip(a) === strip(b)
  } catch {
    return false
  }
}
