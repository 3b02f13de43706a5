/**
 * The bench's data and databases: a users-like CSV, throwaway databases (created for the run,
 * dropped after) and each database's native bulk path through its own command-line client.
 */
import { execFile } from 'node:child_process'
import { createWriteStream, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { Dialect } from '../../src/shared/connection-types'

const run = promisify(execFile)

export const MYSQL_URL = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test'
export const PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test'

export async function generateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('id,username,email,bio,is_active,score,created_at\n')
  const start = Date.UTC(2020, 0, 1)
  let chunk = ''
  for (let i = 1; i <= rows; i++) {
    const at = new Date(start + i * 61_003).toISOString()
    const micros = String((i * 7919) % 1_000_000).padStart(6, '0')
    const bio = i % 10 === 0 ? `"Says ""hello"", likes commas, and more (${i})"` : `Plain bio number ${i}`
    chunk += `${i},user_${i},user${i}@example.com,${bio},${i % 3 === 0 ? 0 : 1},${((i * 37) % 100_000) / 100},${at.slice(0, 10)} ${at.slice(11, 19)}.${micros}\n`
    if (i % 2000 === 0 || i === rows) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end()
  await once(out, 'finish')
}

export const DDL: Record<Dialect, string> = {
  sqlite: `CREATE TABLE bench_users (id INTEGER PRIMARY KEY, username VARCHAR(80) NOT NULL UNIQUE, email VARCHAR(120) NOT NULL UNIQUE,
    bio TEXT, is_active BOOLEAN, score DOUBLE, created_at DATETIME)`,
  mysql: `CREATE TABLE bench_users (id BIGINT PRIMARY KEY, username VARCHAR(80) NOT NULL UNIQUE, email VARCHAR(120) NOT NULL UNIQUE,
    bio TEXT, is_active BOOLEAN, score DOUBLE, created_at DATETIME(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  postgres: `CREATE TABLE bench_users (id BIGINT PRIMARY KEY, username VARCHAR(80) NOT NULL UNIQUE, email VARCHAR(120) NOT NULL UNIQUE,
    bio TEXT, is_active BOOLEAN, score DOUBLE PRECISION, created_at TIMESTAMP(6))`,
}

export interface Database {
  url: string
  sql(statement: string): Promise<void>
  count(): Promise<number>
  native(csv: string): Promise<void>
  nativeExport(path: string): Promise<void>
  drop(): Promise<void>
}

export async function createDatabase(dialect: Dialect, dir: string): Promise<Database> {
  const name = `rowboat_bench_${randomBytes(4).toString('hex')}`
  if (dialect === 'sqlite') {
    const file = join(dir, `${name}.sqlite`)
    writeFileSync(file, '')
    const sql = async (statement: string) => {
      await run('sqlite3', [file, statement], { maxBuffer: 1 << 26 })
    }
    return {
      url: `sqlite:${file}`,
      sql,
      count: async () => Number((await run('sqlite3', [file, 'SELECT COUNT(*) FROM bench_users'])).stdout.trim()),
      native: async (csv) => {
        await run('sqlite3', [file, `.import --csv --skip 1 ${csv} bench_users`], { maxBuffer: 1 << 26 })
      },
      nativeExport: async (path) => {
        await run('sqlite3', [file, '-csv', '-header', '-cmd', `.output ${path}`, 'SELECT * FROM bench_users'], { maxBuffer: 1 << 26 })
      },
      drop: async () => rmSync(file, { force: true }),
    }
  }
  if (dialect === 'mysql') {
    const server = new URL(MYSQL_URL)
    const admin = await mysql.createConnection({ uri: MYSQL_URL })
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`)
    await admin.end()
    const url = new URL(MYSQL_URL)
    url.pathname = `/${name}`
    const cli = (statement: string, extra: string[] = []) =>
      run(
        'mariadb',
        [
          '--local-infile=1',
          '-h',
          server.hostname,
          '-P',
          server.port || '3306',
          '-u',
          decodeURIComponent(server.username || 'root'),
          ...(server.password ? [`-p${decodeURIComponent(server.password)}`] : []),
          ...extra,
          name,
          '-e',
          statement,
        ],
        { maxBuffer: 1 << 30 },
      )
    return {
      url: url.toString(),
      sql: async (statement) => {
        await cli(statement)
      },
      count: async () => Number((await cli('SELECT COUNT(*) FROM bench_users', ['-N', '-B'])).stdout.trim()),
      native: async (csv) => {
        await cli(
          `LOAD DATA LOCAL INFILE '${csv}' INTO TABLE bench_users FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES`,
        )
      },
      nativeExport: async (path) => {
        // The CLI's batch mode (tab-separated) written by the shell: the closest client-side bulk read.
        await run(
          'sh',
          [
            '-c',
            `mariadb -h ${server.hostname} -P ${server.port || '3306'} -u ${decodeURIComponent(server.username || 'root')} -B ${name} -e 'SELECT * FROM bench_users' > '${path}'`,
          ],
          { maxBuffer: 1 << 26 },
        )
      },
      drop: async () => {
        const conn = await mysql.createConnection({ uri: MYSQL_URL })
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)
        await conn.end()
      },
    }
  }
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  const psql = (statement: string) =>
    run('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-qtA', '-c', statement], { maxBuffer: 1 << 26 })
  return {
    url: url.toString(),
    sql: async (statement) => {
      await psql(statement)
    },
    count: async () => Number((await psql('SELECT COUNT(*) FROM bench_users')).stdout.trim()),
    native: async (csv) => {
      await psql(`\\copy bench_users FROM '${csv}' WITH (FORMAT csv, HEADER true)`)
    },
    nativeExport: async (path) => {
      await psql(`\\copy bench_users TO '${path}' WITH (FORMAT csv, HEADER true)`)
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}
