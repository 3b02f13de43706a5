import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../../src/main/api'
import { prepareDataDir, SAMPLE_FILE } from '../../../src/main/host/first-start'
import { AppError } from '../../../src/shared/errors'
import type { ChannelName, InputOf, OutputOf } from '../../../src/shared/contract'
import { rawQuery } from '../harness'

const CANARY = 'canary-pw-51d0e'

describe('data folder on first and later starts', () => {
  let dir: string
  const apis: Api[] = []
  const logs: string[] = []

  async function start(env: NodeJS.ProcessEnv = {}) {
    const api = createApi({ baseDir: dir, dataDir: dir, log: (line) => logs.push(line) })
    apis.push(api)
    const first = await prepareDataDir(api, dir, env)
    const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
      const result = await api.router.invoke(channel, input)
      if (!result.ok) throw new AppError(result.error)
      return result.value as OutputOf<C>
    }
    return { api, first, call }
  }

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'rowboat-data-')), 'nested', 'Rowboat')
    logs.length = 0
  })
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.engine.shutdown()
    rmSync(join(dir, '..', '..'), { recursive: true, force: true })
  })

  it('creates the folder and a migrated sample database with realistic rows', async () => {
    const { first, call } = await start()
    expect(first.sampleCreated).toBe(true)
    expect(readdirSync(dir)).toContain(SAMPLE_FILE)

    const counts = await rawQuery(
      'sqlite',
      `sqlite:${first.samplePath}`,
      'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM notes) AS notes',
    )
    expect(counts).toEqual([{ users: 10, posts: 30, notes: 15 }])
    const orphans = await rawQuery(
      'sqlite',
      `sqlite:${first.samplePath}`,
      'SELECT COUNT(*) AS n FROM posts WHERE user_id NOT IN (SELECT id FROM users)',
    )
    expect(orphans).toEqual([{ n: 0 }])

    const list = await call('connections.list', {})
    expect(list.connections[0]).toMatchObject({ id: 'sample', name: 'Sample database', source: 'sample', dialect: 'sqlite' })
    const session = await call('connections.open', { id: 'sample' })
    const status = await call('migrations.status', { sessionId: session.sessionId })
    expect(status.migrations.every((m) => m.state === 'applied')).toBe(true)
  })

  it('offers the sample to the window once on the very first start only', async () => {
    const first = await start()
    expect(await first.call('app.startup', {})).toEqual({ open: 'sample' })
    // A reload or a second window: the connect screen.
    expect(await first.call('app.startup', {})).toEqual({ open: null })
    const second = await start()
    expect(await second.call('app.startup', {})).toEqual({ open: null })
  })

  it('offers nothing when DATABASE_URL names a database to prefer', async () => {
    const { call } = await start({ DATABASE_URL: 'postgres://app@db.example/app' })
    expect(await call('app.startup', {})).toEqual({ open: null })
  })

  it('keeps the sample and its edits on a second start', async () => {
    const { first } = await start()
    await rawQuery('sqlite', `sqlite:${first.samplePath}`, "UPDATE users SET bio = 'edited by a person' WHERE username = 'alice'")
    const second = await start()
    expect(second.first.sampleCreated).toBe(false)
    const rows = await rawQuery('sqlite', `sqlite:${first.samplePath}`, "SELECT bio FROM users WHERE username = 'alice'")
    expect(rows).toEqual([{ bio: 'edited by a person' }])
  })

  it('lists DATABASE_URL without saving it, and its password goes nowhere', async () => {
    const { call } = await start({ DATABASE_URL: `postgres://app:${CANARY}@127.0.0.1:1/shop` })
    const list = await call('connections.list', {})
    expect(list.connections.map((c) => c.name)).toEqual(['Sample database', 'From DATABASE_URL'])
    expect(list.connections[1]).toMatchObject({ source: 'environment', password: 'session', url: 'postgres://app@127.0.0.1:1/shop' })

    const failure = await (async () => call('connections.open', { id: 'environment', timeoutMs: 1000 }))().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).code).toBe('CONNECTION_REFUSED')

    // Every file of the data folder, the log among them.
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile())
    const everything = [
      JSON.stringify(list),
      JSON.stringify((failure as AppError).toData()),
      logs.join('\n'),
      ...files.map((f) => readFileSync(join(dir, f)).toString('latin1')),
    ].join('\n')
    expect(everything).not.toContain(CANARY)
    expect(readdirSync(dir)).not.toContain('connections.json')
  })

  it('says so when DATABASE_URL does not parse, and starts anyway', async () => {
    const { first, call } = await start({ DATABASE_URL: 'mongodb://x/y' })
    expect(first.messages.join('\n')).toMatch(/DATABASE_URL is set but not usable/)
    expect((await call('connections.list', {})).connections.map((c) => c.id)).toEqual(['sample'])
  })
})
