import { describe, it, expect } from 'vitest'
import type { ConnectionConfig, ServerConnection } from './connection-types'
import { AppError } from './errors'
import { displayConnectionUrl, formatConnectionUrl, maskPasswordIn, parseConnectionUrl } from './connection-url'

const MASK = '•••'

function server(overrides: Partial<ServerConnection> & Pick<ServerConnection, 'dialect'>): ServerConnection {
  const postgres = overrides.dialect === 'postgres'
  return {
    flavor: postgres ? 'postgres' : 'mysql',
    host: 'localhost',
    port: postgres ? 5432 : 3306,
    user: postgres ? '' : 'root',
    password: null,
    database: 'app',
    ssl: 'disable',
    sslCa: null,
    sslCert: null,
    sslKey: null,
    socket: null,
    options: null,
    connectTimeoutMs: null,
    ...overrides,
  }
}

/** Runs the parser and returns the AppError it throws (failing the test when it does not). */
function parseError(input: string): AppError {
  try {
    parseConnectionUrl(input)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error(`expected ${JSON.stringify(input.slice(0, 80))} to be rejected`)
}

describe('parseConnectionUrl: sqlite', () => {
  it.each<[string, string]>([
    ['sqlite::memory:', ':memory:'],
    ['sqlite://', ':memory:'],
    ['sqlite:///', ':memory:'],
    ['sqlite:///:memory:', ':memory:'],
    ['sqlite:///:memory:?cache=shared', ':memory:'],
    ['sqlite:relative.db', 'relative.db'],
    ['sqlite:relative/x.db', 'relative/x.db'],
    ['sqlite:/abs/x.db', '/abs/x.db'],
    ['sqlite:///app.db', 'app.db'],
    ['sqlite:///data/app.db', 'data/app.db'],
    ['sqlite:////abs/path.db', '/abs/path.db'],
    ['sqlite+pysqlite:///app.db', 'app.db'],
    ['sqlite+aiosqlite:////srv/app.db', '/srv/app.db'],
    ['SQLITE:///App.db', 'App.db'],
    // SQLAlchemy does not percent-decode the path, nor expand "~"
    ['sqlite:///my%20app.db', 'my%20app.db'],
    ['sqlite:///caf%C3%A9.db', 'caf%C3%A9.db'],
    ['sqlite:////tmp/my%20db.sqlite', '/tmp/my%20db.sqlite'],
    ['sqlite:///~/app.db', './~/app.db'],
    ['sqlite:~/app.db', '~/app.db'],
    ['sqlite:///a%zz.db', 'a%zz.db'],
    // without uri=true, SQLAlchemy (pysqlite) opens a file literally named "file:app.db"
    ['sqlite:///file:app.db', 'file:app.db'],
    // Prisma
    ['file:./dev.db', './dev.db'],
    ['file:dev.db?connection_limit=1', 'dev.db'],
    ['file:///x/app.db', '/x/app.db'],
    ['sqlite:///C:\\data\\app.db', 'C:\\data\\app.db'],
    ['sqlite:data.anything', 'data.anything'],
    ['/x/y.db', '/x/y.db'],
    ['data/app.sqlite', 'data/app.sqlite'],
    ['./a.db', './a.db'],
    ['../b.sqlite3', '../b.sqlite3'],
    ['~/a.db', '~/a.db'],
    ['app.db', 'app.db'],
    ['/x/APP.DB', '/x/APP.DB'],
    ['/x/my%20file.db', '/x/my%20file.db'],
    ['/Users/me/My App/app.db', '/Users/me/My App/app.db'],
    ['C:\\x\\app.db', 'C:\\x\\app.db'],
    ['C:/x/app.sqlite', 'C:/x/app.sqlite'],
    ['  \t/x/y.db\n', '/x/y.db'],
  ])('%s → %s', (input, storage) => {
    expect(parseConnectionUrl(input)).toEqual({ dialect: 'sqlite', storage })
  })

  it.each<[string, string]>([
    ['sqlite:///app.db?mode=ro', 'app.db'],
    ['sqlite:////abs/path.db?mode=ro&cache=shared', '/abs/path.db'],
    // SQLite URI filenames (SQLAlchemy's uri=true): SQLite decodes them and reads mode=ro
    ['sqlite:///file:app.db?mode=ro&uri=true', 'app.db'],
    ['sqlite:///file:my%20app.db?mode=ro&uri=true', 'my app.db'],
    ['sqlite:///file:///abs/app.db?mode=ro&uri=true', '/abs/app.db'],
    ['sqlite:///file://localhost/abs/app.db?uri=true&mode=ro', '/abs/app.db'],
  ])('%s → %s, read-only', (input, storage) => {
    expect(parseConnectionUrl(input)).toEqual({ dialect: 'sqlite', storage, readOnly: true })
  })

  it('reads a uri=true filename without mode=ro as read-write', () => {
    expect(parseConnectionUrl('sqlite:///file:app.db?uri=true&cache=shared')).toEqual({ dialect: 'sqlite', storage: 'app.db' })
    expect(parseConnectionUrl('sqlite:///file::memory:?uri=true')).toEqual({ dialect: 'sqlite', storage: ':memory:' })
  })
})

describe('parseConnectionUrl: servers', () => {
  it.each<[string, ServerConnection]>([
    ['mysql://user:pass@host:3306/db', server({ dialect: 'mysql', user: 'user', password: 'pass', host: 'host', database: 'db' })],
    ['mysql://user:pass@host/db', server({ dialect: 'mysql', user: 'user', password: 'pass', host: 'host', database: 'db' })],
    [
      'mariadb://u:p@db.example.com:3307/app',
      server({ dialect: 'mysql', flavor: 'mariadb', user: 'u', password: 'p', host: 'db.example.com', port: 3307 }),
    ],
    ['postgres://u:p@localhost/app', server({ dialect: 'postgres', user: 'u', password: 'p' })],
    ['postgresql://u@localhost:6543/app', server({ dialect: 'postgres', user: 'u', port: 6543 })],
    ['mysql+pymysql://u:p@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'p' })],
    ['mysql+mysqldb://u:p@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'p' })],
    ['mysql+mysqlconnector://u:p@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'p' })],
    ['mariadb+mariadbconnector://u:p@localhost/app', server({ dialect: 'mysql', flavor: 'mariadb', user: 'u', password: 'p' })],
    ['postgresql+psycopg2://u:p@localhost/app', server({ dialect: 'postgres', user: 'u', password: 'p' })],
    ['postgresql+psycopg://u:p@localhost/app', server({ dialect: 'postgres', user: 'u', password: 'p' })],
    ['postgresql+asyncpg://u:p@localhost/app', server({ dialect: 'postgres', user: 'u', password: 'p' })],
    ['MySQL://u@LocalHost/app', server({ dialect: 'mysql', user: 'u', host: 'LocalHost' })],
    // user and password
    ['mysql://localhost/app', server({ dialect: 'mysql' })],
    ['postgres://localhost/app', server({ dialect: 'postgres' })],
    ['mysql://u@localhost/app', server({ dialect: 'mysql', user: 'u', password: null })],
    ['mysql://u:@localhost/app', server({ dialect: 'mysql', user: 'u', password: '' })],
    ['mysql://:pw@localhost/app', server({ dialect: 'mysql', password: 'pw' })],
    ['mysql://u:p%40ss@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'p@ss' })],
    ['mysql://u%3Ax%40y:a%3Ab%2Fc%25d@localhost/app', server({ dialect: 'mysql', user: 'u:x@y', password: 'a:b/c%d' })],
    ['mysql://u:a:b@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'a:b' })],
    ['mysql://u:ab/cd?e#f@localhost/app', server({ dialect: 'mysql', user: 'u', password: 'ab/cd?e#f' })],
    ['postgres://j%C3%B6ran:p%C3%A4ss@localhost/app', server({ dialect: 'postgres', user: 'jöran', password: 'päss' })],
    // hosts
    ['postgres://u@[::1]:5433/app', server({ dialect: 'postgres', user: 'u', host: '::1', port: 5433 })],
    ['postgres://[::1]/app', server({ dialect: 'postgres', host: '::1' })],
    ['mysql://u:p@[2001:db8::5]/app', server({ dialect: 'mysql', user: 'u', password: 'p', host: '2001:db8::5' })],
    ['mysql://127.0.0.1:3306/app', server({ dialect: 'mysql', host: '127.0.0.1' })],
    ['mysql://my_db-1.internal/app', server({ dialect: 'mysql', host: 'my_db-1.internal' })],
    ['mysql://localhost:/app', server({ dialect: 'mysql' })],
    // databases
    ['mysql://localhost/my%2Fdb%20x', server({ dialect: 'mysql', database: 'my/db x' })],
    ['postgres://localhost/a@b', server({ dialect: 'postgres', database: 'a@b' })],
    ['mysql://localhost/app?', server({ dialect: 'mysql' })],
    // lenient percent-escapes, as SQLAlchemy (Python's unquote) and libpq keep them
    ['mysql://u%zz@host/app', server({ dialect: 'mysql', user: 'u%zz', host: 'host' })],
    ['mysql://u:p%zz@host/app', server({ dialect: 'mysql', user: 'u', password: 'p%zz', host: 'host' })],
    ['mysql://u:100%sure@host/app', server({ dialect: 'mysql', user: 'u', password: '100%sure', host: 'host' })],
    ['mysql://u@host/a%zzb', server({ dialect: 'mysql', user: 'u', host: 'host', database: 'a%zzb' })],
    ['mysql://u@host/a%', server({ dialect: 'mysql', user: 'u', host: 'host', database: 'a%' })],
    ['postgres://localhost/app?x=%zz', server({ dialect: 'postgres' })],
    // several "@" with nothing between that could be a host or path: the last one, as node-postgres
    ['mysql://u:p@@host/db', server({ dialect: 'mysql', user: 'u', password: 'p@', host: 'host', database: 'db' })],
    ['mysql://u:p@ss@host/db', server({ dialect: 'mysql', user: 'u', password: 'p@ss', host: 'host', database: 'db' })],
    ['pg://u:p@host/db', server({ dialect: 'postgres', user: 'u', password: 'p', host: 'host', database: 'db' })],
    // options
    // node-postgres: ssl=true / ssl=1 is TLS with Node's checks (certificate and host name)
    ['postgres://localhost/app?ssl=true', server({ dialect: 'postgres', ssl: 'verify-full' })],
    ['postgres://myhost/app?ssl=1', server({ dialect: 'postgres', host: 'myhost', ssl: 'verify-full' })],
    ['postgres://localhost/app?ssl=0', server({ dialect: 'postgres', ssl: 'disable' })],
    ['postgres://localhost/app?sslmode=no-verify', server({ dialect: 'postgres', ssl: 'require' })],
    ['postgres://localhost/app?ssl=require', server({ dialect: 'postgres', ssl: 'require' })],
    ['postgres://localhost/app?ssl=verify-full', server({ dialect: 'postgres', ssl: 'verify-full' })],
    ['postgres://localhost/app?ssl=false', server({ dialect: 'postgres', ssl: 'disable' })],
    ['postgres://localhost/app?ssl=disable', server({ dialect: 'postgres', ssl: 'disable' })],
    ['postgres://localhost/app?sslmode=disable', server({ dialect: 'postgres', ssl: 'disable' })],
    ['postgres://localhost/app?sslmode=allow', server({ dialect: 'postgres', ssl: 'allow' })],
    ['postgres://localhost/app?sslmode=prefer', server({ dialect: 'postgres', ssl: 'prefer' })],
    ['postgres://localhost/app?sslmode=require', server({ dialect: 'postgres', ssl: 'require' })],
    ['postgres://localhost/app?sslmode=verify-ca', server({ dialect: 'postgres', ssl: 'verify-ca' })],
    ['postgres://localhost/app?sslmode=verify-full', server({ dialect: 'postgres', ssl: 'verify-full' })],
    ['mysql://localhost/app?ssl-mode=REQUIRED', server({ dialect: 'mysql', ssl: 'require' })],
    ['mysql://localhost/app?ssl-mode=VERIFY_IDENTITY', server({ dialect: 'mysql', ssl: 'verify-full' })],
    ['mysql://localhost/app?ssl-mode=disabled', server({ dialect: 'mysql', ssl: 'disable' })],
    ['mysql://localhost/app?ssl_mode=Verify_CA', server({ dialect: 'mysql', ssl: 'verify-ca' })],
    ['mysql://localhost/app?ssl-mode=PREFERRED', server({ dialect: 'mysql', ssl: 'prefer' })],
    ['mysql://localhost/app?socket=/var/run/mysqld/mysqld.sock', server({ dialect: 'mysql', socket: '/var/run/mysqld/mysqld.sock' })],
    ['mysql+pymysql://u@localhost/app?unix_socket=/tmp/mysql.sock', server({ dialect: 'mysql', user: 'u', socket: '/tmp/mysql.sock' })],
    ['mysql://root@/db?socket=/run/mysqld/mysqld.sock', server({ dialect: 'mysql', database: 'db', socket: '/run/mysqld/mysqld.sock' })],
    ['mysql:///db?socket=%2Frun%2Fmy%20sql.sock', server({ dialect: 'mysql', database: 'db', socket: '/run/my sql.sock' })],
    ['mysql://localhost/app?connectTimeout=2500', server({ dialect: 'mysql', connectTimeoutMs: 2500 })],
    ['postgres://localhost/app?connect_timeout=10', server({ dialect: 'postgres', connectTimeoutMs: 10_000 })],
    ['postgres://localhost/app?connect_timeout=0', server({ dialect: 'postgres', connectTimeoutMs: null })],
    ['mysql+pymysql://u:p@localhost/app?charset=utf8mb4', server({ dialect: 'mysql', user: 'u', password: 'p' })],
    [
      'postgresql://u@localhost/app?application_name=x&sslmode=require&&connect_timeout=3&options=-c%20x%3D1',
      server({ dialect: 'postgres', user: 'u', ssl: 'require', connectTimeoutMs: 3000, options: '-c x=1' }),
    ],
    ['mysql://localhost/app?ssl=require&ssl=disable', server({ dialect: 'mysql', ssl: 'disable' })],
    ['  postgres://localhost/app \n', server({ dialect: 'postgres' })],
  ])('%s', (input, expected) => {
    expect(parseConnectionUrl(input)).toEqual(expected)
  })
})

describe('parseConnectionUrl: invalid input', () => {
  it.each<[string, RegExp]>([
    ['', /empty/],
    ['   \t\n ', /whitespace/],
    ['hello', /neither a connection URL nor a path/],
    ['/x/y/app', /must end in \.db, \.sqlite or \.sqlite3/],
    ['C:\\x\\app', /must end in \.db/],
    ['mongodb://localhost/app', /Unsupported scheme "mongodb:\/\/"/],
    ['http://example.com/app.db', /Unsupported scheme "http:\/\/"/],
    ['oracle://u:p@host/db', /Unsupported scheme "oracle:\/\/"/],
    ['constructor://x/y', /Unsupported scheme/],
    ['javascript:alert(1)', /Unsupported scheme "javascript:"/],
    ['mysql:localhost/app', /Expected "\/\/" after "mysql:"/],
    ['mysql://root@/app', /host is missing/],
    ['postgres://u@/app?socket=/tmp/x', /only supported for MySQL/],
    ['mysql://root@localhost/app?socket=', /has no value/],
    ['mysql://root@host:abc/app', /port "abc" is not a number/],
    ['mysql://root@host:0/app', /port "0" is out of range/],
    ['mysql://root@host:65536/app', /port "65536" is out of range/],
    ['mysql://root@host:99999999999999999999/app', /port "99999999999999999999" is out of range/],
    ['mysql://root@host:-1/app', /port "-1" is not a number/],
    ['mysql://host:3306:1/app', /more than one ":"/],
    ['postgres://::1/app', /more than one ":"/],
    ['postgres://[::1/app', /no closing "\]"/],
    ['postgres://[nope]/app', /is not an IPv6 address/],
    ['postgres://[::1]x/app', /Unexpected text "x" after the IPv6 address/],
    ['mysql://ho st/app', /host "ho st" contains the character " "/],
    ['mysql://u:%ff@host/app', /password is not valid UTF-8/],
    ['mysql://u%00@host/app', /user name contains a control character/],
    ['postgres://localhost/a/b', /database name "a\/b" contains "\/"/],
    ['postgres://localhost/app?ssl=maybe', /"ssl" value "maybe" is not recognised/],
    ['postgres://localhost/app?sslmode=', /"sslmode" value "" is not recognised/],
    ['mysql://localhost/app?ssl_check_hostname=maybe', /"ssl_check_hostname" value "maybe" is not true or false/],
    ['postgres://localhost/app?sslrootcert=', /"sslrootcert" option has no value/],
    ['mysql://u:p@x/y@host/db', /more than one "@"/],
    ['postgres://%2Fvar%2Frun%2Fpostgresql:5433/db', /cannot have a port/],
    ['mysql://localhost/app?connectTimeout=soon', /"connectTimeout" value "soon" is not a whole number of milliseconds/],
    ['postgres://localhost/app?connect_timeout=1.5', /"connect_timeout" value "1.5" is not a whole number of seconds/],
    ['sqlite:', /names no file/],
    ['sqlite:?mode=ro', /names no file/],
    ['sqlite://host/app.db', /cannot name a host/],
  ])('%j', (input, message) => {
    const error = parseError(input)
    expect(error.code).toBe('INVALID_URL')
    expect(error.field).toBe('url')
    expect(error.message).toMatch(message)
    expect(error.hint).toBeTruthy()
    expect(error.message).not.toMatch(/\n\s+at /)
  })

  it('lists the supported schemes for an unknown one', () => {
    const { hint } = parseError('mongodb://localhost/app')
    for (const scheme of ['postgres://', 'mysql://', 'mariadb://', 'sqlite:']) expect(hint).toContain(scheme)
  })

  it('rejects a non-string input without crashing', () => {
    expect(parseError(undefined as unknown as string).code).toBe('INVALID_URL')
    expect(parseError(42 as unknown as string).code).toBe('INVALID_URL')
  })
})

describe('parseConnectionUrl: hostile input', () => {
  const hostile: [string, string][] = [
    ['a very long string', `mysql://u:p@h/${'a'.repeat(100_000)}`],
    ['a very long bare path', `/${'x/'.repeat(50_000)}a.db`],
    ['repeated @', `mysql://${'@'.repeat(4000)}`],
    ['repeated colons', `postgres://${':'.repeat(4000)}/db`],
    ['repeated percent', `mysql://u:p@h:${'%'.repeat(4000)}/db`],
    ['repeated brackets', `postgres://${'['.repeat(4000)}`],
    ['a NUL byte', 'mysql://u:p@h/db\u0000x'],
    ['a NUL byte in the host', 'mysql://u:p@lo\u0000calhost/db'],
    ['a newline inside', 'mysql://u:p@host/db\nDROP TABLE x'],
    ['a DEL character', 'mysql://u:p@host/d\u007fb'],
    ['a lone surrogate', 'mysql://u:p@host/\uD800db'],
    ['the javascript: scheme', 'javascript:alert(document.cookie)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a "/" between two "@"', 'mysql://u:p@/ss@host/db'],
    ['only a scheme', 'postgres:'],
    ['only slashes', 'mysql://'],
    ['an HTML tag as host', 'mysql://<script>/db'],
    ['a backslash host', 'mysql://a\\b/db'],
  ]

  it.each(hostile)('rejects %s with INVALID_URL', (_label, input) => {
    expect(parseError(input).code).toBe('INVALID_URL')
  })

  it('stays fast on long adversarial strings', () => {
    const inputs = [
      `mysql://${'a:'.repeat(2000)}`,
      `mysql://${'a@'.repeat(2000)}`,
      `postgres://h:${'%2'.repeat(1300)}/db`,
      `${'a'.repeat(4000)}:`,
      `${'a+'.repeat(2000)}`,
      ` ${' '.repeat(1_000_000)}x${' '.repeat(1_000_000)}`,
    ]
    const start = Date.now()
    for (const input of inputs) {
      for (let i = 0; i < 20; i++) expect(() => parseConnectionUrl(input)).toThrow(AppError)
      expect(typeof displayConnectionUrl(input)).toBe('string')
    }
    expect(Date.now() - start).toBeLessThan(2000)
  })
})

describe('error messages never contain the password', () => {
  const secret = 'S3cr3tPw'
  it.each([
    `mysql://u:${secret}@h:99999/db`,
    `mysql://u:${secret}@h:abc/db`,
    `mysql://u:${secret}@h:0/db`,
    `mysql://u:${secret}@/db`,
    `mysql://u:${secret}@h:0/`,
    `mysql://u:${secret}@h:abc`,
    `mysql://u:${secret}%zz@h/db?ssl=maybe`,
    `mysql://u:%zz${secret}@h:0/db`,
    `mysql://u:${secret}%ff@h/db`,
    `mysql://u:${secret}%00@h/db`,
    `mysql://u:${secret}@@h:0/db`,
    `mysql://u:${secret.slice(0, 4)}@${secret.slice(4)}/@h/db`,
    `mysql://u:${secret}@h:1:2/db`,
    `mysql://u:${secret}@[::1/db`,
    `mysql://u:${secret}@h/db?ssl=maybe`,
    `postgres://u:${secret}@h/db?socket=/tmp/x`,
    `mysql://u:${secret}@ho st/db`,
    `mysql://u:${secret}@h/a/b`,
    `mongodb://u:${secret}@h/db`,
    `mysql:u:${secret}@h/db`,
    // without an "@", "u:secret" could be a host and port or a user and password: never quote either
    `mysql://u:${secret}/db`,
    `mysql://u:123456789/db`,
    `sqlite://u:${secret}@h/app.db`,
  ])('%s', (input) => {
    const error = parseError(input)
    const shown = `${error.message} ${error.hint ?? ''}`
    expect(shown).not.toContain(secret)
    expect(shown).not.toContain(secret.slice(4))
    expect(shown).not.toContain('123456789')
  })
})

describe('formatConnectionUrl', () => {
  it.each<[ConnectionConfig, string]>([
    [{ dialect: 'sqlite', storage: ':memory:' }, 'sqlite::memory:'],
    [{ dialect: 'sqlite', storage: 'app.db' }, 'sqlite:///app.db'],
    [{ dialect: 'sqlite', storage: '/abs/app.db' }, 'sqlite:////abs/app.db'],
    [{ dialect: 'sqlite', storage: 'C:\\x\\app.db' }, 'sqlite:///C:\\x\\app.db'],
    [{ dialect: 'sqlite', storage: '/a b/50%.db' }, 'sqlite:////a b/50%.db'],
    [{ dialect: 'sqlite', storage: 'app.db', readOnly: true }, 'sqlite:///app.db?mode=ro'],
    [{ dialect: 'sqlite', storage: '~/app.db' }, 'sqlite:~/app.db'],
    [server({ dialect: 'mysql' }), 'mysql://root@localhost:3306/app'],
    [server({ dialect: 'mysql', flavor: 'mariadb', password: '' }), 'mariadb://root:@localhost:3306/app'],
    [
      server({ dialect: 'postgres', user: 'u@x', password: 'p@ss:/?#%', database: 'my db' }),
      'postgres://u%40x:p%40ss%3A%2F%3F%23%25@localhost:5432/my%20db',
    ],
    [server({ dialect: 'postgres', host: '::1' }), 'postgres://[::1]:5432/app'],
    [server({ dialect: 'postgres', user: 'postgres', host: '::1' }), 'postgres://postgres@[::1]:5432/app'],
    [server({ dialect: 'postgres', host: '', database: '', socket: '/var/run/postgresql' }), 'postgres://:5432/?host=/var/run/postgresql'],
    [
      server({
        dialect: 'postgres',
        ssl: 'verify-ca',
        sslCa: '/etc/ssl/root ca.crt',
        sslCert: '/c.pem',
        sslKey: '/k.pem',
        options: '-c search_path=app',
      }),
      'postgres://localhost:5432/app?sslmode=verify-ca&sslrootcert=/etc/ssl/root%20ca.crt&sslcert=/c.pem&sslkey=/k.pem&options=-c%20search_path%3Dapp',
    ],
    [server({ dialect: 'mysql', ssl: 'verify-full', sslCa: '/ca.pem' }), 'mysql://root@localhost:3306/app?ssl=verify-full&ssl_ca=/ca.pem'],
    [
      server({ dialect: 'mysql', ssl: 'verify-full', socket: '/run/my sql.sock', connectTimeoutMs: 1500 }),
      'mysql://root@localhost:3306/app?ssl=verify-full&socket=/run/my%20sql.sock&connectTimeout=1500',
    ],
    [server({ dialect: 'postgres', ssl: 'require' }), 'postgres://localhost:5432/app?sslmode=require'],
  ])('%j → %s', (config, url) => {
    expect(formatConnectionUrl(config)).toBe(url)
  })

  it('masks the password when asked', () => {
    const config = server({ dialect: 'mysql', host: 'host', password: 'hunter2', database: 'db' })
    expect(formatConnectionUrl(config, { maskPassword: true })).toBe(`mysql://root:${MASK}@host:3306/db`)
    expect(formatConnectionUrl(config, { maskPassword: false })).toBe('mysql://root:hunter2@host:3306/db')
    expect(formatConnectionUrl({ ...config, password: null }, { maskPassword: true })).toBe('mysql://root@host:3306/db')
  })

  it('does not throw on a password with a broken surrogate', () => {
    expect(formatConnectionUrl(server({ dialect: 'mysql', password: 'a\uD800' }))).toContain('root:a%EF%BF%BD@')
  })
})

describe('round trips', () => {
  it.each([
    'sqlite::memory:',
    'sqlite:///app.db',
    'sqlite:////abs/path.db',
    'sqlite:relative/x.db',
    'sqlite:///my%20app.db',
    'sqlite:///caf%C3%A9%25.db',
    'sqlite:///~/app.db',
    'sqlite:///file:app.db?mode=ro&uri=true',
    'file:./dev.db',
    'postgres:///mydb',
    'postgres://%2Fvar%2Frun%2Fpostgresql/mydb',
    'postgresql+psycopg2://user:pw@/db?host=/var/run/postgresql',
    'socket://u:p@/var/run/postgresql?db=app',
    'postgres://u@h/db?sslmode=require&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/k.pem',
    'mysql+pymysql://u@h/db?ssl_ca=/etc/ssl/ca.pem&ssl_check_hostname=false',
    'postgres://h/db?options=-csearch_path%3Dmyschema',
    'postgres://h/db?schema=my%20schema',
    '~/a.db',
    './a.db',
    'C:\\x\\app.db',
    '/Users/me/My App/app.db',
    'mysql://user:pass@host:3306/db',
    'mysql://u:p%40ss%3A%2F%3F%23%25%20x@host/db',
    'mysql://u%40corp:@host/db',
    'mariadb://u@host:3307/db?ssl=true',
    'postgres://j%C3%B6ran:p%C3%A4ss@[2001:db8::1]:6543/my%2Fdb%20%E2%9C%93?sslmode=verify-ca&connect_timeout=7',
    'postgresql+asyncpg://u:p@h/db?charset=x',
    'mysql://root@/db?socket=/run/mysqld/mysqld.sock&connectTimeout=900',
    'mysql://u:ab/cd?e#f@host/db',
  ])('%s', (input) => {
    const parsed = parseConnectionUrl(input)
    const url = formatConnectionUrl(parsed)
    expect(parseConnectionUrl(url)).toEqual(parsed)
    expect(formatConnectionUrl(parseConnectionUrl(url))).toBe(url)
  })

  it('keeps awkward passwords, users and database names', () => {
    const awkward = ['', ' ', '%', '%25', '@@', ':', '/?#&=+', 'a b+c', '日本語', '🙂', '[::1]', '•••', '\'"\\']
    for (const text of awkward) {
      const config = server({ dialect: 'postgres', user: `u${text}`, password: text, database: `d${text}` })
      expect(parseConnectionUrl(formatConnectionUrl(config))).toEqual(config)
    }
  })
})

describe('displayConnectionUrl', () => {
  it.each<[string, string]>([
    ['mysql://root:secret@host:3306/db', `mysql://root:${MASK}@host:3306/db`],
    ['mysql+pymysql://root:p%40ss@host/db?charset=utf8mb4', `mysql://root:${MASK}@host:3306/db`],
    ['postgresql://u@h/db', 'postgres://u@h:5432/db'],
    ['sqlite:///app.db', 'sqlite:///app.db'],
    ['/x/y.db', 'sqlite:////x/y.db'],
    // unparseable: mask between "://user:" and "@"
    ['mysql://root:secret@host:99999/db', `mysql://root:${MASK}@host:99999/db`],
    ['mysql://root:p@ss@host/db', `mysql://root:${MASK}@host:3306/db`],
    ['mysql://root:p@s/s@host/db', `mysql://root:${MASK}@host/db`],
    ['oracle://scott:tiger@host/db', `oracle://scott:${MASK}@host/db`],
    ['mysql://root:secret/db', `mysql://root:${MASK}/db`],
    ['mysql://host:3306', 'mysql://root@host:3306/'],
    ['hello', 'hello'],
    ['', ''],
  ])('%s → %s', (input, display) => {
    expect(displayConnectionUrl(input)).toBe(display)
  })

  it('never echoes the password, nor control characters, and stays short', () => {
    const shown = displayConnectionUrl(`mysql://u:topsecret@h:1:2/db\u0000${'x'.repeat(5000)}`)
    expect(shown).not.toContain('topsecret')
    expect(shown).not.toContain('\u0000')
    expect(shown.length).toBeLessThan(400)
  })

  it('does not throw on non-string input', () => {
    expect(displayConnectionUrl(null as unknown as string)).toBe('')
  })
})

describe('maskPasswordIn', () => {
  it('replaces every occurrence, raw and percent-encoded', () => {
    const text = 'auth failed for p@ss w0rd; url mysql://u:p%40ss%20w0rd@h/db; again p@ss w0rd; lower p%40ss%20w0rd'
    expect(maskPasswordIn(text, 'p@ss w0rd')).toBe(`auth failed for ${MASK}; url mysql://u:${MASK}@h/db; again ${MASK}; lower ${MASK}`)
  })

  it('handles lower-case escapes and form-style spaces', () => {
    expect(maskPasswordIn('a p%2fq b p+q c', 'p/q')).toBe(`a ${MASK} b p+q c`)
    expect(maskPasswordIn('x p+q y', 'p q')).toBe(`x ${MASK} y`)
  })

  it('treats the password literally, not as a pattern', () => {
    expect(maskPasswordIn('a.*b and a.*b', 'a.*b')).toBe(`${MASK} and ${MASK}`)
    expect(maskPasswordIn('axxb', 'a.*b')).toBe('axxb')
  })

  it('leaves the text alone without a password', () => {
    expect(maskPasswordIn('nothing to hide', null)).toBe('nothing to hide')
    expect(maskPasswordIn('nothing to hide', undefined)).toBe('nothing to hide')
    expect(maskPasswordIn('nothing to hide', '')).toBe('nothing to hide')
  })
})

describe('MySQL without a database (PyMySQL, mysql2: none selected)', () => {
  it('is a server-level connection, database empty', () => {
    for (const url of ['mysql://root@host/', 'mysql://root@host', 'mysql+pymysql://root@host?ssl=true', 'mariadb://u@h:3307']) {
      const config = parseConnectionUrl(url)
      expect(config.dialect === 'mysql' && config.database, url).toBe('')
    }
    expect(parseConnectionUrl(formatConnectionUrl(parseConnectionUrl('mysql://root@host')))).toMatchObject({ database: '' })
  })
})
