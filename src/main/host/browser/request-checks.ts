import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * The browser host's request checks. A page on another site can make the browser send requests to
 * 127.0.0.1 (CSRF) or point its own host name at 127.0.0.1 (DNS rebinding); the token, the Host
 * header and the Origin header together shut both out.
 */
export interface HostIdentity {
  port: number
  token: string
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

export function hostIsOurs(request: IncomingMessage, identity: HostIdentity): boolean {
  const host = request.headers.host
  return typeof host === 'string' && allowedHosts(identity.port).includes(host.toLowerCase())
}

/** No Origin (same-origin GETs, non-browser clients) is fine; a foreign one is not. */
export function originIsOurs(request: IncomingMessage, identity: HostIdentity): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  return allowedHosts(identity.port).some((host) => origin.toLowerCase() === `http://${host}`)
}

export function tokenMatches(request: IncomingMessage, identity: HostIdentity): boolean {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice('Bearer '.length))
  const expected = Buffer.from(identity.token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
