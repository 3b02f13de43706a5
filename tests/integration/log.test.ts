/**
 * The log through the path both hosts use (createApi, router.invoke): an unexpected failure is
 * written under the id the user is shown, and each call leaves one debug line, never its input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApi, type Api, type ApiOptions } from '../../src/main/api'
import { handlers } from '../../src/main/api/handlers'
import { failure } from './api-calls'

const CANARY = 'Log-canary-pw-93b1'
const DATA_CANARY = 'row-value-canary-5c2d'

interface LogLine {
  level: number
  msg: string
  channel?: string
  ms?: number
  outcome?: string
  errorId?: string
  err?: { type: string; message: string; stack: string }
}

const apis: Array<{ api: Api; dir: string }> = []
afterEach(async () => {
  for (const { api, dir } of apis.splice(0)) {
    await api.engine.shutdown()
    await api.log.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

function start(options: Partial<ApiOptions> = {}): { api: Api; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-log-int-'))
  const made = { api: createApi({ baseDir: dir, ...options }), dir }
  apis.push(made)
  return made
}

/** The log file as written, once everything buffered has reached it. */
async function logLines(api: Api): Promise<LogLine[]> {
  await api.log.close()
  return readFileSync(api.log.file, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine)
}

describe('the log', () => {
  it('an unexpected failure: the user sees an id, and the log has the full error under it, masked', async () => {
    // A bug no real input provokes: a handler that throws something that is not an AppError.
    const { api, dir } = start({
      handlers: {
        ...handlers,
        'connections.list': async () => {
          throw new TypeError(`cannot read "rows" while talking to postgres://app:${CANARY}@db.example/shop`)
        },
      },
    })
    const error = failure(await api.router.invoke('connections.list', {}))
    expect(error.code).toBe('INTERNAL')
    expect(error.errorId).toMatch(/^[0-9a-f]{8}$/)
    const logFile = join(dir, 'logs', 'rowboat.log')
    expect(error.message).toBe(`Something went wrong inside Rowboat (error ${error.errorId}). The log at ${logFile} has the details.`)
    expect(JSON.stringify(error)).not.toContain(CANARY)
    expect(JSON.stringify(error)).not.toContain('TypeError')

    const entry = (await logLines(api)).find((line) => line.errorId === error.errorId)
    expect(entry).toMatchObject({ level: 50, channel: 'connections.list', err: { type: 'TypeError' } })
    expect(entry?.err?.stack).toContain('postgres://app:•••@db.example/shop')
    expect(entry?.err?.stack).toMatch(/log\.test\.ts/)
    expect(readFileSync(logFile, 'utf8')).not.toContain(CANARY)
  })

  it('two failures get two ids', async () => {
    const { api } = start({ handlers: { ...handlers, 'app.info': () => Promise.reject(new Error('again')) } })
    const first = failure(await api.router.invoke('app.info', {}))
    const second = failure(await api.router.invoke('app.info', {}))
    expect(first.errorId).not.toBe(second.errorId)
    const ids = (await logLines(api)).map((line) => line.errorId).filter(Boolean)
    expect(ids).toEqual([first.errorId, second.errorId])
  })

  it('at debug level, one line per call: channel, duration and outcome, never the input', async () => {
    const { api, dir } = start({ logLevel: 'debug' })
    expect((await api.router.invoke('app.info', {})).ok).toBe(true)
    const missing = failure(await api.router.invoke('sessions.open', { url: `sqlite:${join(dir, `${DATA_CANARY}.db`)}` }))
    expect(missing.code).toBe('SQLITE_FILE_MISSING')
    failure(await api.router.invoke('connections.save', { name: DATA_CANARY, url: 42 }))
    failure(await api.router.invoke('no.such', { password: CANARY }))

    const lines = await logLines(api)
    const calls = lines.filter((line) => line.msg === 'call')
    expect(calls.map(({ channel, outcome }) => ({ channel, outcome }))).toEqual([
      { channel: 'app.info', outcome: 'ok' },
      { channel: 'sessions.open', outcome: 'SQLITE_FILE_MISSING' },
      { channel: 'connections.save', outcome: 'INVALID_INPUT' },
      { channel: 'no.such', outcome: 'UNKNOWN_CHANNEL' },
    ])
    for (const call of calls) {
      expect(call.level).toBe(20)
      expect(call.ms).toBeGreaterThanOrEqual(0)
    }
    const text = readFileSync(api.log.file, 'utf8')
    expect(text).not.toContain(DATA_CANARY)
    expect(text).not.toContain(CANARY)
  })

  it('ROWBOAT_LOG_LEVEL turns the debug lines on; without it there are none', async () => {
    const before = process.env.ROWBOAT_LOG_LEVEL
    try {
      delete process.env.ROWBOAT_LOG_LEVEL
      const quiet = start().api
      await quiet.router.invoke('app.info', {})
      expect((await logLines(quiet)).filter((line) => line.msg === 'call')).toEqual([])

      process.env.ROWBOAT_LOG_LEVEL = 'debug'
      const chatty = start().api
      await chatty.router.invoke('app.info', {})
      expect((await logLines(chatty)).filter((line) => line.msg === 'call')).toHaveLength(1)
    } finally {
      if (before === undefined) delete process.env.ROWBOAT_LOG_LEVEL
      else process.env.ROWBOAT_LOG_LEVEL = before
    }
  })
})
