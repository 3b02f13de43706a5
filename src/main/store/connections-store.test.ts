import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './atomic-file'
import { ConnectionStore } from './connections-store'
import { localKeyCipher, SecretStore } from './secrets'

const CANARY = 'canary-P@ss-7f3a9c'
/** As it appears inside a URL. */
const ENCODED = encodeURIComponent(CANARY)

let dir: string
const makeStore = () => new ConnectionStore(dir, new SecretStore(dir, localKeyCipher(dir)))
const saveDefaults = { color: null, readOnly: false, rememberPassword: false }

/** Every byte in the data folder, as text: the canary must not be in it. */
function folderText(): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n')
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rowboat-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('saved connections', () => {
  it('round-trips name, URL without password, colour and read-only flag across restarts', () => {
    const saved = makeStore().save({
      ...saveDefaults,
      name: 'Prod',
      url: `mysql://app:${ENCODED}@db.example.com/shop`,
      color: '#ff0000',
      readOnly: true,
    })
    expect(saved).toMatchObject({
      name: 'Prod',
      url: 'mysql://app@db.example.com:3306/shop',
      color: '#ff0000',
      readOnly: true,
      dialect: 'mysql',
      source: 'saved',
      password: 'session',
    })

    const again = makeStore().list()
    expect(again.connections).toEqual([{ ...saved, password: 'none' }])
  })

  it('keeps a password for the session only, unless asked to remember it', () => {
    const store = makeStore()
    const session = store.save({ ...saveDefaults, name: 'A', url: `postgres://u:${ENCODED}@h/db` })
    expect(store.resolve(session.id).password).toBe(CANARY)
    expect(makeStore().resolve(session.id).password).toBeNull()

    const remembered = store.save({ ...saveDefaults, name: 'B', url: 'postgres://u@h/db', password: CANARY, rememberPassword: true })
    expect(remembered.password).toBe('remembered')
    expect(makeStore().resolve(remembered.id).password).toBe(CANARY)
    expect(folderText()).not.toContain(CANARY)
  })

  it('never returns a password and never writes one in plain text', () => {
    const store = makeStore()
    const a = store.save({ ...saveDefaults, name: 'A', url: `mysql://root:${ENCODED}@h/db`, rememberPassword: true })
    store.update(a.id, { name: 'A2' })
    store.duplicate(a.id)
    expect(JSON.stringify(store.list())).not.toContain(CANARY)
    expect(folderText()).not.toContain(CANARY)
    expect(folderText()).not.toContain(encodeURIComponent(CANARY))
  })

  it('updates, duplicates and deletes', () => {
    const store = makeStore()
    const a = store.save({ ...saveDefaults, name: 'A', url: 'sqlite:///app.db' })
    expect(store.update(a.id, { name: 'Renamed', readOnly: true })).toMatchObject({ name: 'Renamed', readOnly: true })
    const copy = store.duplicate(a.id)
    expect(copy).toMatchObject({ name: 'Renamed (copy)', readOnly: true })
    expect(copy.id).not.toBe(a.id)
    expect(store.delete(a.id)).toBe(true)
    expect(store.delete(a.id)).toBe(false)
    expect(store.list().connections.map((c) => c.name)).toEqual(['Renamed (copy)'])
  })

  it('lists built-ins first, refuses to change them, and keeps their password in memory', () => {
    const store = makeStore()
    store.setBuiltIns([
      { id: 'sample', name: 'Sample database', url: `sqlite:${join(dir, 'rowboat-sample.sqlite')}`, source: 'sample' },
      { id: 'environment', name: 'From DATABASE_URL', url: `postgres://u:${ENCODED}@h/db`, source: 'environment' },
    ])
    store.save({ ...saveDefaults, name: 'Mine', url: 'sqlite:///x.db' })
    expect(store.list().connections.map((c) => [c.name, c.source])).toEqual([
      ['Sample database', 'sample'],
      ['From DATABASE_URL', 'environment'],
      ['Mine', 'saved'],
    ])
    expect(store.resolve('environment').password).toBe(CANARY)
    expect(() => store.delete('sample')).toThrow(/built in/)
    expect(folderText()).not.toContain(CANARY)
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).not.toContain('DATABASE_URL')
  })

  it('keeps a corrupt file aside with a warning instead of losing it', () => {
    writeFileSync(join(dir, 'connections.json'), '{"version":1,"connections":[{"id":')
    const store = makeStore()
    const list = store.list()
    expect(list.connections).toEqual([])
    expect(list.warnings[0]).toMatch(/kept as .*connections\.json\.corrupt-/)
    const kept = readdirSync(dir).find((f) => f.startsWith('connections.json.corrupt-'))!
    expect(readFileSync(join(dir, kept), 'utf8')).toBe('{"version":1,"connections":[{"id":')
    store.save({ ...saveDefaults, name: 'After', url: 'sqlite:///a.db' })
    expect(
      makeStore()
        .list()
        .connections.map((c) => c.name),
    ).toEqual(['After'])
  })
})

describe('atomic writes', () => {
  it('leaves the old file whole when the process dies between write and rename', () => {
    const file = join(dir, 'connections.json')
    writeFileAtomic(file, 'old content')
    const crash = () => {
      throw new Error('power cut')
    }
    expect(() => writeFileAtomic(file, 'new content', 0o600, crash)).toThrow('power cut')
    expect(readFileSync(file, 'utf8')).toBe('old content')
    const temp = readdirSync(dir).filter((f) => f.endsWith('.tmp'))
    expect(temp).toHaveLength(1)
    expect(readFileSync(join(dir, temp[0]), 'utf8')).toBe('new content')
  })
})

describe('saved SSH tunnels', () => {
  const fingerprint = `SHA256:${'A'.repeat(43)}`
  const ssh = {
    host: 'bastion.example.com',
    port: 22,
    user: 'deploy',
    privateKeyPath: '~/.ssh/id_ed25519',
    passphrase: CANARY,
    hostKey: fingerprint,
  }

  it('keeps the bastion and trusted host key in connections.json, its passphrase only like a password', () => {
    const saved = makeStore().save({ ...saveDefaults, name: 'Behind', url: 'postgres://app@127.0.0.1/shop', ssh })
    expect(saved.ssh).toEqual({
      host: 'bastion.example.com',
      port: 22,
      user: 'deploy',
      privateKeyPath: '~/.ssh/id_ed25519',
      agent: false,
      hostKey: fingerprint,
      secret: 'session',
    })
    expect(folderText()).not.toContain(CANARY)
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).toContain(fingerprint)

    const again = makeStore()
    expect(again.list().connections[0]?.ssh?.secret).toBe('none')
    expect(again.resolve(saved.id).ssh).toEqual({
      host: 'bastion.example.com',
      port: 22,
      user: 'deploy',
      privateKeyPath: '~/.ssh/id_ed25519',
      hostKey: fingerprint,
    })
    expect(again.resolve(saved.id, undefined, 'typed now').ssh?.passphrase).toBe('typed now')
  })

  it('remembers the SSH secret on disk only when asked, encrypted; duplicates and removes it with the connection', () => {
    const store = makeStore()
    const saved = store.save({
      ...saveDefaults,
      name: 'Behind',
      url: 'mysql://app@127.0.0.1/shop',
      ssh: { host: 'b', port: 2222, user: 'u', password: CANARY },
      rememberPassword: true,
    })
    expect(folderText()).not.toContain(CANARY)
    expect(makeStore().resolve(saved.id).ssh).toEqual({ host: 'b', port: 2222, user: 'u', password: CANARY })

    const copy = store.duplicate(saved.id)
    expect(copy.ssh).toMatchObject({ host: 'b', port: 2222, secret: 'remembered' })
    expect(store.resolve(copy.id).ssh?.password).toBe(CANARY)

    // An edit without the secret keeps it; null removes the tunnel and forgets it.
    store.update(saved.id, { ssh: { host: 'b2', port: 22, user: 'u' } })
    expect(store.resolve(saved.id).ssh).toEqual({ host: 'b2', port: 22, user: 'u', password: CANARY })
    store.update(saved.id, { ssh: null })
    expect(store.list().connections.find((c) => c.id === saved.id)?.ssh).toBeNull()
    expect(store.resolve(saved.id).ssh).toBeUndefined()
    store.delete(copy.id)
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({})
  })

  it('keeps the TLS key passphrase like a password: out of connections.json and the listed URL, back when opening', () => {
    const store = makeStore()
    const url = `postgres://app@db/shop?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/k.pem&sslpassword=${ENCODED}`
    const saved = store.save({ ...saveDefaults, rememberPassword: true, name: 'TLS', url })
    expect(saved.url).toBe('postgres://app@db:5432/shop?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/k.pem')
    expect(saved.sslPassword).toBe('remembered')
    expect(folderText()).not.toContain(CANARY)
    expect(folderText()).not.toContain(ENCODED)
    const again = makeStore()
    const resolved = again.resolve(saved.id).config
    expect(resolved.dialect !== 'sqlite' && resolved.sslPassword).toBe(CANARY)
    expect(again.resolve(saved.id).display).not.toContain(CANARY)
    const typed = again.resolve(saved.id, undefined, undefined, 'typed now').config
    expect(typed.dialect !== 'sqlite' && typed.sslPassword).toBe('typed now')
    // An edit without one keeps it; a field given replaces it; null forgets it.
    again.update(saved.id, { url: saved.url })
    expect(again.list().connections[0]?.sslPassword).toBe('remembered')
    again.update(saved.id, { sslPassword: 'new one' })
    const replaced = again.resolve(saved.id).config
    expect(replaced.dialect !== 'sqlite' && replaced.sslPassword).toBe('new one')
    const copy = again.duplicate(saved.id)
    expect(copy.sslPassword).toBe('remembered')
    again.update(saved.id, { sslPassword: null })
    const forgotten = again.resolve(saved.id).config
    expect(forgotten.dialect !== 'sqlite' && forgotten.sslPassword).toBeUndefined()
    again.delete(copy.id)
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({})
  })
})
