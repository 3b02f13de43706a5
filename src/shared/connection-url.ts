/**
 * Connection strings: parsing, canonical formatting and password masking.
 *
 * Written by hand rather than with the WHATWG `URL` class, which mangles `sqlite:` forms and
 * unencoded passwords. Every loop and regex here is linear, so hostile input cannot hang us.
 * Error messages never quote the password, nor any text that might be part of it.
 */
import { DEFAULT_PORTS, type ConnectionConfig, type ServerConnection, type SqliteConnection } from './connection-types'
import { EMPTY_TLS_REQUEST, resolveTls, tlsQueryOption, type TlsRequest } from './connection-url-tls'
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
type QueryOptions = Pick<
  ServerConnection,
  'ssl' | 'sslCa' | 'sslCert' | 'sslKey' | 'sslPassword' | 'socket' | 'options' | 'connectTimeoutMs'
> & {
  /** libpq's `host=` / `port=` / `dbname=` / `user=` parameters, which override the URL's parts. */
  host: string | null
  port: number | null
  database: string | null
  user: string | null
}

/** A Map, not an object literal, so that schemes such as `constructor:` find nothing. */
const SCHEMES = new Map<string, 'sqlite' | 'prisma-file' | 'pg-socket' | { dialect: ServerDialect; flavor: Flavor }>([
  ['sqlite', 'sqlite'],
  // Prisma's SQLite URLs: `file:./dev.db`.
  ['file', 'prisma-file'],
  // node-postgres reads any scheme as PostgreSQL; `pg://` is the one seen in its docs and tests.
  ['pg', { dialect: 'postgres', flavor: 'postgres' }],
  // node-postgres: `socket://user:pass@/var/run/postgresql?db=app`.
  ['socket', 'pg-socket'],
  ['mysql', { dialect: 'mysql', flavor: 'mysql' }],
  ['mariadb', { dialect: 'mysql', flavor: 'mariadb' }],
  ['postgres', { dialect: 'postgres', flavor: 'postgres' }],
  ['postgresql', { dialect: 'postgres', flavor: 'postgres' }],
])

/**
 * Used when the URL names no user. PostgreSQL: '' — libpq and node-postgres use the OS login name,
 * which only the main process knows (it fills it in when connecting). MySQL: `root`, what the
 * official Docker images create.
 */
const DEFAULT_USERS: Record<ServerDialect, string> = { mysql: 'root', postgres: '' }

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):/
const WINDOWS_DRIVE_RE = /^[A-Za-z]:[\\/]/
// C0 and C1 control characters (U+0000–001F, U+007F–009F).
const CONTROL_RE = /\p{Cc}/u
const CONTROL_RE_G = /\p{Cc}/gu
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
  const passphrases = [...text.matchAll(PASSPHRASE_OPTION_RE_G)].map((match) => match[2])
  return [userinfoPasswordRegion(text), ...passphrases].join('\u0000')
}

/** The TLS key passphrase options (`sslpassword=`, `ssl_key_password=`) and their values, up to the next `&` or `#`. */
const PASSPHRASE_OPTION_RE_G = /([?&](?:sslpassword|ssl[_-]key[_-]password)=)([^&#]*)/gi

function userinfoPasswordRegion(text: string): string {
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
  if (target === 'prisma-file') return parsePrismaFile(rest)
  if (target === 'pg-socket') return parseSocketUrl(rest)
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
 * (`sqlite://`, `sqlite:///`) an in-memory database. SQLAlchemy neither percent-decodes the path
 * nor expands `~` (`sqlite:///~/app.db` is `./~/app.db`). With `uri=true` the path is an SQLite
 * URI filename (`file:app.db?mode=ro`), which SQLite itself decodes. `mode=ro` opens read-only.
 */
function parseSqliteUrl(rest: string): SqliteConnection {
  const queryStart = rest.indexOf('?')
  let path = queryStart < 0 ? rest : rest.slice(0, queryStart)
  const query = sqliteQuery(queryStart < 0 ? '' : rest.slice(queryStart + 1))
  const sqlalchemyForm = path.startsWith('//')
  if (sqlalchemyForm) {
    const afterHost = path.slice(2)
    if (!afterHost.startsWith('/') && afterHost !== '') {
      invalid('A sqlite: URL cannot name a host (text follows "sqlite://").', SQLITE_HINT)
    }
    path = afterHost.slice(1)
    if (path === '') return { dialect: 'sqlite', storage: MEMORY }
  } else if (path === '') {
    invalid('The sqlite: URL names no file.', SQLITE_HINT)
  }
  if (query.get('uri') === 'true' && /^file:/i.test(path)) return sqliteUriFilename(path.slice(5), query)
  checkPathText(path)
  // `./` keeps a leading `~` from being read as the home folder, as SQLAlchemy (Python's open)
  // reads `sqlite:///~/app.db`; `sqlite:~/app.db` (not SQLAlchemy's form) keeps the home folder.
  const storage = sqlalchemyForm && path.startsWith('~') ? `./${path}` : path
  return withMode({ dialect: 'sqlite', storage }, query.get('mode'))
}

function sqliteQuery(query: string): Map<string, string> {
  const options = new Map<string, string>()
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    if (pair === '') continue
    options.set(
      decodePart(eq < 0 ? pair : pair.slice(0, eq), 'query option').toLowerCase(),
      decodePart(eq < 0 ? '' : pair.slice(eq + 1), 'query option').toLowerCase(),
    )
  }
  return options
}

/** SQLite URI filenames: `file:path`, `file:///abs`, `file://localhost/abs`; SQLite decodes %XX. */
function sqliteUriFilename(text: string, query: Map<string, string>): SqliteConnection {
  let path = text
  if (path.startsWith('//')) {
    const slash = path.indexOf('/', 2)
    const authority = slash < 0 ? path.slice(2) : path.slice(2, slash)
    if (authority !== '' && authority.toLowerCase() !== 'localhost') {
      invalid('An SQLite file: URI cannot name a host other than localhost.', SQLITE_HINT)
    }
    path = slash < 0 ? '' : path.slice(slash)
  }
  if (path === '' || path === MEMORY || query.get('mode') === 'memory') return { dialect: 'sqlite', storage: MEMORY }
  return withMode({ dialect: 'sqlite', storage: decodePart(path, 'file path') }, query.get('mode'))
}

function withMode(config: SqliteConnection, mode: string | undefined): SqliteConnection {
  return mode === 'ro' ? { ...config, readOnly: true } : config
}

/** Prisma's `file:./dev.db` (relative to the project, here to Rowboat's base folder); query options ignored. */
function parsePrismaFile(rest: string): SqliteConnection {
  const queryStart = rest.indexOf('?')
  let path = queryStart < 0 ? rest : rest.slice(0, queryStart)
  if (path.startsWith('//')) path = path.slice(2)
  if (path === '') invalid('The file: URL names no file.', 'Write file:./dev.db (Prisma) or sqlite:///app.db.')
  checkPathText(path)
  return { dialect: 'sqlite', storage: path }
}

function checkPathText(path: string): void {
  if (CONTROL_RE.test(path)) invalid('The file path contains a control character.', 'Remove it.')
}

/** node-postgres: `socket://user:pass@/var/run/postgresql?db=app` — the path is the socket folder. */
function parseSocketUrl(rest: string): ServerConnection {
  let body = rest.startsWith('//') ? rest.slice(2) : rest
  const queryStart = body.indexOf('?')
  const query = queryStart < 0 ? '' : body.slice(queryStart + 1)
  body = queryStart < 0 ? body : body.slice(0, queryStart)
  const slash = body.indexOf('/')
  const authority = slash < 0 ? body : body.slice(0, slash)
  const at = authority.lastIndexOf('@')
  const { user, password } = parseUserinfo(at < 0 ? null : authority.slice(0, at), 'postgres')
  const socket = slash < 0 ? '' : decodePart(body.slice(slash), 'file path')
  if (socket === '') invalid('The socket: URL names no socket folder.', 'Write socket://user@/var/run/postgresql?db=app.')
  const options = parseQuery(query, 'postgres')
  const database = new Map(query.split('&').map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)])).get('db')
  return {
    ...serverDefaults('postgres'),
    ...pickOptions(options),
    user: options.user ?? user,
    password,
    socket,
    database: database === undefined ? '' : decodePart(database, 'database name'),
  }
}

function serverDefaults(dialect: ServerDialect): Omit<ServerConnection, 'user' | 'password' | 'database'> {
  return {
    dialect,
    flavor: dialect,
    host: '',
    port: DEFAULT_PORTS[dialect],
    ssl: 'disable',
    sslCa: null,
    sslCert: null,
    sslKey: null,
    socket: null,
    options: null,
    connectTimeoutMs: null,
  }
}

function pickOptions(
  options: QueryOptions,
): Pick<ServerConnection, 'ssl' | 'sslCa' | 'sslCert' | 'sslKey' | 'sslPassword' | 'options' | 'connectTimeoutMs'> {
  const { ssl, sslCa, sslCert, sslKey, sslPassword } = options
  return {
    ssl,
    sslCa,
    sslCert,
    sslKey,
    ...(sslPassword === undefined ? {} : { sslPassword }),
    options: options.options,
    connectTimeoutMs: options.connectTimeoutMs,
  }
}

function parseServerUrl(body: string, dialect: ServerDialect, flavor: Flavor): ServerConnection {
  const { userinfo, rest } = splitUserinfo(body)
  const found = rest.search(/[/?]/)
  const authorityEnd = found < 0 ? rest.length : found
  const queryStart = rest.indexOf('?', authorityEnd)
  const path = rest.slice(authorityEnd, queryStart < 0 ? rest.length : queryStart)

  const parsedUser = parseUserinfo(userinfo, dialect)
  const authority = rest.slice(0, authorityEnd)
  // libpq: a host that is a percent-encoded absolute path (`%2Fvar%2Frun%2Fpostgresql`) is a socket folder.
  const encodedSocket = dialect === 'postgres' && /^%2F/i.test(authority)
  // libpq: `host1:5432,host2:5433` is a list of servers tried in order (each without a port: 5432).
  const hosts =
    dialect === 'postgres' && !encodedSocket && authority.includes(',')
      ? authority.split(',').map((part) => {
          if (part === '') invalid('The list of hosts has an empty entry (two commas in a row?).', 'Write host1:5432,host2:5433.')
          return parseHostPort(part, dialect, userinfo !== null)
        })
      : null
  const { host, port } = encodedSocket
    ? { host: '', port: DEFAULT_PORTS.postgres }
    : (hosts?.[0] ?? parseHostPort(authority, dialect, userinfo !== null))
  const options = parseQuery(queryStart < 0 ? '' : rest.slice(queryStart + 1), dialect)
  const hostSocket = encodedSocket ? decodeSocketHost(authority) : null
  const socket = options.socket ?? hostSocket
  if (host === '' && socket === null && options.host === null && dialect === 'mysql') {
    invalid(
      'The host is missing (nothing between "//" or "@" and the next "/").',
      `Write ${example(dialect)}, or give a unix socket: ?socket=/run/mysqld/mysqld.sock.`,
    )
  }
  const database = options.database ?? parseDatabase(path)
  return {
    ...serverDefaults(dialect),
    ...pickOptions(options),
    flavor,
    // PostgreSQL without a host: '' (the default socket folder, chosen where the server runs).
    host: options.host ?? (host || (dialect === 'mysql' ? 'localhost' : '')),
    port: options.port ?? port,
    user: options.user ?? parsedUser.user,
    password: parsedUser.password,
    database,
    socket,
    ...(hosts !== null && options.host === null && socket === null ? { alternateHosts: hosts.slice(1) } : {}),
  }
}

function decodeSocketHost(authority: string): string {
  const colon = authority.lastIndexOf(':')
  const port = colon < 0 ? '' : authority.slice(colon + 1)
  if (port !== '')
    invalid('A socket folder given as the host cannot have a port here.', 'Write ?host=/var/run/postgresql&port=5433 instead.')
  return decodePart(colon < 0 ? authority : authority.slice(0, colon), 'file path')
}

/**
 * Where the user info ends. Normally at the only `@` (so `/`, `?` and `#` may stay unencoded in a
 * password). Several `@` with no `/`, `?` or `#` between the first and the last: the last one, as
 * node-postgres (WHATWG URL) reads `user:p@ss@host`. Several `@` with such a character between:
 * no reading can be trusted (a host, a database or a query may be part of the password), so the URL
 * is refused without quoting any of it. An `@` after a `/` or `?` in the user name part belongs to
 * the path or the query.
 */
function splitUserinfo(body: string): { userinfo: string | null; rest: string } {
  const at = body.indexOf('@')
  if (at < 0) return { userinfo: null, rest: body }
  const candidate = body.slice(0, at)
  const colon = candidate.indexOf(':')
  const userPart = colon < 0 ? candidate : candidate.slice(0, colon)
  if (/[/?]/.test(userPart)) return { userinfo: null, rest: body }
  const last = body.lastIndexOf('@')
  if (last === at) return { userinfo: candidate, rest: body.slice(at + 1) }
  if (/[/?#]/.test(body.slice(at, last))) {
    if (colon < 0) {
      // No password: the later "@" is in the path or query (e.g. an application_name).
      return { userinfo: candidate, rest: body.slice(at + 1) }
    }
    invalid(
      'The connection string has more than one "@", so the password cannot be told apart from the host.',
      'An "@" inside the user name or password must be written %40 (and "/" as %2F, "?" as %3F, "#" as %23).',
    )
  }
  return { userinfo: body.slice(0, last), rest: body.slice(last + 1) }
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
  if (text.includes(',')) {
    invalid(
      dialect === 'postgres'
        ? "The host= option names several hosts (libpq's list of servers to try in turn), which Rowboat reads only in the URL's host part."
        : 'The connection string names several hosts, which MySQL clients do not try in turn.',
      dialect === 'postgres'
        ? 'Write them in the URL instead: postgresql://user@host1:5432,host2:5433/database.'
        : `Give the one server to connect to, e.g. ${example(dialect)}.`,
    )
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

function parseDatabase(path: string): string {
  const raw = path.slice(1)
  // libpq: no database means the database named like the user. MySQL (PyMySQL, mysql2): no
  // database selected, a server-level session in which the user picks one.
  if (raw === '') return ''
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
  const tls: TlsRequest = { ...EMPTY_TLS_REQUEST }
  const options: Omit<QueryOptions, 'ssl' | 'sslCa' | 'sslCert' | 'sslKey' | 'sslPassword'> = {
    socket: null,
    options: null,
    connectTimeoutMs: null,
    host: null,
    port: null,
    database: null,
    user: null,
  }
  let schema: string | null = null
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decodePart(eq < 0 ? pair : pair.slice(0, eq), 'query option')
    const value = eq < 0 ? '' : decodePart(pair.slice(eq + 1), 'query option')
    const name = key.toLowerCase().replace(/-/g, '_')
    const asTls = tlsQueryOption(tls, name, value)
    if (asTls === 'mode') {
      invalid(
        `The ${quote(key)} value ${quote(value)} is not recognised.`,
        "Use sslmode=disable, allow, prefer, require, verify-ca or verify-full (ssl=true and MySQL's ssl-mode= values work too).",
      )
    }
    if (asTls === 'boolean') invalid(`The ${quote(key)} value ${quote(value)} is not true or false.`, `Write ${key}=true or ${key}=false.`)
    if (asTls === 'empty') invalid(`The ${quote(key)} option has no value.`, `Write ${key}=/path/to/file.pem.`)
    if (asTls) continue
    switch (name) {
      case 'socket':
      case 'unix_socket':
        if (dialect !== 'mysql') {
          invalid(
            `The ${quote(key)} option is only supported for MySQL and MariaDB.`,
            'For PostgreSQL write ?host=/var/run/postgresql (the socket folder).',
          )
        }
        if (value === '') invalid(`The ${quote(key)} option has no value.`, 'Write ?socket=/run/mysqld/mysqld.sock.')
        options.socket = value
        break
      case 'host':
        // libpq: `host=/dir` is a socket folder, another value a host name that overrides the URL's.
        if (dialect !== 'postgres' || value === '') break
        if (value.startsWith('/')) options.socket = value
        else options.host = parseHostPort(value, dialect, true).host
        break
      case 'port':
        if (dialect === 'postgres') options.port = parsePort(value, dialect, true)
        break
      case 'dbname':
        if (dialect === 'postgres') options.database = value
        break
      case 'user':
        if (dialect === 'postgres' && value !== '') options.user = value
        break
      case 'options':
        if (dialect === 'postgres' && value.trim() !== '') options.options = value.trim()
        break
      case 'schema':
        // Prisma: the schema its client works in, which it sets as the search_path.
        if (dialect === 'postgres' && value !== '') schema = value
        break
      case 'connecttimeout':
        options.connectTimeoutMs = parseTimeout(key, value, 1, 'milliseconds')
        break
      case 'connect_timeout':
        options.connectTimeoutMs = parseTimeout(key, value, 1000, 'seconds')
        break
    }
  }
  if (options.options === null && schema !== null) options.options = `-c search_path=${escapeOptionValue(schema)}`
  return { ...options, ...resolveTls(tls, dialect) }
}

/** libpq's `options` separates words with spaces; a backslash keeps one in a value. */
function escapeOptionValue(value: string): string {
  return value.replace(/[\\ ]/g, (ch) => `\\${ch}`)
}

/** The search_path an `options` string sets (`-c search_path=x`, `-csearch_path=x`, `--search_path=x`), if any. */
export function searchPathOf(options: string | null): string | null {
  if (options === null) return null
  const words = options.match(/(?:\\.|[^\s\\])+/g) ?? []
  let found: string | null = null
  for (let i = 0; i < words.length; i++) {
    let word = words[i].replace(/\\(.)/g, '$1')
    if (word === '-c' && i + 1 < words.length) word = `-c${words[++i].replace(/\\(.)/g, '$1')}`
    const match = /^(?:-c|--)search_path=(.*)$/i.exec(word)
    if (match) found = match[1]
  }
  return found
}

/** 0 means "no limit" to libpq; we read it as "not set", leaving the caller's default. */
function parseTimeout(key: string, value: string, factor: number, unit: string): number | null {
  if (!/^\d{1,9}$/.test(value)) {
    invalid(`The ${quote(key)} value ${quote(value)} is not a whole number of ${unit}.`, `Write e.g. ${key}=${5000 / factor}.`)
  }
  return Number(value) * factor || null
}

/**
 * Percent-decoding as SQLAlchemy (Python's unquote) and libpq do it: a `%` not followed by two hex
 * digits is kept as it is (`100%sure`). Never quotes a password.
 */
function decodePart(raw: string, part: Part): string {
  const escaped = raw.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
  let decoded: string
  try {
    decoded = decodeURIComponent(escaped)
  } catch {
    invalid(`The ${part} is not valid UTF-8 once percent-decoded.`, ENCODING_HINT)
  }
  if (CONTROL_RE.test(decoded)) invalid(`The ${part} contains a control character once percent-decoded.`, 'Remove it.')
  return decoded
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
    const mode = config.readOnly ? '?mode=ro' : ''
    // `sqlite:~/…` keeps the home-folder meaning that `sqlite:///~/…` (SQLAlchemy) would lose.
    if (config.storage.startsWith('~/')) return `sqlite:${config.storage}${mode}`
    // Three slashes then the path, not encoded (SQLAlchemy does not decode it): relative stays
    // relative, and `/abs` gives SQLAlchemy's four slashes.
    return `sqlite:///${config.storage}${mode}`
  }
  const postgres = config.dialect === 'postgres'
  const scheme = postgres ? 'postgres' : config.flavor === 'mariadb' ? 'mariadb' : 'mysql'
  let userinfo = encode(config.user)
  if (config.password !== null) userinfo += `:${options.maskPassword ? MASK : encode(config.password)}`
  const hostPort = ({ host, port }: { host: string; port: number }) => `${host.includes(':') ? `[${host}]` : host}:${port}`
  const hosts = [config, ...(config.alternateHosts ?? [])].map(hostPort).join(',')
  const query: string[] = []
  if (config.ssl !== 'disable') query.push(postgres ? `sslmode=${config.ssl}` : `ssl=${config.ssl}`)
  const fileKeys = postgres ? ['sslrootcert', 'sslcert', 'sslkey'] : ['ssl_ca', 'ssl_cert', 'ssl_key']
  ;[config.sslCa, config.sslCert, config.sslKey].forEach((file, i) => {
    if (file !== null && config.ssl !== 'disable') query.push(`${fileKeys[i]}=${encode(file, '/')}`)
  })
  if (config.sslPassword !== undefined && config.ssl !== 'disable') {
    query.push(`${postgres ? 'sslpassword' : 'ssl_key_password'}=${options.maskPassword ? MASK : encode(config.sslPassword)}`)
  }
  if (config.socket !== null) query.push(`${postgres ? 'host' : 'socket'}=${encode(config.socket, '/')}`)
  if (postgres && config.options !== null) query.push(`options=${encode(config.options)}`)
  if (config.connectTimeoutMs !== null) query.push(`connectTimeout=${config.connectTimeoutMs}`)
  const search = query.length > 0 ? `?${query.join('&')}` : ''
  const at = userinfo === '' ? '' : '@'
  return `${scheme}://${userinfo}${at}${hosts}/${encode(config.database)}${search}`
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
  let text = input
    .trim()
    .replace(CONTROL_RE_G, '\uFFFD')
    .replace(PASSPHRASE_OPTION_RE_G, (_match, key: string) => `${key}${MASK}`)
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
