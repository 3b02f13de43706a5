/**
 * Connection strings as they appear in the ecosystems' own documentation and tests (node-postgres'
 * pg-connection-string, libpq, SQLAlchemy, Prisma, Sequelize, Knex, dj-database-url, Heroku,
 * Supabase, Neon, Azure), each with where it must land: the target the ecosystem itself would
 * connect to, or a refusal. One line per string, in a compact form:
 *   `<flavor> <user>@<host or unix:folder>:<port>/<database> [pw=…] [mode] [ca= cert= key=] [search_path=…]`
 *   `sqlite <path> [ro]`, or `! <what the message says>`.
 * `(login)` is the OS login name and `(user)` the database named like the user, which only the
 * main process fills in (engine/connection/local-defaults.ts).
 */
import { describe, expect, it } from 'vitest'
import type { ConnectionConfig } from './connection-types'
import { parseConnectionUrl, searchPathOf } from './connection-url'
import { AppError } from './errors'

function target(config: ConnectionConfig): string {
  if (config.dialect === 'sqlite') return `sqlite ${config.storage}${config.readOnly ? ' ro' : ''}`
  const where = config.socket !== null ? `unix:${config.socket}` : config.host || '(default socket)'
  const noDatabase = config.dialect === 'postgres' ? '(user)' : '(none)'
  const parts = [`${config.flavor} ${config.user || '(login)'}@${where}:${config.port}/${config.database || noDatabase}`]
  if (config.password !== null) parts.push(`pw=${config.password}`)
  if (config.ssl !== 'disable') parts.push(config.ssl)
  if (config.sslCa !== null) parts.push(`ca=${config.sslCa}`)
  if (config.sslCert !== null) parts.push(`cert=${config.sslCert}`)
  if (config.sslKey !== null) parts.push(`key=${config.sslKey}`)
  for (const alternate of config.alternateHosts ?? []) parts.push(`then ${alternate.host}:${alternate.port}`)
  const searchPath = searchPathOf(config.options)
  if (searchPath !== null) parts.push(`search_path=${searchPath}`)
  return parts.join(' ')
}

function outcome(url: string): string {
  try {
    return target(parseConnectionUrl(url))
  } catch (error) {
    if (error instanceof AppError) return `! ${error.message}`
    throw error
  }
}

const CORPUS: Array<[string, string]> = [
  // node-postgres (pg-connection-string's tests and README)
  ['postgres://brian:pw@host:5432/db', 'postgres brian@host:5432/db pw=pw'],
  ['postgres://brian:pw@host/db', 'postgres brian@host:5432/db pw=pw'],
  ['pg://brian:pw@host/db', 'postgres brian@host:5432/db pw=pw'],
  ['postgres://brian@host/db', 'postgres brian@host:5432/db'],
  ['postgres://host/db', 'postgres (login)@host:5432/db'],
  ['postgres://host:1234/db', 'postgres (login)@host:1234/db'],
  ['postgres://myhost', 'postgres (login)@myhost:5432/(user)'],
  ['postgres://brian@host', 'postgres brian@host:5432/(user)'],
  ['postgres://brian:%24pw@host/db', 'postgres brian@host:5432/db pw=$pw'],
  ['postgres://brian:%40pw@host/db', 'postgres brian@host:5432/db pw=@pw'],
  ['postgres://us%20er:p%20w@host/d%20b', 'postgres us er@host:5432/d b pw=p w'],
  ['postgres://user:p@ss@host/db', 'postgres user@host:5432/db pw=p@ss'],
  ['postgres://user:pass@/dbname?host=/unix/socket', 'postgres user@unix:/unix/socket:5432/dbname pw=pass'],
  ['postgres://%2Fvar%2Frun%2Fpostgresql/mydb', 'postgres (login)@unix:/var/run/postgresql:5432/mydb'],
  ['socket:/var/run/postgresql?db=app', 'postgres (login)@unix:/var/run/postgresql:5432/app'],
  ['socket://brian:pw@/var/run/postgresql?db=my%20db', 'postgres brian@unix:/var/run/postgresql:5432/my db pw=pw'],
  ['postgres://[2001:db8::1234]:5432/db', 'postgres (login)@2001:db8::1234:5432/db'],
  ['postgres://myhost/db?ssl=true', 'postgres (login)@myhost:5432/db verify-full'],
  ['postgres://myhost/db?ssl=1', 'postgres (login)@myhost:5432/db verify-full'],
  ['postgres://myhost/db?ssl=0', 'postgres (login)@myhost:5432/db'],
  ['postgres://myhost/db?ssl=false', 'postgres (login)@myhost:5432/db'],
  ['postgres://myhost/db?sslmode=no-verify', 'postgres (login)@myhost:5432/db require'],
  ['postgres://myhost/db?sslrootcert=/etc/ssl/root.crt', 'postgres (login)@myhost:5432/db verify-full ca=/etc/ssl/root.crt'],
  ['postgres://myhost/db?sslcert=/c.crt&sslkey=/c.key', 'postgres (login)@myhost:5432/db verify-full cert=/c.crt key=/c.key'],
  ['postgres://myhost/db?application_name=app&fallback_application_name=x', 'postgres (login)@myhost:5432/db'],
  ['postgres://myhost/db?options=-c%20search_path%3Dmyschema', 'postgres (login)@myhost:5432/db search_path=myschema'],
  ['postgres://myhost/db?options=-csearch_path%3Dmyschema', 'postgres (login)@myhost:5432/db search_path=myschema'],
  ['postgres://myhost/db?options=--search_path%3Dmyschema', 'postgres (login)@myhost:5432/db search_path=myschema'],
  // libpq's documentation (34.1.1, 34.1.2, 34.19)
  ['postgresql://', 'postgres (login)@(default socket):5432/(user)'],
  ['postgresql://localhost', 'postgres (login)@localhost:5432/(user)'],
  ['postgresql://localhost:5433', 'postgres (login)@localhost:5433/(user)'],
  ['postgresql://localhost/mydb', 'postgres (login)@localhost:5432/mydb'],
  ['postgresql://user@localhost', 'postgres user@localhost:5432/(user)'],
  ['postgresql://user:secret@localhost', 'postgres user@localhost:5432/(user) pw=secret'],
  ['postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp', 'postgres other@localhost:5432/otherdb'],
  ['postgresql:///mydb?host=localhost&port=5433', 'postgres (login)@localhost:5433/mydb'],
  ['postgresql://[2001:db8::1234]/database', 'postgres (login)@2001:db8::1234:5432/database'],
  ['postgresql:///dbname?host=/var/lib/postgresql', 'postgres (login)@unix:/var/lib/postgresql:5432/dbname'],
  ['postgresql://%2Fvar%2Flib%2Fpostgresql/dbname', 'postgres (login)@unix:/var/lib/postgresql:5432/dbname'],
  ['postgresql:///mydb', 'postgres (login)@(default socket):5432/mydb'],
  ['postgresql://h/db?sslmode=disable', 'postgres (login)@h:5432/db'],
  ['postgresql://h/db?sslmode=allow', 'postgres (login)@h:5432/db allow'],
  ['postgresql://h/db?sslmode=prefer', 'postgres (login)@h:5432/db prefer'],
  ['postgresql://h/db?sslmode=require', 'postgres (login)@h:5432/db require'],
  ['postgresql://h/db?sslmode=require&sslrootcert=/r.crt', 'postgres (login)@h:5432/db verify-ca ca=/r.crt'],
  ['postgresql://h/db?sslmode=verify-ca&sslrootcert=/r.crt', 'postgres (login)@h:5432/db verify-ca ca=/r.crt'],
  ['postgresql://h/db?sslmode=verify-full&sslrootcert=/etc/ssl/root.crt', 'postgres (login)@h:5432/db verify-full ca=/etc/ssl/root.crt'],
  ['postgresql://h/db?sslmode=verify-full&sslrootcert=system', 'postgres (login)@h:5432/db verify-full ca=system'],
  ['postgresql://h/db?dbname=other&user=u', 'postgres u@h:5432/other'],
  // libpq's list of hosts, tried in order (each without a port: 5432)
  ['postgresql://host1:123,host2:456/somedb?target_session_attrs=any', 'postgres (login)@host1:123/somedb then host2:456'],
  ['postgresql://host1:5432,host2:5433/db', 'postgres (login)@host1:5432/db then host2:5433'],
  ['postgresql://u@h1,h2,h3/db', 'postgres u@h1:5432/db then h2:5432 then h3:5432'],
  ['postgres://u@[::1]:5433,localhost/db', 'postgres u@::1:5433/db then localhost:5432'],
  [
    'postgresql://u@h/db?host=h1,h2',
    "! The host= option names several hosts (libpq's list of servers to try in turn), which Rowboat reads only in the URL's host part.",
  ],
  ['postgresql://u@h1,,h2/db', '! The list of hosts has an empty entry (two commas in a row?).'],
  ['mysql://u@h1,h2/db', '! The connection string names several hosts, which MySQL clients do not try in turn.'],
  // SQLAlchemy's documentation
  ['postgresql://scott:tiger@localhost/mydatabase', 'postgres scott@localhost:5432/mydatabase pw=tiger'],
  ['postgresql+psycopg2://scott:tiger@localhost/mydatabase', 'postgres scott@localhost:5432/mydatabase pw=tiger'],
  ['postgresql+pg8000://dbuser:kx%40jj5%2Fg@pghost10/appdb', 'postgres dbuser@pghost10:5432/appdb pw=kx@jj5/g'],
  [
    'postgresql+psycopg2://user:password@/dbname?host=/var/lib/postgresql',
    'postgres user@unix:/var/lib/postgresql:5432/dbname pw=password',
  ],
  ['postgresql+psycopg2://user:pw@/db?host=/var/run/postgresql', 'postgres user@unix:/var/run/postgresql:5432/db pw=pw'],
  ['postgresql+psycopg2://user:password@/dbname', 'postgres user@(default socket):5432/dbname pw=password'],
  ['postgresql+asyncpg://scott:tiger@localhost/test', 'postgres scott@localhost:5432/test pw=tiger'],
  ['mysql://scott:tiger@localhost/foo', 'mysql scott@localhost:3306/foo pw=tiger'],
  ['mysql+mysqldb://scott:tiger@localhost/foo', 'mysql scott@localhost:3306/foo pw=tiger'],
  ['mysql+pymysql://scott:tiger@localhost/foo', 'mysql scott@localhost:3306/foo pw=tiger'],
  ['mysql+pymysql://user:pass@some_mariadb/dbname?charset=utf8mb4', 'mysql user@some_mariadb:3306/dbname pw=pass'],
  [
    'mysql+pymysql://scott:tiger@192.168.0.134/test?ssl_ca=/home/gord/client-ssl/ca.pem&ssl_cert=/home/gord/client-ssl/client-cert.pem&ssl_key=/home/gord/client-ssl/client-key.pem',
    'mysql scott@192.168.0.134:3306/test pw=tiger verify-full ca=/home/gord/client-ssl/ca.pem cert=/home/gord/client-ssl/client-cert.pem key=/home/gord/client-ssl/client-key.pem',
  ],
  ['mysql+pymysql://u@h/db?ssl_ca=/etc/ssl/ca.pem', 'mysql u@h:3306/db verify-full ca=/etc/ssl/ca.pem'],
  ['mysql+pymysql://u@h/db?ssl_ca=/etc/ssl/ca.pem&ssl_check_hostname=true', 'mysql u@h:3306/db verify-full ca=/etc/ssl/ca.pem'],
  ['mysql+pymysql://u@h/db?ssl_ca=/etc/ssl/ca.pem&ssl_check_hostname=false', 'mysql u@h:3306/db verify-ca ca=/etc/ssl/ca.pem'],
  ['mysql+pymysql://u@h/db?ssl_cert=/c.pem&ssl_key=/k.pem', 'mysql u@h:3306/db require cert=/c.pem key=/k.pem'],
  ['mysql+pymysql://u@h/db?ssl_verify_identity=true', 'mysql u@h:3306/db verify-full'],
  [
    'mysql+mysqldb://user:pass@localhost/dbname?unix_socket=/var/run/mysqld/mysqld.sock',
    'mysql user@unix:/var/run/mysqld/mysqld.sock:3306/dbname pw=pass',
  ],
  ['mariadb+mariadbconnector://scott:tiger@localhost/foo', 'mariadb scott@localhost:3306/foo pw=tiger'],
  ['mysql+mysqlconnector://scott:tiger@localhost/foo?ssl_disabled=true', 'mysql scott@localhost:3306/foo pw=tiger'],
  ['mysql://user:100%sure@host/db', 'mysql user@host:3306/db pw=100%sure'],
  ['sqlite:///foo.db', 'sqlite foo.db'],
  ['sqlite:////absolute/path/to/foo.db', 'sqlite /absolute/path/to/foo.db'],
  ['sqlite://', 'sqlite :memory:'],
  ['sqlite:///:memory:', 'sqlite :memory:'],
  ['sqlite:///file:path/to/database?mode=ro&uri=true', 'sqlite path/to/database ro'],
  ['sqlite:///file:path/to/database?check_same_thread=true&timeout=10&mode=ro&nolock=1&uri=true', 'sqlite path/to/database ro'],
  ['sqlite+pysqlite:///file:foo.db?mode=ro&uri=true', 'sqlite foo.db ro'],
  ['sqlite:///file:app.db', 'sqlite file:app.db'],
  ['sqlite:////tmp/my%20db.sqlite', 'sqlite /tmp/my%20db.sqlite'],
  ['sqlite:///~/app.db', 'sqlite ./~/app.db'],
  ['sqlite+aiosqlite:///./app.db', 'sqlite ./app.db'],
  // Prisma
  [
    'postgresql://johndoe:mypassword@localhost:5432/mydb?schema=public',
    'postgres johndoe@localhost:5432/mydb pw=mypassword search_path=public',
  ],
  [
    'postgresql://janedoe:mypassword@localhost:5432/mydb?schema=sample',
    'postgres janedoe@localhost:5432/mydb pw=mypassword search_path=sample',
  ],
  ['postgresql://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require', 'postgres USER@HOST:5432/DATABASE pw=PASSWORD require'],
  ['postgresql://postgres@localhost:5432/mydb?host=/var/run/postgresql/', 'postgres postgres@unix:/var/run/postgresql/:5432/mydb'],
  ['postgresql://user:pw@localhost:5432/db?connection_limit=5&pool_timeout=2', 'postgres user@localhost:5432/db pw=pw'],
  ['mysql://johndoe:mypassword@localhost:3306/mydb', 'mysql johndoe@localhost:3306/mydb pw=mypassword'],
  [
    'mysql://USER:PASSWORD@localhost:3306/DATABASE?socket=/var/run/mysqld/mysqld.sock',
    'mysql USER@unix:/var/run/mysqld/mysqld.sock:3306/DATABASE pw=PASSWORD',
  ],
  ['file:./dev.db', 'sqlite ./dev.db'],
  ['file:./prisma/dev.db', 'sqlite ./prisma/dev.db'],
  ['file:dev.db', 'sqlite dev.db'],
  // Sequelize and Knex
  ['postgres://user:pass@example.com:5432/dbname', 'postgres user@example.com:5432/dbname pw=pass'],
  ['mysql://localhost:3306/database', 'mysql root@localhost:3306/database'],
  ['mariadb://user:pass@localhost:3306/db', 'mariadb user@localhost:3306/db pw=pass'],
  ['sqlite::memory:', 'sqlite :memory:'],
  ['sqlite:/home/abs/path/dbname.db', 'sqlite /home/abs/path/dbname.db'],
  ['sqlite:relativePath/dbname.db', 'sqlite relativePath/dbname.db'],
  ['mysql://user:pass@localhost/dbname?charset=utf8mb4', 'mysql user@localhost:3306/dbname pw=pass'],
  // dj-database-url (Django)
  ['postgres://USER:PASSWORD@HOST:5432/NAME', 'postgres USER@HOST:5432/NAME pw=PASSWORD'],
  ['mysql://USER:PASSWORD@HOST:3306/NAME', 'mysql USER@HOST:3306/NAME pw=PASSWORD'],
  ['sqlite:////full/path/to/your/database/file.sqlite', 'sqlite /full/path/to/your/database/file.sqlite'],
  ['postgis://USER:PASSWORD@HOST:5432/NAME', '! Unsupported scheme "postgis://".'],
  // Heroku
  [
    'postgres://uabc:pdef@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123',
    'postgres uabc@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123 pw=pdef',
  ],
  [
    'postgres://uabc:pdef@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123?sslmode=require',
    'postgres uabc@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123 pw=pdef require',
  ],
  [
    'postgres://uabc:pdef@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123?sslmode=no-verify',
    'postgres uabc@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d123 pw=pdef require',
  ],
  // Supabase
  [
    'postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnop.supabase.co:5432/postgres',
    'postgres postgres@db.abcdefghijklmnop.supabase.co:5432/postgres pw=[YOUR-PASSWORD]',
  ],
  [
    'postgresql://postgres.abcdefghijklmnop:pw@aws-0-us-east-1.pooler.supabase.com:6543/postgres?pgbouncer=true',
    'postgres postgres.abcdefghijklmnop@aws-0-us-east-1.pooler.supabase.com:6543/postgres pw=pw',
  ],
  [
    'postgres://postgres.ref:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres?sslmode=verify-full&sslrootcert=./prod-ca-2021.crt',
    'postgres postgres.ref@aws-0-eu-central-1.pooler.supabase.com:5432/postgres pw=pw verify-full ca=./prod-ca-2021.crt',
  ],
  // Neon
  [
    'postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require',
    'postgres alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname pw=AbC123dEf require',
  ],
  [
    'postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require&channel_binding=require',
    'postgres alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname pw=AbC123dEf require',
  ],
  [
    'postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=verify-full&sslrootcert=system',
    'postgres alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/dbname pw=AbC123dEf verify-full ca=system',
  ],
  // Azure (single server user names carry "@server")
  [
    'postgres://myadmin@mydemoserver:pw@mydemoserver.postgres.database.azure.com:5432/postgres?sslmode=require',
    'postgres myadmin@mydemoserver@mydemoserver.postgres.database.azure.com:5432/postgres pw=pw require',
  ],
  [
    'mysql://myadmin%40mydemoserver:pw@mydemoserver.mysql.database.azure.com:3306/db?ssl-mode=REQUIRED',
    'mysql myadmin@mydemoserver@mydemoserver.mysql.database.azure.com:3306/db pw=pw require',
  ],
  [
    'mysql+pymysql://user:pw@server.mysql.database.azure.com:3306/db?ssl_ca=DigiCertGlobalRootCA.crt.pem',
    'mysql user@server.mysql.database.azure.com:3306/db pw=pw verify-full ca=DigiCertGlobalRootCA.crt.pem',
  ],
  ['mysql://u@h/db?ssl-mode=VERIFY_CA&ssl_ca=/ca.pem', 'mysql u@h:3306/db verify-ca ca=/ca.pem'],
  ['mysql://u@h/db?ssl-mode=PREFERRED', 'mysql u@h:3306/db prefer'],
  ['mysql://u@h/db?ssl-mode=DISABLED&ssl_ca=/ca.pem', 'mysql u@h:3306/db'],
  // PyMySQL without a database: connected to the server, none selected (a server-level session).
  ['mysql+pymysql://root@127.0.0.1:3306', 'mysql root@127.0.0.1:3306/(none)'],
  ['mysql://root@localhost/', 'mysql root@localhost:3306/(none)'],
  // refused, saying why
  ['mongodb://localhost/app', '! Unsupported scheme "mongodb://".'],
  ['mysql://u:p@x/y@host/db', '! The connection string has more than one "@", so the password cannot be told apart from the host.'],
]

describe(`connection strings from the ecosystems' documentation (${CORPUS.length})`, () => {
  it.each(CORPUS)('%s', (url, expected) => {
    expect(outcome(url)).toBe(expected)
  })

  it('holds at least 100 strings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100)
    expect(new Set(CORPUS.map(([url]) => url)).size).toBe(CORPUS.length)
  })
})
