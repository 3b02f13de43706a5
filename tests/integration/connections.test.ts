/**
 * connections.test and connections.createDatabase through the router, against the real servers:
 * every failure we can provoke on this machine, and that the password never leaks.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { describeDialects, rawQuery, serverUrlFor } from './harness'
import { failure } from './api-calls'

type ServerDialect = 'mysql' | 'postgres'
const PRODUCT: Record<ServerDialect, RegExp> = { mysql: /MySQL|MariaDB/, postgres: /PostgreSQL/ }

/** The server URL with parts replaced (user, password, host, port, database, query). */
function variant(
  serverUrl: string,
  parts: { user?: string; password?: string; host?: string; port?: number; database?: string; query?: string },
): string {
  const u = new URL(serverUrl)
  if (parts.user !== undefined) u.username = encodeURIComponent(parts.user)
  if (parts.password !== undefined) u.password = encodeURIComponent(parts.password)
  if (parts.host !== undefined) u.hostname = parts.host
  if (parts.port !== undefined) u.port = String(parts.port)
  if (parts.database !== undefined) u.pathname = `/${parts.database}`
  if (parts.query !== undefined) u.search = parts.query
  return u.toString()
}

/** An api of our own, collecting what the engine logs. */
function loggedApi(): { api: Api; logs: string[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-conn-'))
  const logs: string[] = []
  return { api: createApi({ baseDir: dir, log: (line) => logs.push(line) }), logs, dir }
}

function invoke<C extends ChannelName>(api: Api, channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return api.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>
}

/** The password, raw or URL-encoded, appears nowhere in the answer. */
function expectNoSecret(answer: unknown, secret: string): void {
  const text = JSON.stringify(answer)
  expect(text).not.toContain(secret)
  expect(text).not.toContain(encodeURIComponent(secret))
}

describeDialects('connections.test', (t) => {
  it('answers version, latency, table count and an untracked migration state on an empty database', async () => {
    const result = await t.call('connections.test', { url: t.url })
    expect(result.ok).toBe(true)
    expect(result.dialect).toBe(t.dialect)
    expect(result.serverVersion).toMatch(/^\d+\.\d+/)
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    expect(Number.isInteger(result.latencyMs)).toBe(true)
    expect(result.tableCount).toBe(0)
    expect(result.migrations).toEqual({
      tracked: false,
      applied: 0,
      pending: expect.any(Number),
      current: null,
      ownership: { managed: true },
    })
    if (t.dialect === 'sqlite') expect(result.database).toBe(t.url.replace(/^sqlite:/, ''))
    else expect(result.database).toBe(new URL(t.url).pathname.slice(1))
  })

  it('says whether the session is encrypted: the shared servers have TLS off; SQLite has no wire', async () => {
    const result = await t.call('connections.test', { url: t.url })
    if (t.dialect === 'sqlite') expect(result.encryption).toBeUndefined()
    else expect(result.encryption).toEqual({ encrypted: false })
  })

  it('counts the tables there are', async () => {
    await t.raw('CREATE TABLE conn_probe_a (id INTEGER PRIMARY KEY)')
    await t.raw('CREATE TABLE conn_probe_b (id INTEGER PRIMARY KEY)')
    const result = await t.call('connections.test', { url: t.url })
    expect(result.tableCount).toBe(2)
  })

  it('closes its connection afterwards', async () => {
    if (t.dialect === 'sqlite') return // a file has no server-side connections to count
    const count =
      t.dialect === 'postgres'
        ? "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'Rowboat' AND datname = current_database()"
        : 'SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()'
    await t.call('connections.test', { url: t.url })
    const rows = (await t.raw(count)) as Array<{ n: number | string }>
    expect(Number(rows[0].n)).toBe(0)
  })
})

for (const dialect of ['mysql', 'postgres'] as const) {
  const serverUrl = serverUrlFor(dialect)
  describe.skipIf(!serverUrl)(`connection failures [${dialect}]`, () => {
    const url = serverUrl ?? ''
    let api: Api
    let logs: string[]
    let dir: string
    const created: string[] = []

    beforeAll(() => {
      ;({ api, logs, dir } = loggedApi())
    })
    afterAll(async () => {
      await api.engine.shutdown()
      for (const name of created) {
        await rawQuery(
          dialect,
          url,
          dialect === 'mysql' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
        )
      }
      rmSync(dir, { recursive: true, force: true })
      expect(logs.join('\n')).not.toContain('Sup3r-s3cret')
    })

    it('a closed port: CONNECTION_REFUSED naming host:port', async () => {
      const error = failure(await invoke(api, 'connections.test', { url: variant(url, { port: 1 }) }))
      expect(error.code).toBe('CONNECTION_REFUSED')
      expect(error.message).toContain('127.0.0.1:1')
      expect(error.message).toMatch(PRODUCT[dialect])
      expect(error.hint).toBeTruthy()
      expect(error.details).toMatchObject({ address: '127.0.0.1:1', driverCode: 'ECONNREFUSED' })
    })

    it('an unknown host: HOST_NOT_FOUND', async () => {
      const error = failure(await invoke(api, 'connections.test', { url: variant(url, { host: 'nosuchhost.invalid' }) }))
      expect(error.code).toBe('HOST_NOT_FOUND')
      expect(error.message).toContain('nosuchhost.invalid')
    })

    it('a server that accepts and never answers: TIMEOUT within the limit', async () => {
      const sockets: Socket[] = []
      const silent: Server = createServer((socket) => void sockets.push(socket))
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
      const port = (silent.address() as { port: number }).port
      try {
        const started = Date.now()
        const error = failure(await invoke(api, 'connections.test', { url: variant(url, { port }), timeoutMs: 500 }))
        const elapsed = Date.now() - started
        expect(error.code).toBe('TIMEOUT')
        expect(error.message).toContain(`127.0.0.1:${port}`)
        expect(elapsed).toBeLessThan(2000)
      } finally {
        for (const socket of sockets) socket.destroy()
        await new Promise((resolve) => silent.close(resolve))
      }
    })

    it('an unknown database: DATABASE_NOT_FOUND with the statement; createDatabase makes it; then the test passes', async () => {
      const name = `rowboat_new_${randomBytes(4).toString('hex')}`
      const target = variant(url, { database: name })
      const missing = failure(await invoke(api, 'connections.test', { url: target }))
      expect(missing.code).toBe('DATABASE_NOT_FOUND')
      expect(missing.message).toContain(`"${name}"`)
      const statement =
        dialect === 'mysql' ? `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `CREATE DATABASE "${name}"`
      expect(missing.details?.createStatement).toBe(statement)

      created.push(name)
      const made = await invoke(api, 'connections.createDatabase', { url: target })
      expect(made).toEqual({ ok: true, value: { statement, file: null } })
      const tested = await invoke(api, 'connections.test', { url: target })
      expect(tested).toMatchObject({ ok: true, value: { database: name, tableCount: 0 } })

      const again = failure(await invoke(api, 'connections.createDatabase', { url: target }))
      expect(again.code).toBe('DATABASE_EXISTS')
      expect(again.message).toContain(name)
    })

    it('ssl=require against a server without TLS: TLS_UNAVAILABLE', async () => {
      const error = failure(await invoke(api, 'connections.test', { url: variant(url, { query: '?ssl=require' }) }))
      expect(error.code).toBe('TLS_UNAVAILABLE')
      expect(error.hint).toMatch(/Remove the ssl option/)
    })

    it('never shows the password: not in failures, not in the display, not in the log', async () => {
      const secret = 'Sup3r-s3cret/@:pw'
      const answers = [
        await invoke(api, 'connections.test', { url: variant(url, { port: 1, password: secret }) }),
        await invoke(api, 'connections.test', { url: variant(url, { database: 'rowboat_absent_db' }), password: secret }),
        await invoke(api, 'connections.createDatabase', { url: variant(url, { host: 'nosuchhost.invalid', password: secret }) }),
        await invoke(api, 'connections.test', { url: variant(url, { password: secret, query: '?ssl=require' }) }),
      ]
      for (const answer of answers) {
        expect(answer.ok).toBe(false)
        expectNoSecret(answer, secret)
      }
      // A later log line that happens to carry it (an unexpected error's text) is scrubbed too.
      api.engine.log.error(`unexpected: connect to ${variant(url, { password: secret })} failed (${secret})`)
      expect(logs.length).toBeGreaterThan(0)
      expectNoSecret(logs, secret)
    })
  })
}

describe.skipIf(!serverUrlFor('mysql'))('wrong password [mysql]', () => {
  const url = serverUrlFor('mysql') ?? ''
  const user = `rowboat_pw_${randomBytes(3).toString('hex')}`
  const { api, logs, dir } = loggedApi()

  beforeAll(async () => {
    await rawQuery('mysql', url, `CREATE USER '${user}'@'%' IDENTIFIED BY 'the-right-one'`)
    await rawQuery('mysql', url, `GRANT ALL ON test.* TO '${user}'@'%'`)
  })
  afterAll(async () => {
    await api.engine.shutdown()
    await rawQuery('mysql', url, `DROP USER IF EXISTS '${user}'@'%'`)
    rmSync(dir, { recursive: true, force: true })
  })

  it('the right password connects', async () => {
    const result = await invoke(api, 'connections.test', { url: variant(url, { user, password: 'the-right-one', database: 'test' }) })
    expect(result.ok).toBe(true)
    expectNoSecret(result, 'the-right-one')
  })

  it('a wrong one: AUTH_FAILED naming the user, never the password', async () => {
    const wrong = 'Wr0ng-p@ss:w/rd'
    const answer = await invoke(api, 'connections.test', { url: variant(url, { user, password: wrong, database: 'test' }) })
    const error = failure(answer)
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toContain(`"${user}"`)
    expect(error.details?.driverCode).toBe('ER_ACCESS_DENIED_ERROR (1045)')
    expectNoSecret(answer, wrong)
    // Given separately from the URL: same answer.
    const separate = await invoke(api, 'connections.test', { url: variant(url, { user, database: 'test' }), password: wrong })
    expect(failure(separate).code).toBe('AUTH_FAILED')
    expectNoSecret(separate, wrong)
    expectNoSecret(logs, wrong)
  })
})

describe.skipIf(!serverUrlFor('postgres'))('unknown role [postgres]', () => {
  // The local server trusts every role it knows, so a wrong password cannot fail; an unknown role does.
  it('AUTH_FAILED naming the role', async () => {
    const { api, dir } = loggedApi()
    const url = variant(serverUrlFor('postgres') ?? '', { user: 'rowboat_no_such_role', password: 'whatever-secret' })
    const answer = await invoke(api, 'connections.test', { url })
    const error = failure(answer)
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toContain('"rowboat_no_such_role"')
    expect(error.details?.driverCode).toBe('28000')
    expectNoSecret(answer, 'whatever-secret')
    await api.engine.shutdown()
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('SQLite files', () => {
  const { api, dir } = loggedApi()
  afterAll(async () => {
    await api.engine.shutdown()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a missing file: SQLITE_FILE_MISSING, and the test does not create it', async () => {
    const file = join(dir, 'absent.db')
    const error = failure(await invoke(api, 'connections.test', { url: `sqlite:${file}` }))
    expect(error.code).toBe('SQLITE_FILE_MISSING')
    expect(error.message).toContain(file)
    expect(existsSync(file)).toBe(false)
  })

  it('a relative path resolves against the base folder, and the hint says so', async () => {
    const error = failure(await invoke(api, 'connections.test', { url: 'sqlite:///data/app.db' }))
    expect(error.code).toBe('SQLITE_DIR_MISSING')
    expect(error.message).toContain(join(dir, 'data'))
    expect(error.hint).toContain(`relative paths resolve against ${dir}`)
  })

  it('a missing folder: SQLITE_DIR_MISSING', async () => {
    const error = failure(await invoke(api, 'connections.test', { url: `sqlite:${join(dir, 'nowhere', 'app.db')}` }))
    expect(error.code).toBe('SQLITE_DIR_MISSING')
    expect(existsSync(join(dir, 'nowhere'))).toBe(false)
  })

  it('a file of garbage: SQLITE_NOT_A_DATABASE', async () => {
    const file = join(dir, 'garbage.db')
    writeFileSync(file, 'This is a text file, not a database. '.repeat(50))
    const error = failure(await invoke(api, 'connections.test', { url: `sqlite:${file}` }))
    expect(error.code).toBe('SQLITE_NOT_A_DATABASE')
    expect(error.details?.driverCode).toBe('SQLITE_NOTADB (26)')
  })

  it('createDatabase makes the empty file once its resolved path is confirmed; the test then passes; a second create is refused', async () => {
    const file = join(dir, 'fresh.db')
    // The first answer shows the absolute path; nothing is created until exactly that path is confirmed.
    const asked = failure(await invoke(api, 'connections.createDatabase', { url: `sqlite:${file}` }))
    expect(asked).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { resolvedPath: join(realpathSync(dir), 'fresh.db') } })
    expect(existsSync(file)).toBe(false)
    expect(
      failure(await invoke(api, 'connections.createDatabase', { url: `sqlite:${file}`, confirmPath: join(realpathSync(dir), 'other.db') }))
        .code,
    ).toBe('CONFIRMATION_REQUIRED')
    expect(existsSync(file)).toBe(false)
    const made = await invoke(api, 'connections.createDatabase', { url: `sqlite:${file}`, confirmPath: asked.details?.resolvedPath })
    expect(made).toEqual({ ok: true, value: { statement: null, file: join(realpathSync(dir), 'fresh.db') } })
    expect(statSync(file).size).toBe(0)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const tested = await invoke(api, 'connections.test', { url: `sqlite:${file}` })
    expect(tested).toMatchObject({ ok: true, value: { dialect: 'sqlite', tableCount: 0, database: file } })
    const again = failure(await invoke(api, 'connections.createDatabase', { url: `sqlite:${file}` }))
    expect(again.code).toBe('DATABASE_EXISTS')
  })

  it('createDatabase in a missing folder: SQLITE_DIR_MISSING, and makes no folder', async () => {
    const error = failure(await invoke(api, 'connections.createDatabase', { url: `sqlite:${join(dir, 'nope', 'x.db')}` }))
    expect(error.code).toBe('SQLITE_DIR_MISSING')
    expect(existsSync(join(dir, 'nope'))).toBe(false)
  })
})
