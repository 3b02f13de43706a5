/**
 * OpenSSH's known_hosts, read only (issue 13): a bastion the user already trusts with `ssh` is
 * trusted here too, and one whose key differs from what that file says is refused. Rowboat never
 * writes the file: trusting a new key stays with the saved connection.
 *
 * Supported: plain host patterns (comma-separated, `*` and `?` wildcards, `!` negation),
 * `[host]:port` for ports other than 22, hashed names (`|1|salt|hash`, HMAC-SHA1 of the name keyed
 * with the salt), comments. `@revoked` lines refuse their key; `@cert-authority` lines are skipped
 * (Rowboat does not check host certificates, so they neither trust nor refuse).
 */
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'

export type KnownHostsVerdict =
  { kind: 'trusted'; line: number } | { kind: 'changed'; line: number } | { kind: 'revoked'; line: number } | { kind: 'unknown' }

/** The name known_hosts files use for a host: bare on port 22, else `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(blob: Buffer): string | null {
  if (blob.length < 4) return null
  const length = blob.readUInt32BE(0)
  if (length === 0 || 4 + length > blob.length) return null
  return blob.subarray(4, 4 + length).toString('latin1')
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`, 'i')
}

function hashedMatches(entry: string, name: string): boolean {
  const [, magic, salt, hash] = entry.split('|')
  if (magic !== '1' || !salt || !hash) return false
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash
}

/** Whether a line's host field names `name` (a negated pattern that matches wins over the rest). */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) return hashedMatches(field, name)
  let matched = false
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!')
    const glob = negated ? pattern.slice(1) : pattern
    if (glob === '' || !globToRegExp(glob).test(name)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

/**
 * What `text` says of `hostKey` (the raw key blob) for host and port. As OpenSSH: a revoked key is
 * refused whatever else is listed; any line with this exact key trusts it; else a line for this host
 * with another key of the same type means the key changed; else the host is unknown.
 */
export function checkKnownHosts(text: string, host: string, port: number, hostKey: Buffer): KnownHostsVerdict {
  const name = knownHostsName(host, port)
  const type = keyTypeOf(hostKey)
  let trusted: number | null = null
  let changed: number | null = null
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].trim().split(/\s+/)
    if (fields[0] === '' || fields[0].startsWith('#')) continue
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined
    if (marker !== undefined && marker !== '@revoked') continue
    const [hosts, keyType, keyData] = fields
    if (!hosts || !keyType || !keyData || !hostFieldMatches(hosts, name)) continue
    const sameKey = keyType === type && Buffer.from(keyData, 'base64').equals(hostKey)
    if (marker === '@revoked') {
      if (sameKey) return { kind: 'revoked', line: i + 1 }
      continue
    }
    if (sameKey) trusted ??= i + 1
    else if (keyType === type) changed ??= i + 1
  }
  if (trusted !== null) return { kind: 'trusted', line: trusted }
  if (changed !== null) return { kind: 'changed', line: changed }
  return { kind: 'unknown' }
}

/** The file's verdict; a missing or unreadable file knows nothing (as for `ssh`). */
export function checkKnownHostsFile(file: string, host: string, port: number, hostKey: Buffer): KnownHostsVerdict {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { kind: 'unknown' }
  }
  return checkKnownHosts(text, host, port, hostKey)
}
