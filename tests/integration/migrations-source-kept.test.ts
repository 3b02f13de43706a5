/**
 * The migration source chosen for a saved connection is kept with it in the data folder
 * (connections.json: the granted folder's path, the kind, Alembic's interpreter), so a restart
 * (a new Api over the same data folder) shows the same source; a folder that has gone is said plainly.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApi, type Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'
import { describeDialects, type DialectContext } from './harness'

const FLASK_PROJECT = resolve(__dirname, '../fixtures/flask-project')

describeDialects('the migration source kept with a saved connection across restarts', (t: DialectContext) => {
  let dataDir = ''
  let project = ''
  let api: Api | null = null
  let savedId = ''

  const result = <C extends ChannelName>(channel: C, input: InputOf<C>) =>
    api!.router.invoke(channel, input) as Promise<Result<OutputOf<C>>>
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const answer = await result(channel, input)
    if (!answer.ok) throw new AppError(answer.error)
    return answer.value
  }
  /** Quits the running Api (if any) and starts a new one over the same data folder, as a restart does. */
  const restart = async () => {
    await api?.engine.shutdown()
    await api?.log.close()
    api = createApi({ baseDir: dataDir, log: () => undefined })
  }
  const openSaved = async () => (await call('connections.open', { id: savedId })).sessionId
  const stored = () =>
    (
      JSON.parse(readFileSync(join(dataDir, 'connections.json'), 'utf8')) as {
        connections: Array<{ id: string; migrationSource?: unknown }>
      }
    ).connections.find((c) => c.id === savedId)?.migrationSource

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rowboat-kept-source-'))
    project = join(realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-kept-project-'))), 'shop-app')
    mkdirSync(join(project, 'db', 'migrations'), { recursive: true })
    writeFileSync(join(project, 'db', 'migrations', '000001_create_shops.up.sql'), 'CREATE TABLE shops (id INTEGER PRIMARY KEY);\n')
    writeFileSync(join(project, 'db', 'migrations', '000001_create_shops.down.sql'), 'DROP TABLE shops;\n')
    await restart()
    savedId = (await call('connections.save', { name: 'Shop', url: t.url })).id
  })

  afterAll(async () => {
    await api?.engine.shutdown()
    await api?.log.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(resolve(project, '..'), { recursive: true, force: true })
  })

  it('a project folder chosen for the saved connection is the source again after a restart', async () => {
    const sessionId = await openSaved()
    expect((await call('migrations.status', { sessionId })).source.kind).toBe('rowboat')
    const chosen = await call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: api!.files.grantFolder(project).id } })
    expect(chosen.source).toMatchObject({ kind: 'sql', folder: 'shop-app', canRun: true })
    expect(stored()).toEqual({ folder: project, kind: 'sql' })

    await restart()
    const again = await call('migrations.status', { sessionId: await openSaved() })
    expect(again.source).toEqual(chosen.source)
    expect(again.migrations.map((m) => [m.name, m.state])).toEqual([['000001_create_shops', 'pending']])
  })

  it('an Alembic project keeps the interpreter that runs its tool', async () => {
    const flask = join(resolve(project, '..'), 'flask-app')
    cpSync(FLASK_PROJECT, flask, { recursive: true })
    const sessionId = await openSaved()
    await call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: api!.files.grantFolder(flask).id } })
    expect(stored()).toEqual({ folder: flask, kind: 'alembic', interpreter: '/usr/bin/python3' })
    await restart()
    const again = await call('migrations.status', { sessionId: await openSaved() })
    expect(again.source).toMatchObject({ kind: 'alembic', folder: 'flask-app', canRun: true })
    expect(again.source.found).toMatch(/run with \/usr\/bin\/python3$/)
    expect(again.migrations).toHaveLength(4)
    rmSync(flask, { recursive: true, force: true })
  })

  it('the interpreter the user names is checked before it is kept: a bad path, a Python without the tool, then /usr/bin/python3', async () => {
    const root = resolve(project, '..')
    const flask = join(root, 'flask-interp')
    cpSync(FLASK_PROJECT, flask, { recursive: true })
    // A virtualenv without the system's packages: it runs Python, but cannot import flask_migrate.
    const bare = join(root, 'bare-venv')
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', bare])
    const sessionId = await openSaved()
    await call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: api!.files.grantFolder(flask).id } })

    const missing = await result('migrations.setInterpreter', { sessionId, interpreter: join(root, 'no-such-python') })
    expect(missing.ok).toBe(false)
    if (!missing.ok)
      expect(missing.error).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'interpreter',
        message: `There is no file at ${join(root, 'no-such-python')}.`,
      })
    const folder = await result('migrations.setInterpreter', { sessionId, interpreter: bare })
    if (!folder.ok) expect(folder.error).toMatchObject({ code: 'INVALID_INPUT', message: `${bare} is not a file.` })
    const relative = await result('migrations.setInterpreter', { sessionId, interpreter: 'python3; rm -rf /' })
    if (!relative.ok) expect(relative.error).toMatchObject({ code: 'INVALID_INPUT', message: 'python3; rm -rf / is not an absolute path.' })
    expect([folder.ok, relative.ok]).toEqual([false, false])

    const withoutTool = await result('migrations.setInterpreter', { sessionId, interpreter: join(bare, 'bin', 'python') })
    expect(withoutTool.ok).toBe(false)
    if (!withoutTool.ok) {
      expect(withoutTool.error.code).toBe('INVALID_INPUT')
      expect(withoutTool.error.message).toMatch(
        /\(Python 3\.[\d.]+\) cannot import flask_migrate, which this project's migrations run with\.$/,
      )
      expect(withoutTool.error.hint).toBe(`Install it into that interpreter: ${join(bare, 'bin', 'python')} -m pip install Flask-Migrate`)
    }
    // Nothing refused was kept.
    expect(stored()).toEqual({ folder: flask, kind: 'alembic', interpreter: '/usr/bin/python3' })

    const venvPython = join(flask, '.venv', 'bin', 'python')
    mkdirSync(join(flask, '.venv', 'bin'), { recursive: true })
    symlinkSync('/usr/bin/python3', venvPython)
    const chosen = await call('migrations.setInterpreter', { sessionId, interpreter: venvPython })
    expect(chosen.source).toMatchObject({ kind: 'alembic', canRun: true, interpreter: venvPython })
    expect(stored()).toEqual({ folder: flask, kind: 'alembic', interpreter: venvPython })
    await restart()
    expect((await call('migrations.status', { sessionId: await openSaved() })).source.interpreter).toBe(venvPython)
    const back = await call('migrations.setInterpreter', { sessionId: await openSaved(), interpreter: '/usr/bin/python3' })
    expect(back.source.interpreter).toBe('/usr/bin/python3')
    rmSync(flask, { recursive: true, force: true })
    rmSync(bare, { recursive: true, force: true })
  })

  it('a kept folder that no longer exists is said plainly, and nothing runs from it', async () => {
    let sessionId = await openSaved()
    await call('migrations.setSource', { sessionId, source: { kind: 'folder', folder: api!.files.grantFolder(project).id } })
    const moved = `${project}-moved`
    renameSync(project, moved)
    try {
      await restart()
      sessionId = await openSaved()
      const status = await call('migrations.status', { sessionId })
      expect(status.source).toMatchObject({ kind: 'sql', folder: 'shop-app', canRun: false })
      expect(status.source.problem).toBe(
        `The project folder ${project}, chosen for this connection's migrations, no longer exists (it was moved, renamed or deleted).`,
      )
      expect(status.migrations).toEqual([])
      const refused = await result('migrations.up', { sessionId })
      expect(refused.ok).toBe(false)
      if (!refused.ok) expect(refused.error).toMatchObject({ code: 'NOT_FOUND', message: status.source.problem })
    } finally {
      renameSync(moved, project)
    }
  })

  it("choosing Rowboat's sample schema forgets the folder; a pasted URL's choice is never written", async () => {
    const sessionId = await openSaved()
    await call('migrations.setSource', { sessionId, source: { kind: 'rowboat' } })
    expect(stored()).toBeUndefined()
    await restart()
    expect((await call('migrations.status', { sessionId: await openSaved() })).source.kind).toBe('rowboat')

    const pasted = (await call('sessions.open', { url: t.url })).sessionId
    const chosen = await call('migrations.setSource', {
      sessionId: pasted,
      source: { kind: 'folder', folder: api!.files.grantFolder(project).id },
    })
    expect(chosen.source.kind).toBe('sql')
    expect(stored()).toBeUndefined()
    expect(readFileSync(join(dataDir, 'connections.json'), 'utf8')).not.toContain(project)
  })
})
