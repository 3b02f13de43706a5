/**
 * A PostgreSQL server of a test's own: initdb in a temp folder, started on a free loopback port,
 * stopped and started at will (fault tests stop it mid-work), removed afterwards. Never the
 * shared server on 5432, which other engineers' tests use.
 *
 * initdb refuses to run as root, so as root the folder is given to the `postgres` user and the
 * binaries run through `runuser`; as any other user they run directly.
 */
import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

const run = promisify(execFile)

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust: no password). */
  readonly url: string
  readonly port: number
  /** The temp folder: data/, the log and the socket. */
  readonly dir: string
  /** The server's log so far (for a failing test's message). */
  log(): Promise<string>
  /** pg_ctl stop; `fast` (the default) ends every session at once, as an administrator's restart does. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>
  /** Starts it again on the same port and data. */
  start(): Promise<void>
  /** Stops it if running and removes the folder. */
  destroy(): Promise<void>
}

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
function binDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

const isRoot = () => userInfo().uid === 0

/** Why a private server cannot be made here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  const bin = binDir()
  if (!bin || !existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
    return 'PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/N/bin or PG_BIN (apt-get install postgresql)'
  }
  if (isRoot() && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    return 'running as root needs runuser to start PostgreSQL as the postgres user'
  return null
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
async function pgCommand(tool: string, args: string[]): Promise<string> {
  const bin = join(binDir()!, tool)
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  const { stdout } = await run(file, argv, { timeout: 60_000 })
  return stdout
}

export interface PrivatePostgresOptions {
  /** Extra server settings, passed as `-c name=value` (e.g. ssl=on, ssl_cert_file=…). */
  settings?: Record<string, string>
}

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const reason = privatePostgresUnavailable()
  if (reason) throw new Error(reason)
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-pg-'))
  if (isRoot()) {
    const owner = await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim()))
    const group = await run('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim()))
    chownSync(dir, owner, group)
  }
  const data = join(dir, 'data')
  const logFile = join(dir, 'log')
  let port = 0
  let running = false
  const start = async () => {
    const settings = Object.entries(options.settings ?? {})
      .map(([name, value]) => ` -c ${name}=${value}`)
      .join('')
    await pgCommand('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off${settings}`,
      '-l',
      logFile,
      '-w',
      'start',
    ])
    running = true
  }
  const stop = async (mode: 'smart' | 'fast' | 'immediate' = 'fast') => {
    await pgCommand('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
    running = false
  }
  try {
    await pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
    // A port picked free can be taken before the server binds it: try a few.
    for (let attempt = 0; ; attempt++) {
      port = await freePort()
      try {
        await start()
        break
      } catch (error) {
        if (attempt >= 3) throw error
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    log: async () => (existsSync(logFile) ? (await import('node:fs/promises')).readFile(logFile, 'utf8') : ''),
    stop,
    start,
    async destroy() {
      if (running) await stop('immediate').catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
