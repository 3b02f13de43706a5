/**
 * SSH tunnels (issue 13). A tunnel listens on 127.0.0.1:<free port> in the main process and
 * forwards each connection the driver opens through one SSH connection to the database's host and
 * port as the bastion sees them. It belongs to one session (or one connection test) and closes
 * with it; when the SSH connection drops, the session is told (`onLost`) and the next driver
 * connection reconnects SSH first, with the same host key check.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import ssh2, { type Client as SshClient, type ConnectConfig, type ParsedKey } from 'ssh2'
import type { SshTunnel } from '../../../shared/contract/ssh'
import { AppError } from '../../../shared/errors'
import { checkKnownHostsFile } from './known-hosts'
import {
  forwardFailed,
  hostKeyChanged,
  hostKeyUnknown,
  keyUnreadable,
  knownHostsRefused,
  sshAddress,
  sshConnectError,
  tunnelLostMessage,
} from './ssh-errors'
import { resolveTlsPath } from './tls'

// ssh2 is CommonJS whose exports Node cannot list for an ES module's named import (the bench and
// the tests' worker bundles are ES modules): take them from the default export.
const { Client, utils } = ssh2
type Client = SshClient

const MAX_KEY_BYTES = 64 * 1024

/** `SHA256:…` as OpenSSH prints it: base64 of the key blob's SHA-256, without padding. */
export function fingerprintOf(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`
}

export interface TunnelOptions {
  /** The database as the bastion sees it. */
  target: { host: string; port: number }
  timeoutMs: number
  /** Relative key paths are read from here (as the URL's sslkey is). */
  baseDir: string
  /** OpenSSH's known_hosts, consulted (never written) when the connection trusts no key of its own; default ~/.ssh/known_hosts. */
  knownHostsFile?: string
}

export class OpenTunnel {
  readonly localHost = '127.0.0.1'
  /** Called once per drop of the SSH connection (not when the tunnel is closed on purpose). */
  onLost: ((message: string) => void) | null = null
  /** The bastion's fingerprint, as checked. */
  hostKey: string | null = null
  private client: Client | null = null
  private connecting: Promise<Client> | null = null
  private readonly sockets = new Set<Socket>()
  private closed = false
  /** The last time the bastion could not reach the database: explains a driver's "connection reset". */
  private forwardError: AppError | null = null

  private constructor(
    readonly ssh: SshTunnel,
    private readonly options: TunnelOptions,
    private readonly key: string | null,
    private readonly server: Server,
  ) {}

  /** Connects to the bastion (proving host key and authentication), then starts listening. */
  static async open(ssh: SshTunnel, options: TunnelOptions): Promise<OpenTunnel> {
    if (ssh.agent === true && !process.env.SSH_AUTH_SOCK) {
      throw new AppError({
        code: 'INVALID_INPUT',
        field: 'ssh.agent',
        message: 'No SSH agent is running for Rowboat (SSH_AUTH_SOCK is not set).',
        hint: 'Start Rowboat from a session where ssh-agent runs (ssh-add -l lists its keys), or give a key file.',
      })
    }
    if (ssh.privateKeyPath === undefined && ssh.password === undefined && ssh.agent !== true) {
      throw new AppError({
        code: 'INVALID_INPUT',
        field: 'ssh.privateKeyPath',
        message: `The SSH bastion ${sshAddress(ssh)} needs a private key file or an SSH password.`,
        hint: 'Give the key file (e.g. ~/.ssh/id_ed25519) or the SSH password.',
      })
    }
    const key = ssh.privateKeyPath !== undefined ? readPrivateKey(ssh.privateKeyPath, ssh.passphrase, options.baseDir) : null
    const server = createServer()
    const tunnel = new OpenTunnel(ssh, options, key, server)
    server.on('connection', (socket) => tunnel.forward(socket))
    await tunnel.connect()
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => resolve())
      })
    } catch (error) {
      await tunnel.close()
      throw error
    }
    return tunnel
  }

  get localPort(): number {
    const address = this.server.address()
    return typeof address === 'object' && address !== null ? address.port : 0
  }

  /** The database address for display: as the bastion sees it. */
  get target(): string {
    const { host, port } = this.options.target
    return `${host.includes(':') ? `[${host}]` : host}:${port}`
  }

  /** Why the bastion refused the last forward, if it did: takes it (one explanation per failure). */
  takeForwardError(): AppError | null {
    const error = this.forwardError
    this.forwardError = null
    return error
  }

  describe(): string {
    return `via SSH bastion ${sshAddress(this.ssh)}`
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const socket of this.sockets) socket.destroy()
    this.client?.end()
    this.client = null
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client)
    this.connecting ??= this.handshake().finally(() => {
      this.connecting = null
    })
    return this.connecting
  }

  private handshake(): Promise<Client> {
    const { ssh } = this
    const client = new Client()
    let refusal: AppError | null = null
    const config: ConnectConfig = {
      host: ssh.host,
      port: ssh.port,
      username: ssh.user,
      readyTimeout: this.options.timeoutMs,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      hostVerifier: (hostKey: Buffer) => {
        const fingerprint = fingerprintOf(hostKey)
        this.hostKey = fingerprint
        if (ssh.hostKey === undefined) refusal = this.checkKnownHosts(hostKey, fingerprint)
        else if (ssh.hostKey !== fingerprint) refusal = hostKeyChanged(ssh, fingerprint)
        return refusal === null
      },
      ...(this.key !== null ? { privateKey: this.key, ...(ssh.passphrase !== undefined ? { passphrase: ssh.passphrase } : {}) } : {}),
      ...(ssh.password !== undefined ? { password: ssh.password } : {}),
      ...(ssh.agent === true ? { agent: process.env.SSH_AUTH_SOCK } : {}),
    }
    return new Promise<Client>((resolve, reject) => {
      let ready = false
      client.once('ready', () => {
        ready = true
        this.client = client
        resolve(client)
      })
      client.on('error', (error) => {
        if (!ready) reject(refusal ?? sshConnectError(error, ssh, this.options.timeoutMs))
      })
      client.once('close', () => {
        if (!ready) {
          reject(refusal ?? sshConnectError(new Error('connection closed'), ssh, this.options.timeoutMs))
          return
        }
        if (this.client === client) this.client = null
        if (this.closed) return
        // The drivers' connections ran over this SSH connection: end them now, so the pool sees
        // the loss at once rather than on a timeout.
        for (const socket of this.sockets) socket.destroy()
        this.onLost?.(tunnelLostMessage(ssh))
      })
      client.connect(config)
    })
  }

  /** Without a key trusted by the connection: what the user's known_hosts says, else ask. */
  private checkKnownHosts(hostKey: Buffer, fingerprint: string): AppError | null {
    const file = this.options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts')
    const verdict = checkKnownHostsFile(file, this.ssh.host, this.ssh.port, hostKey)
    if (verdict.kind === 'trusted') return null
    if (verdict.kind === 'unknown') return hostKeyUnknown(this.ssh, fingerprint)
    return knownHostsRefused(this.ssh, fingerprint, file, verdict.line, verdict.kind === 'revoked')
  }

  private forward(socket: Socket): void {
    if (this.closed) {
      socket.destroy()
      return
    }
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    socket.pause()
    const { host, port } = this.options.target
    this.connect().then(
      (client) =>
        client.forwardOut('127.0.0.1', socket.remotePort ?? 0, host, port, (error, stream) => {
          if (error) {
            this.forwardError = forwardFailed(this.ssh, this.target, error.message)
            socket.destroy()
            return
          }
          stream.on('error', () => socket.destroy())
          socket.on('close', () => stream.destroy())
          stream.on('close', () => socket.destroy())
          socket.pipe(stream).pipe(socket)
          socket.resume()
        }),
      // SSH could not be reconnected: the driver sees its connection reset.
      () => socket.destroy(),
    )
  }
}

/**
 * Reads and checks the private key here, so a wrong path or passphrase is named plainly before any
 * network traffic. The key's contents never leave the main process; errors never quote them.
 */
function readPrivateKey(path: string, passphrase: string | undefined, baseDir: string): string {
  const full = resolveTlsPath(path, baseDir)
  let text: string
  try {
    const stat = statSync(full)
    if (!stat.isFile()) throw keyUnreadable(full, 'it is not a file', 'Give the path of the private key file (e.g. ~/.ssh/id_ed25519).')
    if (stat.size > MAX_KEY_BYTES)
      throw keyUnreadable(
        full,
        'it is far too large to be a private key',
        'Give the path of the private key file (e.g. ~/.ssh/id_ed25519), not the public one.',
      )
    text = readFileSync(full, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SSH_KEY_UNREADABLE') throw error
    const code = (error as NodeJS.ErrnoException).code
    throw keyUnreadable(
      full,
      code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : 'it could not be read',
      'Check the key file path (a relative path is read from ' + baseDir + ').',
    )
  }
  // A file may hold several keys (ssh2 then answers a list): the first is the one used.
  const result: ParsedKey | ParsedKey[] | Error = utils.parseKey(text, passphrase)
  const parsed: ParsedKey | Error | undefined = isKeyList(result) ? result[0] : result
  if (parsed && !(parsed instanceof Error)) {
    if (parsed.isPrivateKey()) return text
    throw keyUnreadable(full, 'it is a public key', 'Give the private half (the file without .pub).')
  }
  if (!parsed) throw keyUnreadable(full, 'it holds no key', 'Give the path of the private key file (e.g. ~/.ssh/id_ed25519).')
  const message = parsed.message.toLowerCase()
  if (message.includes('no passphrase')) throw keyUnreadable(full, 'it is encrypted', "Enter the key's passphrase.")
  if (message.includes('decrypt') || message.includes('passphrase') || message.includes('bad')) {
    throw keyUnreadable(full, 'the passphrase does not open it', "Check the key's passphrase.")
  }
  throw keyUnreadable(full, 'it is not a private key Rowboat can read (OpenSSH or PEM)', 'Give the private key, not the .pub file.')
}

function isKeyList(result: ParsedKey | ParsedKey[] | Error): result is ParsedKey[] {
  return Array.isArray(result)
}
