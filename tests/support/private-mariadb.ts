/**
 * A MariaDB server of a test's own: mariadb-install-db in a temp folder, mariadbd on a free
 * loopback port (optionally with TLS), killed by its pid and removed afterwards. Never the shared
 * server on 3306.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import mysql from 'mysql2/promise'
import { freePort } from './free-port'

const run = promisify(execFile)
const MARIADBD = '/usr/sbin/mariadbd'

export interface PrivateMariadb {
  /** mysql://root@127.0.0.1:PORT/mysql (no password). */
  readonly url: string
  readonly port: number
  readonly dir: string
  readonly socket: string
  log(): string
  destroy(): Promise<void>
}

export interface PrivateMariadbOptions {
  tls?: { cert: string; key: string; ca: string }
  /** More mariadbd options, e.g. `--sql-mode=` for a server set up unlike the shared one. */
  serverArgs?: string[]
}

export function privateMariadbUnavailable(): string | null {
  if (!existsSync(MARIADBD)) return 'mariadbd was not found in /usr/sbin (apt-get install mariadb-server)'
  return null
}

async function answers(port: number): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 })
    await connection.end()
    return true
  } catch {
    return false
  }
}

export async function startPrivateMariadb(options: PrivateMariadbOptions = {}): Promise<PrivateMariadb> {
  const reason = privateMariadbUnavailable()
  if (reason) throw new Error(reason)
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-maria-'))
  const data = join(dir, 'data')
  const logFile = join(dir, 'log')
  const socket = join(dir, 's.sock')
  let child: ChildProcess | null = null
  try {
    await run(
      'mariadb-install-db',
      ['--no-defaults', '--user=root', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { timeout: 120_000 },
    )
    const port = await freePort()
    const tls = options.tls ? [`--ssl-cert=${options.tls.cert}`, `--ssl-key=${options.tls.key}`, `--ssl-ca=${options.tls.ca}`] : []
    child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${data}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'p.pid')}`,
        `--log-error=${logFile}`,
        ...tls,
        ...(options.serverArgs ?? []),
      ],
      { stdio: 'ignore' },
    )
    const started = Date.now()
    while (!(await answers(port))) {
      if (child.exitCode !== null || Date.now() - started > 30_000)
        throw new Error(`mariadbd did not start: ${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`)
      await new Promise((r) => setTimeout(r, 250))
    }
    const server = child
    return {
      url: `mysql://root@127.0.0.1:${port}/mysql`,
      port,
      dir,
      socket,
      log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
      async destroy() {
        if (server.exitCode === null) {
          const exited = new Promise((r) => server.once('exit', r))
          server.kill('SIGTERM')
          await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
          if (server.exitCode === null) server.kill('SIGKILL')
        }
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
