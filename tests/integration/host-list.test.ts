/**
 * libpq's list of hosts (issue 13): `postgresql://h1:p1,h2:p2/db` tries each in order and uses the
 * first that answers. Against the shared PostgreSQL, with a port nothing listens on before it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { SessionInfo } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { freePort } from '../support/free-port'
import { serverUrlFor } from './harness'

const pgUrl = serverUrlFor('postgres')
if (!pgUrl && process.env.CI === 'true') throw new Error('CI must run this test: set TEST_PG_URL')

let api: Api
let dir = ''

describe.skipIf(!pgUrl)("PostgreSQL's list of hosts, tried in order", () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rowboat-hosts-'))
    api = createApi({ baseDir: dir })
  })
  afterAll(async () => {
    await api?.engine.shutdown()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** The shared server's URL with `before` (host:port entries) listed ahead of its own host. */
  const listed = (before: string[], after: string[] = []) => {
    const url = new URL(pgUrl!)
    return `postgresql://${url.username}@${[...before, url.host, ...after].join(',')}${url.pathname}`
  }

  it('connects to the first host that answers, after one that does not', async () => {
    const closed = await freePort()
    const tested = await api.router.invoke('connections.test', { url: listed([`127.0.0.1:${closed}`]) })
    expect(tested.ok, JSON.stringify(tested)).toBe(true)
    const opened = (await api.router.invoke('sessions.open', {
      url: listed([`127.0.0.1:${closed}`], ['127.0.0.1:1']),
    })) as Result<SessionInfo>
    if (!opened.ok) throw new Error(opened.error.message)
    const session = api.engine.sessions.get(opened.value.sessionId)
    expect(session.config.dialect === 'postgres' && [session.config.port, session.config.alternateHosts]).toEqual([
      Number(new URL(pgUrl!).port || 5432),
      undefined,
    ])
    await api.router.invoke('sessions.close', { sessionId: opened.value.sessionId })
  })

  it('names every host when none answers', async () => {
    const [a, b] = [await freePort(), await freePort()]
    const answer = await api.router.invoke('connections.test', { url: `postgresql://u@127.0.0.1:${a},127.0.0.1:${b}/db` })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('CONNECTION_REFUSED')
    expect(answer.error.message).toContain(`127.0.0.1:${a} (refused), 127.0.0.1:${b} (refused)`)
  })
})
