/**
 * SSH tunnels (issue 13) against an sshd of the test's own (tests/support/private-sshd.ts), through
 * which the shared MariaDB and PostgreSQL are reached as the bastion sees them (127.0.0.1:3306/5432):
 * test connection, session, a page of rows, close (no listener left), each refusal with its code,
 * the bastion going away mid-session (sessions.lost, then a reconnect), and a key passphrase that
 * never reaches an answer or the log; a bastion trusted or refused by a known_hosts file.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { SshTunnelInput } from '../../src/shared/contract/ssh'
import { adminQuery, createServerDatabase } from '../support/databases'
import { privateSshdUnavailable, startPrivateSshd, startSshAgent, type PrivateSshd } from '../support/private-sshd'
import { apiCalls, failure } from './api-calls'
import { serverUrlFor } from './harness'

const unavailable = privateSshdUnavailable()
const skip = Boolean(unavailable) && process.env.CI !== 'true'
if (unavailable && skip) console.warn(`[rowboat tests] SSH tunnel tests skipped: ${unavailable}.`)

const SERVERS = [
  { dialect: 'mysql' as const, url: serverUrlFor('mysql') },
  { dialect: 'postgres' as const, url: serverUrlFor('postgres') },
]

let sshd: PrivateSshd
let dir = ''
/** The engine's known_hosts (never the user's): absent unless a test writes it. */
let knownHosts = ''
let api: Api
const logs: string[] = []
const events: Array<{ event: string; payload: unknown }> = []

const { invoke, value } = apiCalls(() => api)

const bastion = (extra: Partial<SshTunnelInput> = {}): SshTunnelInput => ({
  host: sshd.host,
  port: sshd.port,
  user: sshd.user,
  privateKeyPath: sshd.clientKey,
  hostKey: sshd.hostKey,
  ...extra,
})

/** Whether anything still listens on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const localPortOf = (sessionId: string) => api.engine.sessions.get(sessionId).tunnel?.localPort ?? 0

describe.skipIf(skip)("SSH tunnels through a bastion of the test's own", () => {
  beforeAll(async () => {
    if (unavailable) throw new Error(`CI must run this test: ${unavailable}`)
    dir = mkdtempSync(join(tmpdir(), 'rowboat-ssh-'))
    sshd = await startPrivateSshd()
    knownHosts = join(dir, 'known_hosts')
    api = createApi({
      baseDir: dir,
      knownHostsFile: knownHosts,
      log: (line) => logs.push(line),
      emit: (event, payload) => void events.push({ event, payload }),
    })
  }, 60_000)

  afterAll(async () => {
    await api?.engine.shutdown()
    await sshd?.destroy()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  for (const server of SERVERS) {
    describe.skipIf(!server.url && process.env.CI !== 'true')(server.dialect, () => {
      let db: Awaited<ReturnType<typeof createServerDatabase>>

      beforeAll(async () => {
        if (!server.url) throw new Error(`CI must run this test: set TEST_${server.dialect === 'mysql' ? 'MYSQL' : 'PG'}_URL`)
        db = await createServerDatabase(server.dialect, server.url)
        await adminQuery(server.dialect, db.url, 'CREATE TABLE boats (id INT PRIMARY KEY, name VARCHAR(20))')
        await adminQuery(server.dialect, db.url, "INSERT INTO boats VALUES (1, 'dinghy'), (2, 'skiff')")
      }, 30_000)

      afterAll(async () => {
        await db?.drop()
      })

      it('tests the connection through the bastion and says so', async () => {
        const result = await value('connections.test', { url: db.url, ssh: bastion() })
        expect(result.tunnel).toEqual(expect.objectContaining({ host: '127.0.0.1', port: sshd.port, hostKey: sshd.hostKey }))
        expect(result.tunnel?.description).toBe(`via SSH bastion ${sshd.user}@127.0.0.1:${sshd.port}`)
        expect(result.tableCount).toBe(1)
      })

      it('opens a session through the tunnel, reads a page, and closes the tunnel with the session', async () => {
        const session = await value('sessions.open', { url: db.url, ssh: bastion() })
        const port = localPortOf(session.sessionId)
        expect(port).toBeGreaterThan(0)
        const page = await value('records.page', {
          sessionId: session.sessionId,
          table: 'boats',
          sort: [{ column: 'id', direction: 'asc' }],
        })
        expect(page.rows.map((r) => r.name)).toEqual(['dinghy', 'skiff'])
        expect(await listening(port)).toBe(true)
        await value('sessions.close', { sessionId: session.sessionId })
        expect(await listening(port)).toBe(false)
      })

      it('opens a saved connection through its saved bastion and trusted host key', async () => {
        const saved = await value('connections.save', { name: `behind ${server.dialect}`, url: db.url, ssh: bastion() })
        expect(saved.ssh).toEqual(expect.objectContaining({ host: '127.0.0.1', hostKey: sshd.hostKey, privateKeyPath: sshd.clientKey }))
        const session = await value('connections.open', { id: saved.id })
        expect(localPortOf(session.sessionId)).toBeGreaterThan(0)
        const page = await value('records.page', { sessionId: session.sessionId, table: 'boats' })
        expect(page.rows).toHaveLength(2)
        await value('sessions.close', { sessionId: session.sessionId })
        await value('connections.delete', { id: saved.id })
      })

      it('refuses a key the bastion does not know: SSH_AUTH_FAILED', async () => {
        const error = failure(await invoke('connections.test', { url: db.url, ssh: bastion({ privateKeyPath: sshd.strangerKey }) }))
        expect(error.code).toBe('SSH_AUTH_FAILED')
        expect(error.message).toContain(`${sshd.user}@127.0.0.1:${sshd.port}`)
      })

      it('asks before trusting an unknown host key, with its fingerprint', async () => {
        const error = failure(await invoke('sessions.open', { url: db.url, ssh: bastion({ hostKey: undefined }) }))
        expect(error.code).toBe('SSH_HOST_KEY_UNKNOWN')
        expect(error.details?.hostKey).toBe(sshd.hostKey)
        expect(error.message).toContain(sshd.hostKey)
      })

      it('says plainly when the bastion cannot reach the database', async () => {
        const unreachable = db.url.replace(/:(3306|5432)\//, ':1/')
        const error = failure(await invoke('connections.test', { url: unreachable, ssh: bastion(), timeoutMs: 3000 }))
        expect(error.code).toBe('SSH_FORWARD_FAILED')
        expect(error.message).toContain('127.0.0.1:1')
      })

      it('reports the tunnel dropping mid-session as sessions.lost, and reconnects after', async () => {
        const session = await value('sessions.open', { url: db.url, ssh: bastion() })
        events.length = 0
        await sshd.stop()
        try {
          await expect.poll(() => events.filter((e) => e.event === 'sessions.lost').length, { timeout: 10_000 }).toBeGreaterThan(0)
          const lost = events.find((e) => e.event === 'sessions.lost')?.payload as { sessionId: string; message: string }
          expect(lost.sessionId).toBe(session.sessionId)
          expect(lost.message).toMatch(/SSH tunnel through .* closed/)
          const during = failure(await invoke('records.page', { sessionId: session.sessionId, table: 'boats' }))
          expect(['CONNECTION_LOST', 'CONNECTION_REFUSED']).toContain(during.code)
        } finally {
          await sshd.start()
        }
        const page = await value('records.page', { sessionId: session.sessionId, table: 'boats' })
        expect(page.rows).toHaveLength(2)
        await value('sessions.close', { sessionId: session.sessionId })
      }, 30_000)
    })
  }

  describe('keys and host keys', () => {
    const url = () => serverUrlFor('postgres') ?? serverUrlFor('mysql') ?? 'postgres://postgres@127.0.0.1:5432/postgres'

    it('opens a key with its passphrase, names a missing or wrong one, and never shows it', async () => {
      logs.length = 0
      const missing = failure(await invoke('connections.test', { url: url(), ssh: bastion({ privateKeyPath: sshd.protectedKey }) }))
      expect(missing.code).toBe('SSH_KEY_UNREADABLE')
      expect(missing.message).toContain('encrypted')
      const wrong = failure(
        await invoke('connections.test', {
          url: url(),
          ssh: bastion({ privateKeyPath: sshd.protectedKey, passphrase: `${sshd.passphrase}-not` }),
        }),
      )
      expect(wrong.code).toBe('SSH_KEY_UNREADABLE')
      expect(wrong.message).toContain('passphrase')
      // A key that opens, but a database login that fails: the error travels with the passphrase known.
      const opened = failure(
        await invoke('connections.test', {
          url: url().replace(/\/\/[^@/]*@/, '//nobody_here@'),
          ssh: bastion({ privateKeyPath: sshd.protectedKey, passphrase: sshd.passphrase }),
        }),
      )
      expect(opened.code).toBe('AUTH_FAILED')
      const everything = JSON.stringify([missing, wrong, opened]) + logs.join('\n')
      expect(everything).not.toContain(sshd.passphrase)
      api.engine.log.error(`canary: ${sshd.passphrase}`)
      expect(logs.join('\n')).not.toContain(sshd.passphrase)
    })

    it('names a key file that is missing or not a key', async () => {
      const missing = failure(await invoke('connections.test', { url: url(), ssh: bastion({ privateKeyPath: join(sshd.dir, 'nope') }) }))
      expect(missing.code).toBe('SSH_KEY_UNREADABLE')
      expect(missing.message).toContain('no such file')
      const publicHalf = failure(
        await invoke('connections.test', { url: url(), ssh: bastion({ privateKeyPath: `${sshd.clientKey}.pub` }) }),
      )
      expect(publicHalf.code).toBe('SSH_KEY_UNREADABLE')
    })

    it('signs in with the keys of the running SSH agent, and says when there is none', async () => {
      const agent = await startSshAgent(sshd.dir, [sshd.clientKey])
      const before = process.env.SSH_AUTH_SOCK
      const viaAgent = { host: sshd.host, port: sshd.port, user: sshd.user, agent: true, hostKey: sshd.hostKey }
      try {
        process.env.SSH_AUTH_SOCK = agent.socket
        const result = await value('connections.test', { url: url(), ssh: viaAgent })
        expect(result.tunnel?.hostKey).toBe(sshd.hostKey)
        delete process.env.SSH_AUTH_SOCK
        const none = failure(await invoke('connections.test', { url: url(), ssh: viaAgent }))
        expect(none.code).toBe('INVALID_INPUT')
        expect(none.message).toContain('SSH_AUTH_SOCK')
      } finally {
        if (before === undefined) delete process.env.SSH_AUTH_SOCK
        else process.env.SSH_AUTH_SOCK = before
        agent.stop()
      }
    })

    it('signs in with the SSH password, refuses a wrong one as SSH_AUTH_FAILED, and never shows it', async () => {
      if (sshd.password === null) {
        if (process.env.CI === 'true') throw new Error(`CI must test SSH passwords: ${sshd.passwordUnavailable}`)
        console.warn(`[rowboat tests] SSH password sign-in not tested: ${sshd.passwordUnavailable}`)
        return
      }
      logs.length = 0
      const viaPassword = (password: string) => ({ host: sshd.host, port: sshd.port, user: sshd.user, password, hostKey: sshd.hostKey })
      const result = await value('connections.test', { url: url(), ssh: viaPassword(sshd.password) })
      expect(result.tunnel?.hostKey).toBe(sshd.hostKey)
      const wrong = failure(await invoke('connections.test', { url: url(), ssh: viaPassword(`${sshd.password}-not`) }))
      expect(wrong.code).toBe('SSH_AUTH_FAILED')
      expect(wrong.message).toContain('the SSH password')
      const session = await value('sessions.open', { url: url(), ssh: viaPassword(sshd.password) })
      await value('sessions.close', { sessionId: session.sessionId })
      expect(JSON.stringify([result, wrong, session]) + logs.join('\n')).not.toContain(sshd.password)
    })

    it('says when nothing answers on the SSH port', async () => {
      const error = failure(await invoke('connections.test', { url: url(), ssh: bastion({ port: 1 }) }))
      expect(error.code).toBe('SSH_UNREACHABLE')
    })

    describe('known_hosts', () => {
      const name = () => `[${sshd.host}]:${sshd.port}`
      /** `ssh-ed25519 AAAA…` without the comment. */
      const keyOf = (publicKey: string) => publicKey.split(' ').slice(0, 2).join(' ')
      const hashedName = () => {
        const salt = randomBytes(20)
        return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name()).digest('base64')}`
      }
      afterAll(() => rmSync(knownHosts, { force: true }))

      it('trusts a bastion whose key known_hosts lists (plain or hashed), without asking', async () => {
        for (const host of [name(), hashedName()]) {
          writeFileSync(knownHosts, `# test\n${host} ${keyOf(sshd.hostPublicKey)}\n`)
          const result = await value('connections.test', { url: url(), ssh: bastion({ hostKey: undefined }) })
          expect(result.tunnel?.hostKey).toBe(sshd.hostKey)
        }
        // The same key listed for port 22 only says nothing of this port: the user is asked.
        writeFileSync(knownHosts, `${sshd.host} ${keyOf(sshd.hostPublicKey)}\n`)
        const unknown = failure(await invoke('connections.test', { url: url(), ssh: bastion({ hostKey: undefined }) }))
        expect(unknown.code).toBe('SSH_HOST_KEY_UNKNOWN')
      })

      it('refuses a bastion whose key differs from the one known_hosts lists, naming file and line', async () => {
        // Another ed25519 key (the stranger's client key) stands in for the bastion's old host key.
        writeFileSync(knownHosts, `# test\n${hashedName()} ${keyOf(readFileSync(`${sshd.strangerKey}.pub`, 'utf8'))}\n`)
        const error = failure(await invoke('connections.test', { url: url(), ssh: bastion({ hostKey: undefined }) }))
        expect(error.code).toBe('SSH_HOST_KEY_CHANGED')
        expect(error.details?.hostKey).toBe(sshd.hostKey)
        expect(error.message).toContain(`${knownHosts} line 2`)
        // A key the connection trusts itself is not second-guessed by the file.
        const result = await value('connections.test', { url: url(), ssh: bastion() })
        expect(result.tunnel?.hostKey).toBe(sshd.hostKey)
      })
    })

    it('refuses a changed host key loudly', async () => {
      const trusted = sshd.hostKey
      await sshd.stop()
      await sshd.start({ changeHostKey: true })
      expect(sshd.hostKey).not.toBe(trusted)
      const error = failure(await invoke('connections.test', { url: url(), ssh: bastion({ hostKey: trusted }) }))
      expect(error.code).toBe('SSH_HOST_KEY_CHANGED')
      expect(error.details?.hostKey).toBe(sshd.hostKey)
      expect(error.message).toContain(trusted)
    }, 30_000)
  })
})
