/**
 * An OpenSSH server of a test's own: host key and client keys generated in a temp folder, listening
 * on a free loopback port, allowing TCP forwarding (so tunnels reach the shared MariaDB and
 * PostgreSQL), stopped by its pid and removed afterwards. The machine's own sshd is never touched.
 *
 * Password sign-in: sshd checks a password against the user's /etc/shadow entry, and the machine's
 * accounts have none to give away. So, when run as root, sshd starts in a mount namespace of its
 * own (`unshare -m`, private propagation) where a copy of /etc/shadow giving the test user a
 * generated password is bind-mounted over the real one: the machine's file and every other process
 * keep seeing the original.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

const run = promisify(execFile)
const SSHD = '/usr/sbin/sshd'

export interface PrivateSshd {
  readonly host: '127.0.0.1'
  readonly port: number
  /** The OS user the tests log in as (the one running them). */
  readonly user: string
  readonly dir: string
  /** The authorised client key (no passphrase), and one with the passphrase `passphrase`. */
  readonly clientKey: string
  readonly protectedKey: string
  readonly passphrase: string
  /** A key the server does not know. */
  readonly strangerKey: string
  /** The user's SSH password on this server, or null when password sign-in cannot be offered (see passwordUnavailable). */
  readonly password: string | null
  readonly passwordUnavailable: string | null
  /** The host key's fingerprint as `ssh-keygen -lf` prints it (SHA256:…). */
  readonly hostKey: string
  /** The host key's public half as a `.pub` file holds it (`ssh-ed25519 AAAA… comment`): known_hosts lines are made from it. */
  readonly hostPublicKey: string
  log(): string
  /** Stops the server (SIGTERM to its pid; its session children too): established tunnels drop. */
  stop(): Promise<void>
  /** Starts it again on the same port with the same keys (or a new host key: `changeHostKey`). */
  start(options?: { changeHostKey?: boolean }): Promise<void>
  destroy(): Promise<void>
}

export function privateSshdUnavailable(): string | null {
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install -y openssh-server)`
  if (!existsSync('/usr/bin/ssh-keygen')) return 'ssh-keygen is missing (apt-get install -y openssh-client)'
  return null
}

/** Why this server cannot offer password sign-in without touching the machine's accounts, or null. */
function passwordSignInUnavailable(): string | null {
  if (userInfo().uid !== 0) return 'password sign-in needs root (a private mount namespace over /etc/shadow)'
  if (!existsSync('/usr/bin/unshare')) return 'unshare is missing (util-linux)'
  return null
}

/** /etc/shadow with `user`'s password hash replaced by one for `password` (SHA-512 crypt, by openssl). */
function shadowWithPassword(user: string, password: string): string {
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' }).trim()
  const lines = readFileSync('/etc/shadow', 'utf8').split('\n')
  const index = lines.findIndex((line) => line.startsWith(`${user}:`))
  if (index < 0) throw new Error(`${user} has no /etc/shadow entry`)
  const fields = lines[index].split(':')
  fields[1] = hash
  lines[index] = fields.join(':')
  return lines.join('\n')
}

async function keygen(file: string, passphrase = ''): Promise<void> {
  rmSync(file, { force: true })
  rmSync(`${file}.pub`, { force: true })
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'rowboat-test', '-f', file])
}

async function fingerprint(file: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`])
  return stdout.split(' ')[1]
}

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function startPrivateSshd(): Promise<PrivateSshd> {
  const reason = privateSshdUnavailable()
  if (reason) throw new Error(reason)
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-sshd-'))
  const user = userInfo().username
  const hostKeyFile = join(dir, 'host_ed25519')
  const clientKey = join(dir, 'client_ed25519')
  const protectedKey = join(dir, 'protected_ed25519')
  const strangerKey = join(dir, 'stranger_ed25519')
  const passphrase = 'canary-passphrase-7Qx!'
  const passwordUnavailable = passwordSignInUnavailable()
  const password = passwordUnavailable === null ? `canary-ssh-password-${process.pid}-Vb8` : null
  const shadow = join(dir, 'shadow')
  const pidFile = join(dir, 'sshd.pid')
  const logFile = join(dir, 'sshd.log')
  const config = join(dir, 'sshd_config')
  let port = 0
  let hostKey = ''
  let pid = 0
  try {
    await Promise.all([keygen(hostKeyFile), keygen(clientKey), keygen(protectedKey, passphrase), keygen(strangerKey)])
    hostKey = await fingerprint(hostKeyFile)
    if (password !== null) writeFileSync(shadow, shadowWithPassword(user, password), { mode: 0o600 })
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`, 'utf8') + readFileSync(`${protectedKey}.pub`, 'utf8'), {
      mode: 0o600,
    })
    // sshd wants its privilege-separation folder even when it never drops privileges.
    if (userInfo().uid === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const start = async (options: { changeHostKey?: boolean } = {}) => {
    if (options.changeHostKey) {
      await keygen(hostKeyFile)
      hostKey = await fingerprint(hostKeyFile)
    }
    for (let attempt = 0; ; attempt++) {
      if (port === 0 || attempt > 0) port = await freePort()
      writeFileSync(
        config,
        [
          `Port ${port}`,
          'ListenAddress 127.0.0.1',
          `HostKey ${hostKeyFile}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          password === null ? 'PermitRootLogin prohibit-password' : 'PermitRootLogin yes',
          `PasswordAuthentication ${password === null ? 'no' : 'yes'}`,
          'PermitEmptyPasswords no',
          'KbdInteractiveAuthentication no',
          'StrictModes no',
          'UsePAM no',
          `PidFile ${pidFile}`,
          'AllowTcpForwarding yes',
          'ClientAliveInterval 0',
          '',
        ].join('\n'),
      )
      rmSync(pidFile, { force: true })
      try {
        // sshd daemonises: the command returns once it listens; the daemon writes its pid file
        // a moment later, so wait for it (a retry without the pid would leave a server behind).
        if (password === null) await run(SSHD, ['-f', config, '-E', logFile], { timeout: 15_000 })
        else
          await run(
            'unshare',
            [
              '--mount',
              '--propagation',
              'private',
              '--',
              'sh',
              '-c',
              'mount --bind "$1" /etc/shadow && exec "$2" -f "$3" -E "$4"',
              'sh',
            ].concat([shadow, SSHD, config, logFile]),
            { timeout: 15_000 },
          )
      } catch (error) {
        if (attempt >= 3)
          throw new Error(`sshd did not start: ${String(error)}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`, {
            cause: error,
          })
        continue
      }
      for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50))
      pid = Number(readFileSync(pidFile, 'utf8').trim())
      // A daemon outlives its parent: should the test process end without destroy() (a worker
      // torn down after a failure), the listener still goes with it.
      const started = pid
      process.once('exit', () => {
        try {
          process.kill(started, 'SIGTERM')
        } catch {
          // already stopped
        }
      })
      return
    }
  }
  const stop = async () => {
    if (!pid) return
    const listener = pid
    pid = 0
    // SIGTERM ends the listener only; its per-connection children (the established tunnels) live
    // on. The test wants them gone, as when the bastion goes away: end the children too.
    const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(listener)]).catch(() => ({ stdout: '' }))
    const children = stdout.split(/\s+/).filter(Boolean).map(Number)
    for (const child of [listener, ...children]) {
      try {
        process.kill(child, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 50 && pidAlive(listener); i++) await new Promise((r) => setTimeout(r, 100))
  }
  try {
    await start()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    host: '127.0.0.1',
    get port() {
      return port
    },
    user,
    dir,
    clientKey,
    protectedKey,
    passphrase,
    strangerKey,
    password,
    passwordUnavailable,
    get hostKey() {
      return hostKey
    },
    get hostPublicKey() {
      return readFileSync(`${hostKeyFile}.pub`, 'utf8').trim()
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    stop,
    start,
    async destroy() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface PrivateSshAgent {
  /** The agent's socket: what SSH_AUTH_SOCK names. */
  readonly socket: string
  stop(): void
}

/** An ssh-agent of the test's own, on a socket in `dir`, holding `keys` (stopped by its pid). */
export async function startSshAgent(dir: string, keys: string[]): Promise<PrivateSshAgent> {
  const socket = join(dir, `agent-${process.pid}.sock`)
  const { stdout } = await run('ssh-agent', ['-s', '-a', socket])
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1])
  if (!pid) throw new Error(`ssh-agent did not say its pid: ${stdout}`)
  const stop = () => {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
    rmSync(socket, { force: true })
  }
  try {
    for (const key of keys) await run('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket } })
  } catch (error) {
    stop()
    throw error
  }
  return { socket, stop }
}
