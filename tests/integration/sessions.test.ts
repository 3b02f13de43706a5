/**
 * sessions.open / list / close through the router; several sessions at once; a connection the
 * server kills mid-query (CONNECTION_LOST, a sessions.lost event, then a working reconnect);
 * and shutdown closing every pool.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QueryTypes } from 'sequelize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import { inSession } from '../../src/main/engine/in-session'
import type { ChannelName, EventMap, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { rawQuery, serverUrlFor, withDatabase } from './harness'
import { failure } from './api-calls'

interface Harness {
  api: Api
  dir: string
  logs: string[]
  events: Array<{ event: string; payload: unknown }>
}

function makeApi(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-sessions-'))
  const logs: string[] = []
  const events: Harness['events'] = []
  const api = createApi({ baseDir: dir, log: (line) => logs.push(line), emit: (event, payload) => void events.push({ event, payload }) })
  return { api, dir, logs, events }
}

function invoke<C extends ChannelName>(api: Api, channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return api.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>
}

async function value<C extends ChannelName>(api: Api, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const answer = await invoke(api, channel, input)
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`)
  return answer.value
}

async function caught(work: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await work
  } catch (error) {
    return error as { code?: string; message?: string }
  }
  throw new Error('expected the work to fail')
}

const sqliteFile = (dir: string, name: string) => {
  const file = join(dir, name)
  writeFileSync(file, '')
  return file
}

describe('sessions', () => {
  let h: Harness
  beforeAll(() => {
    h = makeApi()
  })
  afterAll(async () => {
    await h.api.engine.shutdown()
    rmSync(h.dir, { recursive: true, force: true })
  })

  it('opens several at once (every available dialect), lists them, closes one', async () => {
    const urls = [`sqlite:${sqliteFile(h.dir, 'a.db')}`, `sqlite:${sqliteFile(h.dir, 'b.db')}`]
    const mysqlUrl = serverUrlFor('mysql')
    const pgUrl = serverUrlFor('postgres')
    if (mysqlUrl) urls.push(mysqlUrl)
    if (pgUrl) urls.push(pgUrl)

    const infos = await Promise.all(urls.map((url) => value(h.api, 'sessions.open', { url })))
    expect(new Set(infos.map((i) => i.sessionId)).size).toBe(urls.length)
    for (const info of infos) {
      expect(info.serverVersion).toMatch(/^\d+\.\d+/)
      expect(Date.parse(info.openedAt)).not.toBeNaN()
    }
    expect(infos[0]).toMatchObject({ dialect: 'sqlite', database: join(h.dir, 'a.db') })
    if (mysqlUrl) expect(infos.find((i) => i.dialect === 'mysql')?.database).toBe('test')
    if (pgUrl) expect(infos.find((i) => i.dialect === 'postgres')?.database).toBe('test')

    const listed = await value(h.api, 'sessions.list', {})
    expect(listed.map((i) => i.sessionId).sort()).toEqual(infos.map((i) => i.sessionId).sort())

    const [first, ...rest] = infos
    expect(await value(h.api, 'sessions.close', { sessionId: first.sessionId })).toEqual({ closed: true })
    expect((await value(h.api, 'sessions.list', {})).map((i) => i.sessionId).sort()).toEqual(rest.map((i) => i.sessionId).sort())
    // The others still work.
    for (const info of rest) {
      const rows = await inSession(h.api.engine, info.sessionId, (s) => s.sequelize.query('SELECT 1 AS one', { type: QueryTypes.SELECT }))
      expect(rows).toEqual([{ one: 1 }])
    }
    // The closed one is gone.
    const gone = await caught(inSession(h.api.engine, first.sessionId, async () => 'never runs'))
    expect(gone.code).toBe('SESSION_NOT_FOUND')
    expect(await value(h.api, 'sessions.close', { sessionId: first.sessionId })).toEqual({ closed: false })
    for (const info of rest) await value(h.api, 'sessions.close', { sessionId: info.sessionId })
  })

  it('masks the password in the display and never answers it', async () => {
    const pgUrl = serverUrlFor('postgres')
    const secret = 'Op3n-s3ss!on@pw'
    // SQLite has no password; PostgreSQL here trusts the role and ignores it, which is all we need.
    const url = pgUrl ? pgUrl.replace('postgres@', `postgres:${encodeURIComponent(secret)}@`) : `sqlite:${sqliteFile(h.dir, 'pw.db')}`
    const answer = await invoke(h.api, 'sessions.open', { url })
    expect(answer.ok).toBe(true)
    expect(JSON.stringify(answer)).not.toContain(secret)
    expect(JSON.stringify(answer)).not.toContain(encodeURIComponent(secret))
    if (pgUrl) {
      expect(answer.ok && answer.value.display).toContain('postgres:•••@127.0.0.1:5432/test')
      h.api.engine.log.error(`oops ${secret}`)
      expect(h.logs.join('\n')).not.toContain(secret)
    }
    if (answer.ok) await value(h.api, 'sessions.close', { sessionId: answer.value.sessionId })
  })

  it('a missing SQLite file: diagnosed, and not created', async () => {
    const file = join(h.dir, 'missing.db')
    const error = failure(await invoke(h.api, 'sessions.open', { url: `sqlite:${file}` }))
    expect(error.code).toBe('SQLITE_FILE_MISSING')
    expect(existsSync(file)).toBe(false)
    expect(await value(h.api, 'sessions.list', {})).toEqual([])
  })

  it.skipIf(!serverUrlFor('postgres'))('an unknown database: DATABASE_NOT_FOUND, no session left behind', async () => {
    const error = failure(await invoke(h.api, 'sessions.open', { url: withDatabase(serverUrlFor('postgres') ?? '', 'rowboat_absent_db') }))
    expect(error.code).toBe('DATABASE_NOT_FOUND')
    expect(error.details?.createStatement).toBe('CREATE DATABASE "rowboat_absent_db"')
    expect(await value(h.api, 'sessions.list', {})).toEqual([])
  })

  it.skipIf(!serverUrlFor('mysql'))('a closed port: CONNECTION_REFUSED', async () => {
    const url = (serverUrlFor('mysql') ?? '').replace('127.0.0.1:3306', '127.0.0.1:1')
    const error = failure(await invoke(h.api, 'sessions.open', { url }))
    expect(error.code).toBe('CONNECTION_REFUSED')
    expect(error.message).toContain('127.0.0.1:1')
  })
})

const KILLERS = {
  // Finds the backend running our sleep by its text, from a second, plain connection.
  mysql: {
    sleep: 'SELECT SLEEP(10)',
    kill: async (url: string) => {
      const rows = (await rawQuery(
        'mysql',
        url,
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(10)'",
      )) as Array<{ id: number }>
      for (const row of rows) await rawQuery('mysql', url, `KILL ${Number(row.id)}`)
      return rows.length
    },
  },
  postgres: {
    sleep: 'SELECT pg_sleep(10)',
    kill: async (url: string) => {
      const rows = await rawQuery(
        'postgres',
        url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)' AND application_name = 'Rowboat'",
      )
      return rows.length
    },
  },
} as const

for (const dialect of ['mysql', 'postgres'] as const) {
  const url = serverUrlFor(dialect)
  describe.skipIf(!url)(`a dropped connection [${dialect}]`, () => {
    let h: Harness
    beforeAll(() => {
      h = makeApi()
    })
    afterAll(async () => {
      await h.api.engine.shutdown()
      rmSync(h.dir, { recursive: true, force: true })
    })

    it('CONNECTION_LOST and a sessions.lost event; the next call reconnects', async () => {
      const { sessionId } = await value(h.api, 'sessions.open', { url: url ?? '' })
      const started = Date.now()
      const selectTwo = () => inSession(h.api.engine, sessionId, (s) => s.sequelize.query('SELECT 2 AS two', { type: QueryTypes.SELECT }))
      // The retry runs the moment the failure arrives (no pause): the pool must not hand back
      // the dead connection, even before the socket has finished closing.
      const sleeping = caught(inSession(h.api.engine, sessionId, (s) => s.sequelize.query(KILLERS[dialect].sleep))).then(async (error) => ({
        error,
        retry: await selectTwo().catch((e: unknown) => e),
      }))
      let killed = 0
      for (let tries = 0; killed === 0 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        killed = await KILLERS[dialect].kill(url ?? '')
      }
      expect(killed).toBe(1)
      const { error, retry } = await sleeping
      expect(Date.now() - started).toBeLessThan(9000)
      expect(error.code).toBe('CONNECTION_LOST')
      expect(error.message).toContain('127.0.0.1')
      expect(retry).toEqual([{ two: 2 }])

      const lost = h.events.filter((e) => e.event === 'sessions.lost')
      const expected: EventMap['sessions.lost'] = { sessionId, message: String(error.message) }
      expect(lost).toEqual([{ event: 'sessions.lost', payload: expected }])
      expect(await selectTwo()).toEqual([{ two: 2 }])
      expect((await value(h.api, 'sessions.list', {})).map((i) => i.sessionId)).toEqual([sessionId])
    })
  })
}

describe('shutdown', () => {
  it('closes every pool', async () => {
    const h = makeApi()
    const sqliteUrl = `sqlite:${sqliteFile(h.dir, 'shutdown.db')}`
    const urls = [sqliteUrl, serverUrlFor('mysql'), serverUrlFor('postgres')].filter((u): u is string => Boolean(u))
    const infos = await Promise.all(urls.map((url) => value(h.api, 'sessions.open', { url })))
    const sessions = infos.map((info) => h.api.engine.sessions.get(info.sessionId))

    // Each server session's backend, seen from the server; they must be gone after shutdown.
    const backends: Array<{ dialect: 'mysql' | 'postgres'; id: number }> = []
    for (const s of sessions) {
      if (s.config.dialect === 'sqlite') continue
      const sql = s.config.dialect === 'mysql' ? 'SELECT CONNECTION_ID() AS id' : 'SELECT pg_backend_pid() AS id'
      const [row] = await s.sequelize.query<{ id: number | string }>(sql, { type: QueryTypes.SELECT })
      backends.push({ dialect: s.config.dialect, id: Number(row.id) })
      expect(await backendAlive(s.config.dialect, Number(row.id))).toBe(true)
    }
    await sessions[0].sequelize.query('SELECT 1')

    await h.api.engine.shutdown()

    expect(await value(h.api, 'sessions.list', {})).toEqual([])
    for (const s of sessions) {
      const error = await caught(s.sequelize.query('SELECT 1'))
      expect(error.message).toMatch(/closed/)
    }
    for (const backend of backends) {
      let alive = true
      for (let tries = 0; alive && tries < 20; tries++) {
        alive = await backendAlive(backend.dialect, backend.id)
        if (alive) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(alive, `${backend.dialect} connection ${backend.id} still open`).toBe(false)
    }
    rmSync(h.dir, { recursive: true, force: true })
  })
})

async function backendAlive(dialect: 'mysql' | 'postgres', id: number): Promise<boolean> {
  const url = serverUrlFor(dialect) ?? ''
  const sql =
    dialect === 'mysql'
      ? `SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ${id}`
      : `SELECT pid FROM pg_stat_activity WHERE pid = ${id}`
  return (await rawQuery(dialect, url, sql)).length > 0
}
