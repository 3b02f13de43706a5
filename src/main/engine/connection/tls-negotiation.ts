/**
 * libpq's `prefer` and `allow`: whether to use TLS is decided per server, as libpq decides it.
 * - prefer: ask the server whether it offers TLS (PostgreSQL: the SSLRequest answer, S or N;
 *   MySQL/MariaDB: the CLIENT_SSL flag of its greeting) and use TLS exactly when it does.
 * - allow: connect plain first; only when the server refuses unencrypted sessions, use TLS.
 */
import { connect as netConnect, type Socket } from 'node:net'
import pg from 'pg'
import type { ServerConnection } from '../../../shared/connection-types'

/** The SSLRequest message: length 8, code 1234.5679. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])
const CLIENT_SSL = 0x0800

/**
 * true/false when the server said, null when it could not be asked (the real connection then
 * tries TLS and reports what goes wrong).
 */
export function serverOffersTls(config: ServerConnection, timeoutMs: number): Promise<boolean | null> {
  return new Promise((settle) => {
    let socket: Socket | null = null
    let received = Buffer.alloc(0)
    const done = (answer: boolean | null) => {
      clearTimeout(timer)
      socket?.destroy()
      settle(answer)
    }
    const timer = setTimeout(() => done(null), timeoutMs)
    socket = netConnect({ host: config.host, port: config.port })
    socket.on('error', () => done(null))
    socket.on('close', () => done(null))
    if (config.dialect === 'postgres') socket.on('connect', () => socket?.write(SSL_REQUEST))
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (config.dialect === 'postgres') return done(received[0] === 0x53 ? true : received[0] === 0x4e ? false : null)
      const greeting = mysqlCapabilities(received)
      if (greeting !== undefined) done(greeting === null ? null : (greeting & CLIENT_SSL) !== 0)
    })
  })
}

/** The lower capability flags of a MySQL protocol-10 greeting; undefined while incomplete, null if not one. */
function mysqlCapabilities(packet: Buffer): number | null | undefined {
  if (packet.length < 5) return undefined
  const length = packet[0] | (packet[1] << 8) | (packet[2] << 16)
  if (packet.length < 4 + length) return undefined
  if (packet[4] !== 10) return null // an error packet (host blocked, too many connections)
  const versionEnd = packet.indexOf(0, 5)
  const flagsAt = versionEnd + 1 + 4 + 8 + 1
  if (versionEnd < 0 || flagsAt + 2 > 4 + length) return null
  return packet.readUInt16LE(flagsAt)
}

export interface PlainAttempt {
  user: string
  password: string | undefined
  database: string
  timeoutMs: number
}

/**
 * `allow` on PostgreSQL: whether a plain session is refused for want of encryption (pg_hba.conf
 * `hostssl`), in which case libpq retries with TLS. Any other outcome keeps the plain connection,
 * whose own errors are then reported as usual.
 */
export async function plainRefusedForTls(config: ServerConnection, attempt: PlainAttempt): Promise<boolean> {
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    user: attempt.user,
    password: attempt.password,
    database: attempt.database,
    connectionTimeoutMillis: attempt.timeoutMs,
    ssl: false,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return false
  } catch (error) {
    return /no encryption|SSL off/i.test(error instanceof Error ? error.message : '')
  } finally {
    await client.end().catch(() => undefined)
  }
}
