import { randomUUID } from 'node:crypto'
import type { Sequelize } from 'sequelize'
import type { ConnectionConfig } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import type { SessionInfo, TableInfo } from '../../../shared/contract'
import { createSequelize, passwordOf } from './connect'
import { closeQuietly } from './deadline'
import { isServerLevel } from './server-databases'
import type { OpenTunnel } from './ssh-tunnel'

export interface Session {
  readonly id: string
  readonly config: ConnectionConfig
  readonly sequelize: Sequelize
  readonly info: SessionInfo
  /** The password in use (from the URL or given separately); needed only to scrub messages. */
  readonly password: string | null
  /** Described tables, keyed by name; cleared when a migration changes the schema. */
  readonly tableCache: Map<string, TableInfo>
  /** Opened from a connection marked read-only: writes and migrations are refused. */
  readonly readOnly: boolean
  /** The SSH tunnel the session's connections go through, closed with the session. */
  readonly tunnel: OpenTunnel | null
  /** The saved connection it was opened from (what per-connection settings are kept with); null for a pasted URL. */
  readonly savedConnectionId: string | null
}

export interface OpenSessionOptions {
  config: ConnectionConfig
  password?: string
  timeoutMs?: number
  baseDir: string
  display: string
  readOnly: boolean
  /** Proves the connection and reads facts about the server; throws a diagnosed AppError. */
  probe: (sequelize: Sequelize) => Promise<{ serverVersion: string; database: string }>
  /** An open SSH tunnel: the registry owns it from here on (closed on failure and with the session). */
  tunnel?: OpenTunnel | null
  /** The tunnel dropped: the session's connections are gone (the next call reconnects). */
  onLost?: (sessionId: string, message: string) => void
  savedConnectionId?: string
}

/** The open database sessions of one engine. Several at once, each with its own pool. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>()
  private readonly closeHooks: Array<(sessionId: string) => Promise<void>> = []

  /** Work to finish before a session's pool closes: connections held outside it (a Query tab's transaction). */
  onClose(hook: (sessionId: string) => Promise<void>): void {
    this.closeHooks.push(hook)
  }

  async open(options: OpenSessionOptions): Promise<Session> {
    const tunnel = options.tunnel ?? null
    const via = tunnel ? { host: tunnel.localHost, port: tunnel.localPort } : undefined
    const sequelize = createSequelize(options.config, { ...options, poolMax: 5, via })
    try {
      const facts = await options.probe(sequelize)
      const id = randomUUID()
      const session: Session = {
        id,
        config: options.config,
        sequelize,
        password: passwordOf(options.config, options),
        tableCache: new Map(),
        readOnly: options.readOnly,
        tunnel,
        savedConnectionId: options.savedConnectionId ?? null,
        info: {
          sessionId: id,
          dialect: options.config.dialect,
          database: facts.database,
          serverVersion: facts.serverVersion,
          display: options.display,
          openedAt: new Date().toISOString(),
          readOnly: options.readOnly,
          ...(isServerLevel(options.config) ? { serverLevel: true as const } : {}),
        },
      }
      this.sessions.set(id, session)
      if (tunnel) tunnel.onLost = (message) => options.onLost?.(id, message)
      return session
    } catch (error) {
      // Bounded: after a failed SQLite open, sqlite3 never calls back the close.
      await closeQuietly(sequelize)
      await tunnel?.close()
      throw error
    }
  }

  get(sessionId: string): Session {
    const session = this.sessions.get(sessionId)
    if (!session) {
      throw new AppError({
        code: 'SESSION_NOT_FOUND',
        message: 'That database session is not open (it was closed, or the app restarted).',
        hint: 'Connect again from the connection list.',
        field: 'sessionId',
      })
    }
    return session
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info)
  }

  /** The open sessions' passwords, so the engine can mask them in log lines. */
  passwords(): Array<string | null> {
    return [...this.sessions.values()].flatMap((s) => [s.password, s.tunnel?.ssh.passphrase ?? null, s.tunnel?.ssh.password ?? null])
  }

  async close(sessionId: string): Promise<boolean> {
    const session = this.sessions.get(sessionId)
    if (!session) return false
    this.sessions.delete(sessionId)
    await Promise.allSettled(this.closeHooks.map((hook) => hook(sessionId)))
    await closeQuietly(session.sequelize, 5000)
    await session.tunnel?.close()
    return true
  }

  async closeAll(): Promise<void> {
    const open = [...this.sessions.keys()]
    await Promise.allSettled(open.map((id) => this.close(id)))
  }
}

/** Every write and migration calls this first. */
export function assertWritable(session: Session): void {
  if (session.readOnly) {
    throw new AppError({
      code: 'PERMISSION_DENIED',
      message: 'This connection is marked read-only, so Rowboat will not change anything through it.',
      hint: 'Edit the saved connection and clear "read-only" to make changes.',
    })
  }
}
