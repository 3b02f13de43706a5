import type { ConnectionConfig } from '../../../shared/connection-types'
import type { SessionInfo } from '../../../shared/contract'
import { passwordOf } from './connect'
import { BACKSTOP_GRACE_MS, withDeadline } from './deadline'
import { connectionTimeoutError, diagnoseOrRethrow } from './diagnose'
import { assertSqliteFileUsable } from './diagnose-sqlite'
import type { Engine } from '../engine'
import { probeConnection } from './probe'
import { withLocalDefaults } from './local-defaults'
import { withFirstAnsweringHost } from './host-list'
import { effectiveTimeout } from './test-connection'
import type { SshTunnel } from '../../../shared/contract/ssh'
import { explainThroughTunnel, openTunnelFor } from './tunnel-for'

export interface OpenRequest {
  config: ConnectionConfig
  /** Overrides the URL's password. */
  password?: string | null
  timeoutMs?: number
  /** The URL for display, password masked. */
  display: string
  /** Refuse every write and migration in this session. */
  readOnly?: boolean
  /** Go through this SSH bastion; the session owns the tunnel and closes it with itself. */
  ssh?: SshTunnel
  /** Relative SQLite paths resolve here (a folder the user chose) rather than in the engine's base folder. */
  baseDir?: string
  /** Opened from this saved connection (its per-connection settings, such as the migration source, apply). */
  savedConnectionId?: string
}

/** Opens a pooled session (from a pasted URL or a saved connection), or answers the diagnosis. */
export async function openSession(engine: Engine, request: OpenRequest): Promise<SessionInfo> {
  const timeoutMs = effectiveTimeout(request.config, request.timeoutMs)
  const config = await withFirstAnsweringHost(withLocalDefaults(request.config), timeoutMs, request.ssh !== undefined)
  const password = request.password ?? undefined
  engine.rememberPassword(password)
  const baseDir = request.baseDir ?? engine.baseDir
  const target = { config, password: passwordOf(config, { password }), baseDir, timeoutMs }
  // A session may write, but never creates a SQLite file by accident: a missing one is an error.
  if (config.dialect === 'sqlite') assertSqliteFileUsable({ config, baseDir })
  const tunnel = await openTunnelFor(config, request.ssh, { timeoutMs, baseDir, knownHostsFile: engine.knownHostsFile })
  try {
    const session = await engine.sessions.open({
      tunnel,
      onLost: (sessionId, message) => engine.emit('sessions.lost', { sessionId, message }),
      config,
      password,
      timeoutMs,
      baseDir,
      display: request.display,
      savedConnectionId: request.savedConnectionId,
      // A SQLite URL with mode=ro opens the file read-only: the session refuses writes up front.
      readOnly: (request.readOnly ?? false) || (config.dialect === 'sqlite' && config.readOnly === true),
      probe: (sequelize) => withDeadline(probeConnection(sequelize), timeoutMs + BACKSTOP_GRACE_MS, () => connectionTimeoutError(target)),
    })
    return session.info
  } catch (error) {
    return diagnoseOrRethrow(explainThroughTunnel(error, tunnel), target)
  }
}
