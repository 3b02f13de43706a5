import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkKnownHosts, checkKnownHostsFile, hostFieldMatches, keyTypeOf, knownHostsName } from './known-hosts'

/** An SSH public key blob: type string, then bytes standing in for the key material. */
function blob(type: string, fill: number): Buffer {
  const name = Buffer.from(type)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(name.length)
  const material = Buffer.alloc(36, fill)
  return Buffer.concat([length, name, material])
}

const ED = blob('ssh-ed25519', 1)
const ED_OTHER = blob('ssh-ed25519', 2)
const RSA = blob('ssh-rsa', 3)
const b64 = (key: Buffer) => key.toString('base64')

function hashed(name: string): string {
  const salt = randomBytes(20)
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`
}

describe('known_hosts', () => {
  it('names hosts as OpenSSH does and reads the key type from a blob', () => {
    expect(knownHostsName('bastion.example', 22)).toBe('bastion.example')
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222')
    expect(keyTypeOf(ED)).toBe('ssh-ed25519')
    expect(keyTypeOf(Buffer.alloc(2))).toBeNull()
  })

  it('matches plain, wildcard, negated and hashed host fields', () => {
    expect(hostFieldMatches('other,bastion.example', 'bastion.example')).toBe(true)
    expect(hostFieldMatches('BASTION.example', 'bastion.example')).toBe(true)
    expect(hostFieldMatches('*.example', 'bastion.example')).toBe(true)
    expect(hostFieldMatches('*.example,!bastion.example', 'bastion.example')).toBe(false)
    expect(hostFieldMatches('bastion.exampl?', 'bastion.example')).toBe(true)
    expect(hostFieldMatches('bastion', 'bastion.example')).toBe(false)
    expect(hostFieldMatches('bastion.example', '[bastion.example]:2222')).toBe(false)
    expect(hostFieldMatches('[bastion.example]:2222', '[bastion.example]:2222')).toBe(true)
    expect(hostFieldMatches(hashed('[10.0.0.5]:2222'), '[10.0.0.5]:2222')).toBe(true)
    expect(hostFieldMatches(hashed('10.0.0.5'), '[10.0.0.5]:2222')).toBe(false)
    expect(hostFieldMatches('|1|bad', 'x')).toBe(false)
  })

  it('trusts the listed key, plain or bracketed for another port', () => {
    const text = `# my hosts\n\nbastion.example ssh-ed25519 ${b64(ED)} me@laptop\n[bastion.example]:2222 ssh-ed25519 ${b64(ED_OTHER)}\n`
    expect(checkKnownHosts(text, 'bastion.example', 22, ED)).toEqual({ kind: 'trusted', line: 3 })
    expect(checkKnownHosts(text, 'bastion.example', 2222, ED_OTHER)).toEqual({ kind: 'trusted', line: 4 })
    // The port-22 entry says nothing of port 2222's key, and the reverse.
    expect(checkKnownHosts(text, 'bastion.example', 2222, ED)).toEqual({ kind: 'changed', line: 4 })
    expect(checkKnownHosts(text, 'bastion.example', 22, ED_OTHER)).toEqual({ kind: 'changed', line: 3 })
  })

  it('trusts a hashed entry and refuses a different key under it', () => {
    const text = `${hashed('[127.0.0.1]:2022')} ssh-ed25519 ${b64(ED)}\n`
    expect(checkKnownHosts(text, '127.0.0.1', 2022, ED)).toEqual({ kind: 'trusted', line: 1 })
    expect(checkKnownHosts(text, '127.0.0.1', 2022, ED_OTHER)).toEqual({ kind: 'changed', line: 1 })
    expect(checkKnownHosts(text, '127.0.0.2', 2022, ED)).toEqual({ kind: 'unknown' })
  })

  it('compares keys of the same type only, and any matching line wins', () => {
    const rsaOnly = `bastion ssh-rsa ${b64(RSA)}\n`
    expect(checkKnownHosts(rsaOnly, 'bastion', 22, ED)).toEqual({ kind: 'unknown' })
    const both = `bastion ssh-ed25519 ${b64(ED_OTHER)}\nbastion ssh-ed25519 ${b64(ED)}\n`
    expect(checkKnownHosts(both, 'bastion', 22, ED)).toEqual({ kind: 'trusted', line: 2 })
  })

  it('refuses a @revoked key and skips @cert-authority lines, comments and junk', () => {
    const text = [
      '   # indented comment',
      `@cert-authority *.example ssh-ed25519 ${b64(ED_OTHER)}`,
      'garbage',
      `@revoked * ssh-ed25519 ${b64(ED)}`,
      `bastion.example ssh-ed25519 ${b64(ED)}`,
    ].join('\n')
    expect(checkKnownHosts(text, 'bastion.example', 22, ED)).toEqual({ kind: 'revoked', line: 4 })
    // The CA line neither trusts nor contradicts a plain key.
    expect(checkKnownHosts(text, 'other.example', 22, ED_OTHER)).toEqual({ kind: 'unknown' })
  })

  it('treats a missing file as knowing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowboat-known-hosts-'))
    try {
      expect(checkKnownHostsFile(join(dir, 'absent'), 'bastion', 22, ED)).toEqual({ kind: 'unknown' })
      writeFileSync(join(dir, 'known_hosts'), `bastion ssh-ed25519 ${b64(ED)}\r\n`)
      expect(checkKnownHostsFile(join(dir, 'known_hosts'), 'bastion', 22, ED)).toEqual({ kind: 'trusted', line: 1 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
