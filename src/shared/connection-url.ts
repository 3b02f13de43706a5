/**
 * Connection strings: parsing, canonical formatting and password masking.
 *
 * Written by hand rather than with the WHATWG `URL` class, which mangles `sqlite:` forms and
 * unencoded passwords. Every loop and regex here is linear, so hostile input cannot hang us.
 * Error messages never quote the password, nor any text that might be part of it.
 */
import {
  DEFAULT_PORTS,
  type ConnectionConfig,
  type ServerConnection,
  type SqliteConnection,
  type SslMode,
} from './connection-types'
import { AppError } from './errors'

const MASK = '•••'
/** The IPC contract allows 4096 characters; we refuse the same. */
const MAX_LENGTH = 4096
const MAX_DISPLAY = 300
const MEMORY = ':memory:'
const SQLITE_EXTENSIONS = ['.db', '.sqlite', '.sqlite3']

type ServerDialect = ServerConnection['dialect']
type Flavor = ServerConnection['flavor']
type Part = 'user name' | 'password' | 'database name' | 'file path' | 'query option'
type QueryOptions = Pick<ServerConnection, 'ssl' | 'socket' | 'connectTimeoutMs'>

/** A Map, not an object literal, so that schemes such as `constructor:` find nothing. */
const SCHEMES = new Map<string, 'sqlite' | { dialect: ServerDialect; flavor: Flavor }>([
  ['sqlite', 'sqlite'],
  ['mysql', { dialect: 'mysql', flavor: 'mysql' }],
  ['mariadb', { dialect: 'mysql', flavor: 'mariadb' }],
  ['postgres', { dialect: 'postgres', flavor: 'postgres' }],
  ['postgresql', { dialect: 'postgres', flavor: 'postgres' }],
])

/**
 * Used when the URL names no user. Shared code cannot know the OS login (which the `mysql` and
 * `psql` clients would use), and `root` / `postgres` are what the official Docker images create.
 */
const DEFAULT_USERS: Record<ServerDialect, string> = { mysql: 'root', postgres: 'postgres' }

/** One vocabulary for `ssl=`, `sslmode=` (libpq) and `ssl-mode=` (MySQL); we only do three modes. */
const SSL_VALUES = new Map<string, SslMode>([
  ...['disable', 'disabled', 'false', '0', 'off'].map((v) => [v, 'disable'] as const),
  // `allow` and `prefer` may silently fall back to plain TCP; asking for TLS means getting it.
  ...['allow', 'prefer', 'preferred', 'require', 'required', 'true', '1', 'on'].map((v) => [v, 'require'] as const),
  ...['verify-ca', 'verify-full', 'verify-identity'].map((v) => [v, 'verify-full'] as const),
])

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):/
const WINDOWS_DRIVE_RE = /^[A-Za-z]:[\\/]/
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/
const CONTROL_RE_G = /[\u0000-\u001f\u007f-\u009f]/g
const LONE_SURROGATE_RE_G = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const BAD_HOST_CHAR_RE = /[^A-Za-z0-9._\-\u00a1-\uffff]/
const IPV6_RE = /^[0-9A-Fa-f:.]+$/

const GENERAL_HINT =
  'Use postgres://user:password@host:5432/database, mysql://user:password@host:3306/database, ' +
  'mariadb://…, sqlite:///relative/app.db, sqlite:////absolute/app.db, sqlite::memory:, ' +
  'or a path to a .db, .sqlite or .sqlite3 file.'
const SQLITE_HINT =
  'Write sqlite:///app.db for a relative path (three slashes), sqlite:////abs/path/app.db for an ' +
  'absolute one (four slashes), or sqlite::memory: for an in-memory database.'
const ENCODING_HINT = 'Write special characters as %XX: "%" is %25, "@" is %40, "/" is %2F, ":" is %3A.'

function invalid(message: string, hint: string): never {
  throw new AppError({ code: 'INVALID_URL', message, hint, field: 'url' })
}

/**
 * The text of the URL being parsed that could be part of a password under some reading of it
 * (set while parseConnectionUrl runs; parsing is synchronous). quote() never shows any of it.
 */
let passwordRegion = ''

/** Quotes user-supplied text for a message, short enough to stay readable, unless it may hold part of a password. */
function quote(text: string): string {
  if (sharesRun(text, passwordRegion)) return '(not shown: it may hold part of the password)'
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`
}

/** Whether `a` and `b` have any 3 characters in a row in common. */
function sharesRun(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false
  for (let i = 0; i + 3 <= a.length; i++) if (b.includes(a.slice(i, i + 3))) return true
  return false
}

/**
 * Everything that may be password: from the first ":" after "//" to the LAST "@" (an "@" the user
 * forgot to encode moves the password's end), or, without any "@", a non-numeric "port".
 */
function passwordRegionOf(text: string): string {
  const start = text.indexOf('://')
  if (start < 0) return ''
  const from = start + 3
  const colon = text.indexOf(':', from)
  const at = text.lastIndexOf('@')
  if (colon < 0) return ''
  if (at >= from) return colon < at ? text.slice(colon + 1, at) : ''
  const found = text.slice(from).search(/[/?]/)
  const end = found < 0 ? text.length : from + found
  return colon < end ? text.slice(colon + 1, end) : ''
}

function example(dialect: ServerDialect, database = 'database'): string {
  return `${dialect}://user:password@host:${DEFAULT_PORTS[dialect]}/${database}`
}

export function parseConnectionUrl(input: string): ConnectionConfig {
  passwordRegion = typeof input === 'string' ? passwordRegionOf(input.trim()) : ''
  try {
    return parseText(checkShape(input))
  } finally {
    passwordRegion = ''
  }
}

function parseText(text: string): ConnectionConfig {
  const scheme = SCHEME_RE.exec(text)
  if (scheme === null || WINDOWS_DRIVE_RE.test(text)) return parseBarePath(text)

  const name = scheme[1].toLowerCase()
  // SQLAlchemy names the Python driver after a `+` (`mysql+pymysql`); the driver is ours to pick.
  const target = SCHEMES.get(name.split('+')[0])
  const rest = text.slice(scheme[0].length)
  if (target === undefined) {
    invalid(`Unsupported scheme ${quote(rest.startsWith('//') ? `${name}://` : `${name}:`)}.`, GENERAL_HINT)
  }
  if (target === 'sqlite') return parseSqliteUrl(rest)
  if (!rest.startsWith('//')) {
    invalid(`Expected "//" after ${quote(`${name}:`)}.`, `Write ${example(target.dialect)}.`)
  }
  return parseServerUrl(rest.slice(2), target.dialect, target.flavor)
}

function checkShape(input: string): string {
  if (typeof input !== 'string') invalid('The connection string must be text.', GENERAL_HINT)
  const text = input.trim()
  if (text === '') {
    const what = input === '' ? 'empty' : 'only whitespace'
    invalid(`The connection string is ${what}.`, GENERAL_HINT)
  }
  if (text.length > MAX_LENGTH) {
    invalid(`The connection string is too long (${text.length} characters; at most ${MAX_LENGTH}).`, GENERAL_HINT)
  }
  const control = CONTROL_RE.exec(text)
  if (control !== null) {
    invalid(
      `The connection string contains a control character at position ${control.index + 1}.`,
      'Remove it (a pasted line break?); special characters in a password are written %XX.',
    )
  }
  if (text.search(LONE_SURROGATE_RE_G) >= 0) {
    invalid('The connection string contains a broken Unicode character.', GENERAL_HINT)
  }
  return text
}

function parseBarePath(text: string): SqliteConnection {
  const lower = text.toLowerCase()
  if (SQLITE_EXTENSIONS.some((ext) => lower.endsWith(ext))) return { dialect: 'sqlite', storage: text }
  if (/[/\\]/.test(text) || /^[~.]/.test(text)) {
    invalid(
      'This looks like a file path, but a SQLite file path must end in .db, .sqlite or .sqlite3.',
      'For a file with another name, write sqlite: before the path, e.g. sqlite:/data/app.data.',
    )
  }
  invalid('This is neither a connection URL nor a path to a SQLite file.', GENERAL_HINT)
}

/**
 * SQLAlchemy's reading: `sqlite://` + empty host + `/` + path, so `sqlite:///app.db` is the
 * relative `app.db`, `sqlite:////abs/app.db` the absolute `/abs/app.db`, and an empty path
 * (`sqlite://`, `sqlite:///`) an in-memory database. Query options (`?mode=ro`) are ignored.
 */
function parseSqliteUrl(rest: string): SqliteConnection {
  const queryStart = rest.indexOf('?')
  let path = queryStart < 0 ? rest : rest.slice(0, queryStart)
  if (path.startsWith('//')) {
    const afterHost = path.slice(2)
    if (!afterHost.startsWith('/') && afterHost !== '') {
      invalid('A sqlite: URL cannot name a host (text follows "sqlite://").', SQLITE_HINT)
    }
    path = afterHost.slice(1)
    if (path === '') return { dialect: 'sqlite', storage: MEMORY }
  } else if (path === '') {
    invalid('The sqlite: URL names no file.', SQLITE_HINT)
  }
  return { dialect: 'sqlite', storage: decodePart(path, 'file path') }
}

function parseServerUrl(body: string, dialect: ServerDialect, flavor: Flavor): ServerConnection {
  const { userinfo, rest } = splitUserinfo(body)
  // A second "@" after a password: some of what follows may be password too (an "@" not written
  // %40), so no reading of host or database can be trusted, nor quoted back.
  if (userinfo?.includes(':') && rest.includes('@')) {
    invalid(
      'The connection string has more than one "@", so the password cannot be told apart from the host.',
      'An "@" inside the user name or password must be written %40 (and "/" as %2F, "?" as %3F, "#" as %23).',
    )
  }
  const found = rest.search(/[/?]/)
  const authorityEnd = found < 0 ? rest.length : found
  const queryStart = rest.indexOf('?', authorityEnd)
  const path = rest.slice(authorityEnd, queryStart < 0 ? rest.length : queryStart)

  const { user, password } = parseUserinfo(userinfo, dialect)
  const { host, port } = parseHostPort(rest.slice(0, authorityEnd), dialect, userinfo !== null)
  const options = parseQuery(queryStart < 0 ? '' : rest.slice(queryStart + 1), dialect)
  if (host === '' && options.socket === null) {
    const socket = dialect === 'mysql' ? ', or give a unix socket: ?socket=/run/mysqld/mysqld.sock' : ''
    invalid(
      'The host is missing (nothing between "//" or "@" and the next "/").',
      `Write ${example(dialect)}${socket}.`,
    )
  }
  const database = parseDatabase(path, dialect)
  return { dialect, flavor, host: host || 'localhost', port, user, password, database, ...options }
}

/**
 * The user info ends at the FIRST `@`, as in SQLAlchemy: an `@` inside a password must be written
 * %40 (a second `@` is then reported), while `/`, `?` and `#` may stay unencoded in the password.
 * An `@` that comes after a `/` or `?` in the user name part belongs to the path or the query.
 */
function splitUserinfo(body: string): { userinfo: string | null; rest: string } {
  const at = body.indexOf('@')
  if (at < 0) return { userinfo: null, rest: body }
  const candidate = body.slice(0, at)
  const colon = candidate.indexOf(':')
  const userPart = colon < 0 ? candidate : candidate.slice(0, colon)
  if (/[/?]/.test(userPart)) return { userinfo: null, rest: body }
  return { userinfo: candidate, rest: body.slice(at + 1) }
}

function parseUserinfo(userinfo: string | null, dialect: ServerDialect): Pick<ServerConnection, 'user' | 'password'> {
  if (userinfo === null) return { user: DEFAULT_USERS[dialect], password: null }
  const colon = userinfo.indexOf(':')
  const user = decodePart(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user name')
  const password = colon < 0 ? null : decodePart(userinfo.slice(colon + 1), 'password')
  return { user: user || DEFAULT_USERS[dialect], password }
}

/** `quotable` is false when the URL has no `@`: `a:b` may then be a user and password, not a host and port. */
function parseHostPort(text: string, dialect: ServerDialect, quotable: boolean): { host: string; port: number } {
  if (text.includes('@')) {
    invalid('The host part contains an "@".', 'An "@" inside the user name or password must be written %40.')
  }
  let host: string
  let portText: string | null
  if (text.startsWith('[')) {
    const close = text.indexOf(']')
    const hint = `Write an IPv6 address in brackets, e.g. ${dialect}://user@[::1]:${DEFAULT_PORTS[dialect]}/database.`
    if (close < 0) invalid('The IPv6 address has no closing "]".', hint)
    host = text.slice(1, close)
    if (!IPV6_RE.test(host) || !host.includes(':')) invalid(`${quote(`[${host}]`)} is not an IPv6 address.`, hint)
    const after = text.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) {
      invalid(`Unexpected text ${quote(after)} after the IPv6 address.`, 'Write [address]:port.')
    }
    portText = after === '' ? null : after.slice(1)
  } else {
    const colon = text.indexOf(':')
    if (colon >= 0 && text.includes(':', colon + 1)) {
      invalid('The host part contains more than one ":".', 'Write an IPv6 address in brackets, e.g. [::1]:5432.')
    }
    host = colon < 0 ? text : text.slice(0, colon)
    portText = colon < 0 ? null : text.slice(colon + 1)
    const bad = BAD_HOST_CHAR_RE.exec(host)
    if (bad !== null) {
      invalid(`The host ${quote(host)} contains the character ${quote(bad[0])}.`, `Write ${example(dialect)}.`)
    }
  }
  return { host, port: parsePort(portText, dialect, quotable) }
}

function parsePort(text: string | null, dialect: ServerDialect, quotable: boolean): number {
  if (text === null || text === '') return DEFAULT_PORTS[dialect]
  const what = quotable ? `The port ${quote(text)}` : 'The port (the text after the host and ":")'
  const hint =
    `Write host:port with a port from 1 to 65535, e.g. localhost:${DEFAULT_PORTS[dialect]}; ` +
    'a user name and password go before the host: user:password@host.'
  if (!/^\d+$/.test(text)) invalid(`${what} is not a number.`, hint)
  const port = text.length > 5 ? Infinity : Number(text)
  if (port < 1 || port > 65535) invalid(`${what} is out of range (1–65535).`, hint)
  return port
}

function parseDatabase(path: string, dialect: ServerDialect): string {
  const raw = path.slice(1)
  if (raw === '') invalid('The database name is missing.', `Add it after the host: ${example(dialect, '<database>')}.`)
  if (raw.includes('/')) {
    invalid(
      `The database name ${quote(raw)} contains "/".`,
      'Write a "/" inside a database name as %2F; only ?options may follow the name.',
    )
  }
  return decodePart(raw, 'database name')
}

/** Options we do not use (`charset=utf8mb4`, `application_name`, …) are ignored, as drivers would. */
function parseQuery(query: string, dialect: ServerDialect): QueryOptions {
  const options: QueryOptions = { ssl: 'disable', socket: null, connectTimeoutMs: null }
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decodePart(eq < 0 ? pair : pair.slice(0, eq), 'query option')
    const value = eq < 0 ? '' : decodePart(pair.slice(eq + 1), 'query option')
    switch (key.toLowerCase().replace(/-/g, '_')) {
      case 'ssl':
      case 'sslmode':
      case 'ssl_mode':
        options.ssl = parseSsl(key, value)
        break
      case 'socket':
      case 'unix_socket':
        if (dialect !== 'mysql') {
          invalid(`The ${quote(key)} option is only supported for MySQL and MariaDB.`, 'Connect with a host and port.')
        }
        if (value === '') invalid(`The ${quote(key)} option has no value.`, 'Write ?socket=/run/mysqld/mysqld.sock.')
        options.socket = value
        break
      case 'connecttimeout':
        options.connectTimeoutMs = parseTimeout(key, value, 1, 'milliseconds')
        break
      case 'connect_timeout':
        options.connectTimeoutMs = parseTimeout(key, value, 1000, 'seconds')
        break
    }
  }
  return options
}

function parseSsl(key: string, value: string): SslMode {
  const mode = SSL_VALUES.get(value.toLowerCase().replace(/_/g, '-'))
  if (mode === undefined) {
    invalid(
      `The ${quote(key)} value ${quote(value)} is not recognised.`,
      'Use ssl=require, ssl=verify-full or ssl=disable (sslmode= and ssl-mode= values work too).',
    )
  }
  return mode
}

/** 0 means "no limit" to libpq; we read it as "not set", leaving the caller's default. */
function parseTimeout(key: string, value: string, factor: number, unit: string): number | null {
  if (!/^\d{1,9}$/.test(value)) {
    invalid(
      `The ${quote(key)} value ${quote(value)} is not a whole number of ${unit}.`,
      `Write e.g. ${key}=${5000 / factor}.`,
    )
  }
  return Number(value) * factor || null
}

/** Strict percent-decoding: a stray `%` is an error rather than kept. Never quotes a password. */
function decodePart(raw: string, part: Part): string {
  for (let i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
    if (!isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
      const where = part === 'password' ? '' : ` ${quote(raw.slice(i, i + 3))}`
      invalid(`The ${part} contains an invalid percent-escape${where}.`, ENCODING_HINT)
    }
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    invalid(`The ${part} is not valid UTF-8 once percent-decoded.`, ENCODING_HINT)
  }
  if (CONTROL_RE.test(decoded)) invalid(`The ${part} contains a control character once percent-decoded.`, 'Remove it.')
  return decoded
}

function isHex(ch: string): boolean {
  return ch !== '' && '0123456789abcdefABCDEF'.includes(ch)
}

/** Percent-encodes all but unreserved characters and those in `keep`; never throws. */
function encode(text: string, keep = ''): string {
  let out = encodeURIComponent(text.replace(LONE_SURROGATE_RE_G, '\uFFFD'))
  for (const ch of keep) out = out.split(encodeURIComponent(ch)).join(ch)
  return out
}

export function formatConnectionUrl(config: ConnectionConfig, options: { maskPassword?: boolean } = {}): string {
  if (config.dialect === 'sqlite') {
    if (config.storage === MEMORY) return 'sqlite::memory:'
    // Three slashes then the path: relative stays relative, and `/abs` gives SQLAlchemy's four slashes.
    return `sqlite:///${encode(config.storage, '/\\:')}`
  }
  const scheme = config.dialect === 'postgres' ? 'postgres' : config.flavor === 'mariadb' ? 'mariadb' : 'mysql'
  let userinfo = encode(config.user)
  if (config.password !== null) userinfo += `:${options.maskPassword ? MASK : encode(config.password)}`
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const query: string[] = []
  if (config.ssl !== 'disable') query.push(`ssl=${config.ssl}`)
  if (config.socket !== null) query.push(`socket=${encode(config.socket, '/')}`)
  if (config.connectTimeoutMs !== null) query.push(`connectTimeout=${config.connectTimeoutMs}`)
  const search = query.length > 0 ? `?${query.join('&')}` : ''
  return `${scheme}://${userinfo}@${host}:${config.port}/${encode(config.database)}${search}`
}

export function displayConnectionUrl(input: string): string {
  try {
    return formatConnectionUrl(parseConnectionUrl(input), { maskPassword: true })
  } catch {
    return maskUnparsed(typeof input === 'string' ? input : '')
  }
}

/**
 * Best effort for text we could not parse: masks from the first `:` after `://` (or, with no `://`,
 * the first `:` at all) to the LAST `@`, erring towards hiding too much. Without an `@`, a
 * non-numeric "port" may be a password.
 */
function maskUnparsed(input: string): string {
  let text = input.trim().replace(CONTROL_RE_G, '\uFFFD')
  const start = text.indexOf('://')
  const at = text.lastIndexOf('@')
  if (start < 0) {
    const colon = text.indexOf(':')
    if (colon >= 0 && colon < at) text = `${text.slice(0, colon + 1)}${MASK}${text.slice(at)}`
  } else {
    const from = start + 3
    const colon = text.indexOf(':', from)
    if (at > from && colon >= 0 && colon < at) {
      text = `${text.slice(0, colon + 1)}${MASK}${text.slice(at)}`
    } else if (at < from && colon >= 0 && text[from] !== '[') {
      const found = text.slice(from).search(/[/?]/)
      const end = found < 0 ? text.length : from + found
      const segment = text.slice(colon + 1, end)
      if (colon < end && segment !== '' && !/^\d+$/.test(segment)) {
        text = `${text.slice(0, colon + 1)}${MASK}${text.slice(end)}`
      }
    }
  }
  return text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}…` : text
}

/**
 * Replaces the password, raw and in its usual encodings, by `•••`. A very short password also
 * hides innocent text; with secrets, hiding too much is the right mistake.
 */
export function maskPasswordIn(text: string, password: string | null | undefined): string {
  if (!password) return text
  const encoded = encode(password)
  const forms = new Set([
    password,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    encoded.replace(/%20/g, '+'), // Python's quote_plus, common in SQLAlchemy URLs
  ])
  let out = text
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK)
  return out
}
