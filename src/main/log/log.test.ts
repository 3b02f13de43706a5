import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { maskPasswordIn } from '../../shared/connection-url'
import { createFileLog, LOG_FILE, type FileLogOptions } from './log'

// Characters that need encoding in a URL and escaping in JSON, so every form has to be caught.
const CANARY = 'Can4ry"pw\\/@:%'
const URL_CANARY = 'Url-canary-7f3e'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-log-'))
  dirs.push(dir)
  return dir
}

function openLog(options: Partial<FileLogOptions> = {}) {
  const dir = join(tempDir(), 'logs')
  return { dir, ...createFileLog({ dir, ...options }) }
}

/** Everything written to the folder, every rotated file included. */
function written(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('')
}

function expectNoCanary(text: string, canary: string): void {
  for (const form of [canary, encodeURIComponent(canary), JSON.stringify(canary).slice(1, -1)]) expect(text).not.toContain(form)
}

describe('log redaction', () => {
  it('never writes a password: in a URL, in a field at any depth, in an error message, stack or cause', async () => {
    // The engine's rule for the passwords it knows (KnownPasswords does this with maskPasswordIn).
    const log = openLog({ known: (text) => maskPasswordIn(text, CANARY) })
    const url = `postgres://app:${encodeURIComponent(URL_CANARY)}@db.example:5432/shop`
    log.logger.info(`connecting to ${url}`)
    log.logger.info({ target: url, dsn: `host=db password=${URL_CANARY} dbname=shop` }, 'fields')
    log.logger.info(
      { password: CANARY, user: { passphrase: CANARY, deep: { a: { b: { c: { password: URL_CANARY, dbPassword: URL_CANARY } } } } } },
      'secret fields',
    )
    log.logger.info({ headers: { Authorization: `Bearer ${URL_CANARY}` }, list: [{ token: URL_CANARY }] }, 'headers')
    const error = new Error(`auth failed for ${CANARY} at mysql://root:${URL_CANARY}@127.0.0.1/test`, {
      cause: new Error(`inner ${CANARY}`),
    })
    log.logger.error({ err: error, channel: 'sessions.open' }, 'unexpected')
    log.logger.error(error)
    log.logger.warn(`raw ${CANARY} in a message`)
    await log.close()

    const text = written(log.dir)
    expectNoCanary(text, CANARY)
    expectNoCanary(text, URL_CANARY)
    // The lines are there, with what is not secret kept.
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(7)
    expect(text).toContain('postgres://app:•••@db.example:5432/shop')
    expect(text).toContain('password=•••')
    expect(text).toContain('[Redacted]')
    const logged = lines[4]?.err as { type: string; message: string; stack: string; cause: { message: string } }
    expect(logged.type).toBe('Error')
    expect(logged.message).toBe('auth failed for ••• at mysql://root:•••@127.0.0.1/test')
    expect(logged.stack).toContain('log.test.ts')
    expect(logged.cause.message).toBe('inner •••')
  })

  it('keeps a driver error to its explanation: no bind values', async () => {
    const log = openLog()
    const error = Object.assign(new Error('insert failed'), {
      code: 'ER_DUP_ENTRY',
      sql: 'INSERT INTO t VALUES (?)',
      parameters: ['private-row-value'],
    })
    log.logger.error({ err: error }, 'unexpected')
    await log.close()
    const text = written(log.dir)
    expect(text).toContain('ER_DUP_ENTRY')
    expect(text).not.toContain('private-row-value')
  })
})

describe('log files', () => {
  it('rotates at the size cap and keeps the number of files asked for', async () => {
    const maxBytes = 2048
    const log = openLog({ maxBytes, files: 3 })
    const lines = 400
    for (let i = 0; i < lines; i++) log.logger.info({ i }, `line ${i} ${'x'.repeat(60)}`)
    await log.close()

    expect(readdirSync(log.dir).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`])
    const longest = Math.max(
      ...written(log.dir)
        .split('\n')
        .map((line) => line.length + 1),
    )
    for (const name of readdirSync(log.dir)) {
      // A file rotates once it reaches the cap, so it can pass it by at most the line that did it.
      expect(statSync(join(log.dir, name)).size).toBeLessThan(maxBytes + longest)
    }
    // The newest lines are kept, the oldest dropped.
    expect(written(log.dir)).toContain(`line ${lines - 1}`)
    expect(written(log.dir)).not.toContain('line 0 ')
  })

  it('makes the folder 0700 and every file 0600, also when the folder was already there', async () => {
    const dir = join(tempDir(), 'logs')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const log = createFileLog({ dir, maxBytes: 1024, files: 2 })
    for (let i = 0; i < 50; i++) log.logger.info(`line ${i} ${'y'.repeat(80)}`)
    await log.close()

    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const names = readdirSync(dir)
    expect(names).toContain(`${LOG_FILE}.1`)
    for (const name of names) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
  })

  it('writes debug lines only when the level asks for them, and says so when the level is unknown', async () => {
    const quiet = openLog()
    quiet.logger.debug('hidden')
    quiet.logger.info('shown')
    await quiet.close()
    expect(written(quiet.dir)).not.toContain('hidden')
    expect(written(quiet.dir)).toContain('shown')

    const chatty = openLog({ level: 'DEBUG' })
    chatty.logger.debug('visible')
    await chatty.close()
    expect(written(chatty.dir)).toContain('visible')

    const odd = openLog({ level: 'loud' })
    odd.logger.debug('hidden')
    await odd.close()
    expect(written(odd.dir)).toMatch(/Unknown log level; using info/)
    expect(written(odd.dir)).not.toContain('hidden')
  })
})
