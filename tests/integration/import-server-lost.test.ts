/**
 * A PostgreSQL server stopped (fast shutdown, as an administrator's restart does) in the middle of
 * an import: the import must be diagnosed as a lost connection (CONNECTION_LOST, with the plain
 * diagnosis), the session must hear `sessions.lost`, and once the server is back the same session
 * must work again. The server is the test's own (tests/support/private-postgres.ts), never the
 * shared one. Under CI missing PostgreSQL binaries fail the file; elsewhere it skips saying why.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { rawQuery } from '../support/databases'
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres'

const unavailable = privatePostgresUnavailable()
if (unavailable && process.env.CI !== 'true') console.warn(`[rowboat tests] import with the server stopped skipped: ${unavailable}.`)

describe.skipIf(Boolean(unavailable) && process.env.CI !== 'true')('an import while the PostgreSQL server stops', () => {
  let server: PrivatePostgres
  let api: Api
  let dir = ''
  const events: Array<{ event: string; payload: unknown }> = []

  beforeAll(async () => {
    if (unavailable) throw new Error(`CI must run this test: ${unavailable}`)
    server = await startPrivatePostgres()
    dir = mkdtempSync(join(tmpdir(), 'rowboat-pg-lost-'))
    api = createApi({
      baseDir: dir,
      log: () => undefined,
      csvWorker: inject('csvWorker'),
      emit: (event, payload) => void events.push({ event, payload }),
    })
  }, 120_000)

  afterAll(async () => {
    await api?.engine.shutdown()
    await server?.destroy()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> =>
    (await api.router.invoke(channel, input)) as Result<OutputOf<C>>

  it('answers CONNECTION_LOST with sessions.lost, and the session works once the server is back', async () => {
    // Each INSERT into the table waits in a statement trigger, so the stop lands mid-import: the
    // test stops the server only once the import's statement is seen sleeping there.
    await rawQuery(
      'postgres',
      server.url,
      `CREATE TABLE target (id integer PRIMARY KEY, label text NOT NULL);
       CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$;
       CREATE TRIGGER hold BEFORE INSERT ON target FOR EACH STATEMENT EXECUTE FUNCTION hold();`,
    )
    const path = join(dir, 'rows.csv')
    writeFileSync(path, `id,label\n${Array.from({ length: 20_000 }, (_, i) => `${i + 1},row ${i + 1}`).join('\n')}\n`)

    const opened = await call('sessions.open', { url: server.url })
    if (!opened.ok) throw new Error(`${opened.error.message}\n${readFileSync(api.log.file, 'utf8')}`)
    const { sessionId } = opened.value
    const started = call('transfer.import', { sessionId, table: 'target', source: { file: api.files.grantRead(path).id }, jobId: 'lost' })

    const deadline = Date.now() + 20_000
    for (;;) {
      const sleeping = (await rawQuery(
        'postgres',
        server.url,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep'",
      )) as Array<{ n: number }>
      if (sleeping[0]?.n === 1) break
      if (Date.now() > deadline) throw new Error(`the import never reached the trigger\n${await server.log()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await server.stop('fast')

    const answer = await started
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('CONNECTION_LOST')
    expect(answer.error.message).toBe(
      `The connection to PostgreSQL at 127.0.0.1:${server.port} was lost: an administrator or the server ended it.`,
    )
    expect(answer.error.hint).toMatch(/reconnects on the next action/)
    expect(events.filter((e) => e.event === 'sessions.lost')).toEqual([
      { event: 'sessions.lost', payload: { sessionId, message: answer.error.message } },
    ])

    // While the server is down the session says so plainly.
    const down = await call('schema.tables', { sessionId })
    expect(down.ok).toBe(false)
    if (!down.ok) expect(down.error.code).toBe('CONNECTION_REFUSED')

    // Back up: the same session works, and the import left nothing behind.
    await server.start()
    await rawQuery('postgres', server.url, 'DROP TRIGGER hold ON target')
    const tables = await call('schema.tables', { sessionId })
    expect(tables.ok).toBe(true)
    expect(await rawQuery('postgres', server.url, 'SELECT count(*)::int AS n FROM target')).toEqual([{ n: 0 }])
    const again = await call('transfer.import', {
      sessionId,
      table: 'target',
      source: { file: api.files.grantRead(path).id },
      jobId: 'again',
    })
    expect(again.ok && again.value).toMatchObject({ outcome: 'committed', inserted: 20_000 })
  }, 120_000)
})
