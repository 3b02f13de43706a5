/**
 * Relative SQLite URLs and the folder they resolve in (issue 10, item 7), through the router:
 * `sqlite:///app.db` in a Flask project lives in `instance/app.db` (Flask-SQLAlchemy 3), not in
 * Rowboat's working folder.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { failure } from './api-calls'

function invoke<C extends ChannelName>(api: Api, channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return api.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.value
}

async function databaseWith(file: string, table: string): Promise<void> {
  const db = new sqlite3.Database(file)
  await new Promise<void>((done, fail) => db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`, (e) => (e ? fail(e) : done())))
  await new Promise<void>((done) => db.close(() => done()))
}

describe('relative SQLite paths and the folder for them', () => {
  let root: string
  let engineDir: string
  let flask: string
  let plain: string
  let api: Api

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-relative-')))
    engineDir = join(root, 'engine')
    flask = join(root, 'project')
    plain = join(root, 'plain')
    for (const dir of [engineDir, join(flask, 'instance'), plain]) mkdirSync(dir, { recursive: true })
    await databaseWith(join(flask, 'instance', 'app.db'), 'flask_users')
    await databaseWith(join(plain, 'app.db'), 'plain_a')
    api = createApi({ baseDir: engineDir, log: () => undefined })
  })
  afterAll(async () => {
    await api.engine.shutdown()
    rmSync(root, { recursive: true, force: true })
  })

  it('without a folder: the diagnosis names the absolute path under the engine base folder', async () => {
    const error = failure(await invoke(api, 'connections.test', { url: 'sqlite:///app.db' }))
    expect(error.code).toBe('SQLITE_FILE_MISSING')
    expect(error.message).toContain(join(engineDir, 'app.db'))
    expect(error.details?.address).toBe(join(engineDir, 'app.db'))
  })

  it('with the Flask project folder: connects to instance/app.db and says so', async () => {
    const relativeFolder = api.files.grantFolder(flask).id
    const tested = value(await invoke(api, 'connections.test', { url: 'sqlite:///app.db', relativeFolder }))
    expect(tested.resolvedPath).toBe(join(flask, 'instance', 'app.db'))
    expect(tested.pathNote).toContain('found in the Flask instance folder')
    expect(tested.tableCount).toBe(1)
    const session = value(await invoke(api, 'sessions.open', { url: 'sqlite:///app.db', relativeFolder }))
    const tables = value(await invoke(api, 'schema.tables', { sessionId: session.sessionId }))
    expect(JSON.stringify(tables)).toContain('flask_users')
    await invoke(api, 'sessions.close', { sessionId: session.sessionId })
    expect(existsSync(join(flask, 'app.db'))).toBe(false)
  })

  it('with a folder holding app.db itself: that file, with no note', async () => {
    const relativeFolder = api.files.grantFolder(plain).id
    const tested = value(await invoke(api, 'connections.test', { url: 'sqlite:///app.db', relativeFolder }))
    expect(tested.resolvedPath).toBe(join(plain, 'app.db'))
    expect(tested.pathNote).toBeUndefined()
    expect(tested.tableCount).toBe(1)
  })

  it('an unknown folder grant is refused, not silently replaced by the base folder', async () => {
    const error = failure(await invoke(api, 'connections.test', { url: 'sqlite:///app.db', relativeFolder: 'x'.repeat(24) }))
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'relativeFolder' })
  })

  it('createDatabase with the folder asks to confirm the path in that folder, and creates it there only', async () => {
    const relativeFolder = api.files.grantFolder(flask).id
    const url = 'sqlite:///new.db'
    const asked = failure(await invoke(api, 'connections.createDatabase', { url, relativeFolder }))
    expect(asked).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { resolvedPath: join(flask, 'new.db') } })
    expect(existsSync(join(flask, 'new.db'))).toBe(false)
    const made = value(await invoke(api, 'connections.createDatabase', { url, relativeFolder, confirmPath: join(flask, 'new.db') }))
    expect(made).toEqual({ statement: null, file: join(flask, 'new.db') })
    expect(existsSync(join(flask, 'new.db'))).toBe(true)
    expect(existsSync(join(engineDir, 'new.db'))).toBe(false)
    expect(existsSync(join(flask, 'instance', 'new.db'))).toBe(false)
  })

  it('a saved connection keeps the folder: the list shows it, opening uses it, and null forgets it', async () => {
    const saved = value(
      await invoke(api, 'connections.save', {
        name: 'flask app',
        url: 'sqlite:///app.db',
        relativeFolder: api.files.grantFolder(flask).id,
      }),
    )
    expect(saved.relativeFolder).toBe(flask)
    const listed = value(await invoke(api, 'connections.list', {})).connections.find((c) => c.id === saved.id)
    expect(listed?.relativeFolder).toBe(flask)
    const session = value(await invoke(api, 'connections.open', { id: saved.id }))
    expect(JSON.stringify(value(await invoke(api, 'schema.tables', { sessionId: session.sessionId })))).toContain('flask_users')
    await invoke(api, 'sessions.close', { sessionId: session.sessionId })
    // Testing the edited saved connection uses the folder it keeps, so Test and Connect agree.
    const tested = value(await invoke(api, 'connections.test', { url: 'sqlite:///app.db', relativeFolderOf: saved.id }))
    expect(tested.resolvedPath).toBe(join(flask, 'instance', 'app.db'))
    const both = { url: 'sqlite:///app.db', relativeFolderOf: saved.id, relativeFolder: api.files.grantFolder(plain).id }
    expect(failure(await invoke(api, 'connections.test', both)).code).toBe('INVALID_INPUT')
    const forgotten = value(await invoke(api, 'connections.update', { id: saved.id, relativeFolder: null }))
    expect(forgotten.relativeFolder).toBeUndefined()
    expect(failure(await invoke(api, 'connections.open', { id: saved.id })).code).toBe('SQLITE_FILE_MISSING')
  })
})
