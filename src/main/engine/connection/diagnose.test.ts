import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import {
  AccessDeniedError,
  ConnectionAcquireTimeoutError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionTimedOutError,
  DatabaseError,
  HostNotFoundError,
  HostNotReachableError,
  TimeoutError,
  UniqueConstraintError,
} from 'sequelize'
import { afterAll, describe, expect, it } from 'vitest'
import type { ConnectionConfig, ServerConnection } from '../../../shared/connection-types'
import { AppError, type ErrorCode } from '../../../shared/errors'
import { diagnoseError, type DiagnoseTarget } from './diagnose'

const PASSWORD = 'Tr0ub4dor&3-sëcret'

function server(dialect: 'mysql' | 'postgres', overrides: Partial<ServerConnection> = {}): ServerConnection {
  const postgres = dialect === 'postgres'
  return {
    dialect,
    flavor: postgres ? 'postgres' : 'mariadb',
    host: '127.0.0.1',
    port: postgres ? 5432 : 3307,
    user: 'app_user',
    password: PASSWORD,
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

const MY = server('mysql')
const PG = server('postgres')
const baseDir = mkdtempSync(join(tmpdir(), 'rowboat-diagnose-'))
afterAll(() => rmSync(baseDir, { recursive: true, force: true }))

const target = (config: ConnectionConfig, extra: Partial<DiagnoseTarget> = {}): DiagnoseTarget => ({
  config,
  password: config.dialect === 'sqlite' ? null : config.password,
  baseDir,
  ...extra,
})

// Driver errors shaped as the drivers make them (fields checked against mysql2 3, pg 8, sqlite3 6 and Node 20).
const socketError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, errno: -1, syscall: 'connect', ...extra })
const mysqlError = (code: string, errno: number, sqlState: string, message: string) =>
  Object.assign(new Error(message), { code, errno, sqlState, sqlMessage: message, fatal: true })
const pgError = (code: string, message: string, severity = 'FATAL') =>
  Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code, severity })
const sqliteError = (code: string, errno: number, text: string) => Object.assign(new Error(`${code}: ${text}`), { code, errno })
const withSql = (error: Error) => Object.assign(error, { sql: 'SELECT 1' })

function diagnosed(error: unknown, config: ConnectionConfig, extra: Partial<DiagnoseTarget> = {}): AppError {
  const result = diagnoseError(error, target(config, extra))
  expect(result, 'expected a diagnosis').toBeInstanceOf(AppError)
  return result as AppError
}

function expectNoPassword(error: AppError): void {
  const text = JSON.stringify(error.toData())
  expect(text).not.toContain(PASSWORD)
  expect(text).not.toContain(encodeURIComponent(PASSWORD))
}

interface Case {
  name: string
  error: () => unknown
  config: ConnectionConfig
  code: ErrorCode
  /** Texts the message must contain. */
  says: string[]
  /** Texts the hint must contain. */
  hints?: string[]
  driverCode?: string
}

const serverCases: Case[] = [
  {
    name: 'MySQL: closed port (ECONNREFUSED via ConnectionRefusedError)',
    error: () =>
      new ConnectionRefusedError(
        socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3307', { errno: -111, address: '127.0.0.1', port: 3307, fatal: true }),
      ),
    config: MY,
    code: 'CONNECTION_REFUSED',
    says: ['Nothing is listening on 127.0.0.1:3307', 'is the MariaDB server running?'],
    hints: ['systemctl start mariadb', '3306'],
    driverCode: 'ECONNREFUSED',
  },
  {
    name: 'PostgreSQL: closed port',
    error: () => new ConnectionRefusedError(socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432', { errno: -111 })),
    config: PG,
    code: 'CONNECTION_REFUSED',
    says: ['Nothing is listening on 127.0.0.1:5432', 'PostgreSQL'],
    hints: ['5432'],
  },
  {
    name: 'remote host refused: hint mentions listen addresses and the firewall',
    error: () => new ConnectionRefusedError(socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432')),
    config: server('postgres', { host: 'db.example.com' }),
    code: 'CONNECTION_REFUSED',
    says: ['db.example.com:5432'],
    hints: ['listen_addresses', 'firewall'],
  },
  {
    name: 'happy-eyeballs AggregateError (localhost: ::1 and 127.0.0.1 both refused)',
    error: () =>
      new ConnectionError(
        Object.assign(
          new AggregateError([
            socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'),
            socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
          ]),
          {},
        ),
      ),
    config: server('postgres', { host: 'localhost' }),
    code: 'CONNECTION_REFUSED',
    says: ['localhost:5432'],
  },
  {
    name: 'MySQL unix socket missing (ENOENT)',
    error: () => new ConnectionError(socketError('ENOENT', 'connect ENOENT /run/mysqld/mysqld.sock')),
    config: server('mysql', { socket: '/run/mysqld/mysqld.sock' }),
    code: 'CONNECTION_REFUSED',
    says: ['/run/mysqld/mysqld.sock'],
  },
  {
    name: 'unknown host (ENOTFOUND via HostNotFoundError)',
    error: () =>
      new HostNotFoundError(
        Object.assign(
          socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND nosuchhost.invalid', { syscall: 'getaddrinfo', hostname: 'nosuchhost.invalid' }),
          { errno: -3008 },
        ),
      ),
    config: server('postgres', { host: 'nosuchhost.invalid' }),
    code: 'HOST_NOT_FOUND',
    says: ['"nosuchhost.invalid"', 'could not be found'],
    hints: ['spelling'],
  },
  {
    name: 'DNS did not answer (EAI_AGAIN)',
    error: () => new ConnectionError(socketError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN db.example.com', { syscall: 'getaddrinfo' })),
    config: server('mysql', { host: 'db.example.com' }),
    code: 'HOST_NOT_FOUND',
    says: ['db.example.com', 'name server'],
  },
  {
    name: 'no route (EHOSTUNREACH via HostNotReachableError)',
    error: () => new HostNotReachableError(socketError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.9.9.9:5432')),
    config: server('postgres', { host: '10.9.9.9' }),
    code: 'HOST_NOT_FOUND',
    says: ['no network route to 10.9.9.9:5432'],
  },
  {
    name: 'MySQL connect timeout (ETIMEDOUT)',
    error: () => new ConnectionError(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT', syscall: 'connect', fatal: true })),
    config: MY,
    code: 'TIMEOUT',
    says: ['MariaDB at 127.0.0.1:3307 did not answer within 5 s'],
    hints: ['firewall'],
  },
  {
    name: 'pg connect timeout ("timeout expired", no code)',
    error: () => new ConnectionError(new Error('timeout expired')),
    config: PG,
    code: 'TIMEOUT',
    says: ['PostgreSQL at 127.0.0.1:5432 did not answer within 5 s'],
  },
  {
    name: 'Sequelize ConnectionTimedOutError',
    error: () => new ConnectionTimedOutError(new Error('Connection timed out')),
    config: PG,
    code: 'TIMEOUT',
    says: ['did not answer'],
  },
  {
    name: 'pool acquire timeout',
    error: () =>
      new ConnectionAcquireTimeoutError(Object.assign(new Error('TimeoutError: ResourceRequest timed out'), { name: 'TimeoutError' })),
    config: MY,
    code: 'TIMEOUT',
    says: ['did not answer'],
  },
  {
    name: 'MySQL 1045 wrong password (AccessDeniedError)',
    error: () =>
      new AccessDeniedError(
        mysqlError('ER_ACCESS_DENIED_ERROR', 1045, '28000', "Access denied for user 'app_user'@'127.0.0.1' (using password: YES)"),
      ),
    config: MY,
    code: 'AUTH_FAILED',
    says: ['user "app_user"', 'wrong user name or password'],
    hints: ['case-sensitive'],
    driverCode: 'ER_ACCESS_DENIED_ERROR (1045)',
  },
  {
    name: 'MySQL 1045 without a password',
    error: () =>
      new AccessDeniedError(
        mysqlError('ER_ACCESS_DENIED_ERROR', 1045, '28000', "Access denied for user 'app_user'@'127.0.0.1' (using password: NO)"),
      ),
    config: server('mysql', { password: null }),
    code: 'AUTH_FAILED',
    says: ['none was given'],
    hints: ['password field'],
  },
  {
    name: 'MySQL 1698 (unix_socket account over TCP)',
    error: () =>
      new ConnectionError(mysqlError('ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 1698, '28000', "Access denied for user 'root'@'localhost'")),
    config: server('mysql', { user: 'root' }),
    code: 'AUTH_FAILED',
    says: ['user "root"', 'unix_socket'],
  },
  {
    name: 'PostgreSQL 28P01 wrong password',
    error: () => new ConnectionError(pgError('28P01', 'password authentication failed for user "app_user"')),
    config: PG,
    code: 'AUTH_FAILED',
    says: ['user "app_user"', 'wrong password'],
    driverCode: '28P01',
  },
  {
    name: 'PostgreSQL 28000 unknown role',
    error: () => new ConnectionError(pgError('28000', 'role "app_user" does not exist')),
    config: PG,
    code: 'AUTH_FAILED',
    says: ['no user (role) named "app_user"'],
    hints: ['CREATE ROLE "app_user"'],
  },
  {
    name: 'PostgreSQL asks for a password and none was given (client-side)',
    error: () => new ConnectionError(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')),
    config: server('postgres', { password: null }),
    code: 'AUTH_FAILED',
    says: ['asks for a password for user "app_user"'],
  },
  {
    name: 'MySQL 1130 host not allowed',
    error: () =>
      new ConnectionError(
        mysqlError('ER_HOST_NOT_PRIVILEGED', 1130, 'HY000', "Host '10.1.2.3' is not allowed to connect to this MariaDB server"),
      ),
    config: MY,
    code: 'HOST_NOT_ALLOWED',
    says: ['does not accept connections from this computer', 'user "app_user"'],
    hints: ['CREATE USER'],
  },
  {
    name: 'PostgreSQL 28000 no pg_hba.conf entry',
    error: () =>
      new ConnectionError(pgError('28000', 'no pg_hba.conf entry for host "10.1.2.3", user "app_user", database "app", no encryption')),
    config: PG,
    code: 'HOST_NOT_ALLOWED',
    says: ['pg_hba.conf', 'user "app_user"', 'database "app"'],
    hints: ['ssl=require', 'pg_hba.conf'],
  },
  {
    name: 'MySQL 1049 unknown database',
    error: () => new ConnectionError(mysqlError('ER_BAD_DB_ERROR', 1049, '42000', "Unknown database 'app'")),
    config: MY,
    code: 'DATABASE_NOT_FOUND',
    says: ['no database "app"', '127.0.0.1:3307'],
    hints: ['Create database'],
  },
  {
    name: 'PostgreSQL 3D000 unknown database',
    error: () => new ConnectionError(pgError('3D000', 'database "app" does not exist')),
    config: PG,
    code: 'DATABASE_NOT_FOUND',
    says: ['no database "app"'],
    hints: ['Create database'],
    driverCode: '3D000',
  },
  {
    name: 'MySQL 3159 insecure transport prohibited',
    error: () =>
      new ConnectionError(
        mysqlError(
          'ER_SECURE_TRANSPORT_REQUIRED',
          3159,
          'HY000',
          'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
        ),
      ),
    config: MY,
    code: 'TLS_REQUIRED',
    says: ['only encrypted'],
    hints: ['?ssl=require'],
  },
  {
    name: 'MySQL: TLS asked, server has none (HANDSHAKE_NO_SSL_SUPPORT)',
    error: () =>
      new ConnectionError(
        Object.assign(new Error('Server does not support secure connection'), { code: 'HANDSHAKE_NO_SSL_SUPPORT', fatal: true }),
      ),
    config: server('mysql', { ssl: 'require' }),
    code: 'TLS_UNAVAILABLE',
    says: ['ssl=require', 'does not offer encrypted connections'],
    hints: ['Remove the ssl option', 'enable TLS on the server'],
  },
  {
    name: 'PostgreSQL: TLS asked, server has none',
    error: () => new ConnectionError(new Error('The server does not support SSL connections')),
    config: server('postgres', { ssl: 'require' }),
    code: 'TLS_UNAVAILABLE',
    says: ['does not offer encrypted connections'],
    hints: ['postgresql.conf'],
  },
  {
    name: 'verify-full against a self-signed certificate',
    error: () => new ConnectionError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
    config: server('postgres', { ssl: 'verify-full' }),
    code: 'TLS_CERT_INVALID',
    says: ['self-signed'],
    hints: ['sslmode=require', 'sslrootcert='],
  },
  {
    // mysql2 replaces the TLS error's code by HANDSHAKE_SSL_ERROR; only Node's message is left.
    name: 'MySQL verify-ca against a certificate from another CA',
    error: () =>
      new ConnectionError(
        Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'HANDSHAKE_SSL_ERROR', fatal: true }),
      ),
    config: server('mysql', { ssl: 'verify-ca', sslCa: '/etc/ssl/ca.pem' }),
    code: 'TLS_CERT_INVALID',
    says: ['self-signed'],
    hints: ['CA file'],
  },
  {
    name: 'MySQL 1044 no access to the database',
    error: () =>
      new ConnectionError(mysqlError('ER_DBACCESS_DENIED_ERROR', 1044, '42000', "Access denied for user 'app_user'@'%' to database 'app'")),
    config: MY,
    code: 'PERMISSION_DENIED',
    says: ['user "app_user"', 'database "app"'],
  },
  {
    name: 'MySQL 1040 too many connections',
    error: () => new ConnectionError(mysqlError('ER_CON_COUNT_ERROR', 1040, '08004', 'Too many connections')),
    config: MY,
    code: 'CONNECTION_REFUSED',
    says: ['as many connections as it allows'],
    hints: ['max_connections'],
  },
  {
    name: 'PostgreSQL 57P03 starting up',
    error: () => new ConnectionError(pgError('57P03', 'the database system is starting up')),
    config: PG,
    code: 'CONNECTION_REFUSED',
    says: ['starting up'],
  },
  {
    name: 'MySQL connection killed during a query (PROTOCOL_CONNECTION_LOST via DatabaseError)',
    error: () =>
      new DatabaseError(
        withSql(
          Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }),
        ),
      ),
    config: MY,
    code: 'CONNECTION_LOST',
    says: ['connection to MariaDB at 127.0.0.1:3307 was lost'],
    hints: ['reconnects'],
  },
  {
    name: 'ECONNRESET during a query',
    error: () => new DatabaseError(withSql(socketError('ECONNRESET', 'read ECONNRESET', { syscall: 'read' }))),
    config: PG,
    code: 'CONNECTION_LOST',
    says: ['was lost'],
  },
  {
    name: 'EPIPE during a query',
    error: () => new DatabaseError(withSql(socketError('EPIPE', 'write EPIPE', { syscall: 'write' }))),
    config: MY,
    code: 'CONNECTION_LOST',
    says: ['was lost'],
  },
  {
    name: 'PostgreSQL 57P01 admin_shutdown (pg_terminate_backend)',
    error: () => new DatabaseError(withSql(pgError('57P01', 'terminating connection due to administrator command'))),
    config: PG,
    code: 'CONNECTION_LOST',
    says: ['an administrator or the server ended it'],
  },
  {
    name: 'PostgreSQL "Connection terminated unexpectedly" during a query',
    error: () => new DatabaseError(withSql(new Error('Connection terminated unexpectedly'))),
    config: PG,
    code: 'CONNECTION_LOST',
    says: ['was lost'],
  },
  {
    name: 'PostgreSQL server hangs up while connecting (another service on the port?)',
    error: () => new ConnectionError(new Error('Connection terminated unexpectedly')),
    config: PG,
    code: 'CONNECTION_LOST',
    says: ['before it was ready'],
    hints: ['is a PostgreSQL server'],
  },
  {
    name: 'an unrecognised connect failure still gets a connection diagnosis',
    error: () => new ConnectionError(Object.assign(new Error('Unexpected packet during handshake'), { code: 'HANDSHAKE_UNKNOWN' })),
    config: MY,
    code: 'CONNECTION_REFUSED',
    says: ['Could not connect to MariaDB at 127.0.0.1:3307 as user "app_user"', 'Unexpected packet'],
  },
]

describe('diagnoseError: servers', () => {
  it.each(serverCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const error = diagnosed(c.error(), c.config, { timeoutMs: 5000 })
    expect(error.code).toBe(c.code)
    for (const text of c.says) expect(error.message).toContain(text)
    for (const text of c.hints ?? []) expect(error.hint).toContain(text)
    expect(error.hint, 'every diagnosis says what to do').toBeTruthy()
    expect(error.details?.address).toBe(
      c.config.dialect === 'sqlite' ? undefined : (c.config.socket ?? `${c.config.host}:${c.config.port}`),
    )
    if (c.driverCode) expect(error.details?.driverCode).toBe(c.driverCode)
    expectNoPassword(error)
  })

  it('gives the exact CREATE DATABASE statement, identifiers quoted', () => {
    const my = diagnosed(new ConnectionError(mysqlError('ER_BAD_DB_ERROR', 1049, '42000', "Unknown database 'app'")), MY)
    expect(my.details?.createStatement).toBe('CREATE DATABASE `app` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci')
    const pgApp = diagnosed(new ConnectionError(pgError('3D000', 'database "app" does not exist')), PG)
    expect(pgApp.details?.createStatement).toBe('CREATE DATABASE "app"')
    const oddMy = diagnosed(new ConnectionError(mysqlError('ER_BAD_DB_ERROR', 1049, '42000', 'x')), server('mysql', { database: 'we`ird' }))
    expect(oddMy.details?.createStatement).toBe('CREATE DATABASE `we``ird` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci')
    const oddPg = diagnosed(new ConnectionError(pgError('3D000', 'x')), server('postgres', { database: 'My "App"' }))
    expect(oddPg.details?.createStatement).toBe('CREATE DATABASE "My ""App"""')
  })

  it('names the CREATE DATABASE statement once (in details, which the screen shows), not again in the hint', () => {
    for (const error of [
      diagnosed(new ConnectionError(mysqlError('ER_BAD_DB_ERROR', 1049, '42000', "Unknown database 'app'")), MY),
      diagnosed(new ConnectionError(pgError('3D000', 'database "app" does not exist')), PG),
    ]) {
      expect(error.details?.createStatement).toMatch(/^CREATE DATABASE/)
      expect(`${error.message} ${error.hint}`).not.toMatch(/CREATE DATABASE/)
    }
  })

  it('a wrong MySQL password: the hint repeats where the server saw the connection from, never a guessed account host', () => {
    const wrong = (message: string) =>
      diagnosed(new AccessDeniedError(mysqlError('ER_ACCESS_DENIED_ERROR', 1045, '28000', message)), server('mysql', { user: 'ux' }))
    const fromLocal = wrong("Access denied for user 'ux'@'localhost' (using password: YES)")
    expect(fromLocal.hint).toContain('the server saw this connection come from localhost')
    expect(fromLocal.hint).toContain('"ux" defined for that address')
    expect(fromLocal.hint).not.toMatch(/'ux'@'localhost'/)
    expect(wrong("Access denied for user 'ux'@'10.0.0.5' (using password: YES)").hint).toContain('come from 10.0.0.5')
    expect(wrong('Access denied (using password: YES)').hint).not.toContain('come from')
  })

  it('says how long it waited only when it knows', () => {
    const error = diagnosed(new ConnectionError(new Error('timeout expired')), PG, { timeoutMs: undefined })
    expect(error.message).toBe('PostgreSQL at 127.0.0.1:5432 did not answer in time.')
  })

  it('names a MySQL server by its flavour and an IPv6 host in brackets', () => {
    const refused = (config: ServerConnection) => diagnosed(new ConnectionRefusedError(socketError('ECONNREFUSED', 'x')), config)
    expect(refused(server('mysql', { flavor: 'mysql' })).message).toContain('is the MySQL server running?')
    expect(refused(server('postgres', { host: '::1' })).message).toContain('Nothing is listening on [::1]:5432')
  })
})

describe('diagnoseError: SQLite', () => {
  const sqlite = (storage: string): ConnectionConfig => ({ dialect: 'sqlite', storage })
  const cantOpen = () => new ConnectionError(sqliteError('SQLITE_CANTOPEN', 14, 'unable to open database file'))

  it('a missing file: SQLITE_FILE_MISSING naming the resolved path and the base folder', () => {
    const error = diagnosed(cantOpen(), sqlite('data.db'))
    expect(error.code).toBe('SQLITE_FILE_MISSING')
    expect(error.message).toContain(join(baseDir, 'data.db'))
    expect(error.hint).toContain(`relative paths resolve against ${baseDir}`)
    expect(error.hint).toContain('Create database')
    expect(error.details).toMatchObject({ address: join(baseDir, 'data.db'), driverCode: 'SQLITE_CANTOPEN (14)' })
  })

  it('an absolute path has no note about the base folder', () => {
    const error = diagnosed(cantOpen(), sqlite(join(baseDir, 'absent.db')))
    expect(error.code).toBe('SQLITE_FILE_MISSING')
    expect(error.hint).not.toContain('resolve against')
  })

  it('a missing folder: SQLITE_DIR_MISSING', () => {
    const error = diagnosed(cantOpen(), sqlite(join(baseDir, 'nowhere', 'app.db')))
    expect(error.code).toBe('SQLITE_DIR_MISSING')
    expect(error.message).toContain(join(baseDir, 'nowhere'))
  })

  it('a folder where the file should be: SQLITE_NOT_A_DATABASE', () => {
    mkdirSync(join(baseDir, 'folder.db'))
    expect(diagnosed(cantOpen(), sqlite(join(baseDir, 'folder.db'))).code).toBe('SQLITE_NOT_A_DATABASE')
  })

  it('SQLITE_NOTADB (wrapped by the query as DatabaseError) and SQLITE_CORRUPT', () => {
    writeFileSync(join(baseDir, 'garbage.db'), 'not a database at all, just text'.repeat(10))
    const notADb = diagnosed(new DatabaseError(withSql(sqliteError('SQLITE_NOTADB', 26, 'file is not a database'))), sqlite('garbage.db'))
    expect(notADb.code).toBe('SQLITE_NOT_A_DATABASE')
    expect(notADb.message).toContain(join(baseDir, 'garbage.db'))
    const corrupt = diagnosed(
      new DatabaseError(withSql(sqliteError('SQLITE_CORRUPT', 11, 'database disk image is malformed'))),
      sqlite('garbage.db'),
    )
    expect(corrupt.code).toBe('SQLITE_NOT_A_DATABASE')
    expect(corrupt.message).toContain('damaged')
  })

  it('SQLITE_READONLY and EACCES: SQLITE_READ_ONLY', () => {
    const readonly = diagnosed(
      new DatabaseError(withSql(sqliteError('SQLITE_READONLY', 8, 'attempt to write a readonly database'))),
      sqlite('x.db'),
    )
    expect(readonly.code).toBe('SQLITE_READ_ONLY')
    expect(readonly.hint).toContain('permissions')
    const eacces = diagnosed(
      Object.assign(new Error("EACCES: permission denied, open '/x.db'"), { code: 'EACCES', errno: -13, syscall: 'open' }),
      sqlite('/x.db'),
    )
    expect(eacces.code).toBe('SQLITE_READ_ONLY')
  })
})

describe('diagnoseError: not connection problems', () => {
  const notOurs: Array<[string, unknown, ConnectionConfig]> = [
    [
      'MySQL duplicate key',
      new UniqueConstraintError({ parent: withSql(mysqlError('ER_DUP_ENTRY', 1062, '23000', "Duplicate entry '1' for key 'PRIMARY'")) }),
      MY,
    ],
    [
      'MySQL syntax error',
      new DatabaseError(withSql(mysqlError('ER_PARSE_ERROR', 1064, '42000', 'You have an error in your SQL syntax'))),
      MY,
    ],
    [
      'PostgreSQL unique violation',
      new DatabaseError(withSql(pgError('23505', 'duplicate key value violates unique constraint "users_pkey"', 'ERROR'))),
      PG,
    ],
    ['PostgreSQL undefined table', new DatabaseError(withSql(pgError('42P01', 'relation "nope" does not exist', 'ERROR'))), PG],
    [
      'PostgreSQL permission denied on a table',
      new DatabaseError(withSql(pgError('42501', 'permission denied for table users', 'ERROR'))),
      PG,
    ],
    [
      'SQLite constraint',
      new DatabaseError(withSql(sqliteError('SQLITE_CONSTRAINT', 19, 'UNIQUE constraint failed: users.email'))),
      { dialect: 'sqlite', storage: ':memory:' },
    ],
    [
      'SQLite busy (a lock, not a connection)',
      new TimeoutError(withSql(sqliteError('SQLITE_BUSY', 5, 'database is locked'))),
      { dialect: 'sqlite', storage: ':memory:' },
    ],
    ['a plain Error', new Error('boom'), MY],
    ['an AppError (already diagnosed)', new AppError({ code: 'TABLE_NOT_FOUND', message: 'x' }), PG],
    ['not an error at all', 'a string', PG],
    ['null', null, PG],
  ]
  it.each(notOurs)('%s → null', (_name, error, config) => {
    expect(diagnoseError(error, target(config))).toBeNull()
  })
})

describe('diagnoseError: the password never shows', () => {
  it('masks it even where it hides in a user name, a database name or a driver message', () => {
    const config = server('postgres', { user: `u_${PASSWORD}`, database: `db_${PASSWORD}` })
    const errors = [
      new ConnectionError(pgError('28P01', `password authentication failed for user "u_${PASSWORD}"`)),
      new ConnectionError(pgError('3D000', `database "db_${PASSWORD}" does not exist`)),
      new ConnectionError(new Error(`weird failure mentioning ${PASSWORD} and ${encodeURIComponent(PASSWORD)}`)),
    ]
    for (const error of errors) expectNoPassword(diagnosed(error, config))
  })

  it('masks a password given separately from the URL', () => {
    const config = server('mysql', { password: null, user: 'other-secret-user' })
    const error = diagnoseError(new ConnectionError(new Error('strange: other-secret-user')), { config, password: 'other-secret', baseDir })
    expect(JSON.stringify(error?.toData())).not.toContain('other-secret')
  })
})
