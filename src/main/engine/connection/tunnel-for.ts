import type { ConnectionConfig } from '../../../shared/connection-types'
import type { SshTunnel } from '../../../shared/contract/ssh'
import { AppError } from '../../../shared/errors'
import { OpenTunnel } from './ssh-tunnel'

/** Where the drivers connect instead of the URL's host and port: the tunnel's local end. */
export interface Via {
  host: string
  port: number
}

/**
 * Opens the SSH tunnel a connection asks for (or answers null without one). SQLite files and Unix
 * sockets are local to this computer, so a tunnel there is refused rather than ignored.
 */
export async function openTunnelFor(
  config: ConnectionConfig,
  ssh: SshTunnel | undefined,
  options: { timeoutMs: number; baseDir: string; knownHostsFile?: string },
): Promise<OpenTunnel | null> {
  if (ssh === undefined) return null
  if (config.dialect === 'sqlite') {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'ssh',
      message: 'An SSH tunnel reaches a database server; a SQLite file is opened on this computer.',
      hint: 'Turn the SSH tunnel off for SQLite files.',
    })
  }
  if (config.socket !== null) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'ssh',
      message:
        'Through an SSH tunnel Rowboat reaches the database over TCP: give its host and port as the bastion sees them (e.g. 127.0.0.1:5432), not a Unix socket.',
      hint: 'Put a host in the connection string.',
    })
  }
  return OpenTunnel.open(ssh, { ...options, target: { host: config.host, port: config.port } })
}

export function viaOf(tunnel: OpenTunnel | null): Via | undefined {
  return tunnel ? { host: tunnel.localHost, port: tunnel.localPort } : undefined
}

/**
 * A driver error on a tunnelled connection: when the bastion refused to reach the database, that
 * is the real story (the driver only saw its connection reset).
 */
export function explainThroughTunnel(error: unknown, tunnel: OpenTunnel | null): unknown {
  if (!tunnel || error instanceof AppError) return error
  return tunnel.takeForwardError() ?? error
}
