import { answer, callsTo, deferred, emit, resetTransport } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MigrationRun, MigrationStatus } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { useMigrationsStore } from './migrations'

const ROWBOAT = { kind: 'rowboat' as const, folder: null, found: "Rowboat's sample schema", table: 'SequelizeMeta', canRun: true }
const status = (applied: string[], pending: string[]): MigrationStatus => ({
  source: ROWBOAT,
  migrations: [
    ...applied.map((name) => ({ name, state: 'applied' as const, appliedAt: null })),
    ...pending.map((name) => ({ name, state: 'pending' as const, appliedAt: null })),
  ],
  current: applied.at(-1) ?? null,
  ownership: { managed: true },
})
const session = (id = 's') => useMigrationsStore.getState().sessions[id]
const steps = () => session()?.run?.steps.map((step) => `${step.name}:${step.state}`)
const progress = (name: string, phase: 'start' | 'done' | 'failed', sessionId = 's') =>
  emit('migrations.progress', { sessionId, direction: 'up', name, phase, index: 0, total: 2 })

beforeEach(() => {
  resetTransport()
  useMigrationsStore.setState({ sessions: {}, lastRunAt: 0 })
})

describe('migrations store', () => {
  it('switches the source to a granted project folder, shows its status, and drops the old run report', async () => {
    const project = {
      ...status([], ['20240101-a.js']),
      source: {
        kind: 'sequelize' as const,
        folder: 'app',
        found: 'sequelize-cli migrations in migrations, 1 files',
        table: 'SequelizeMeta',
        canRun: true,
      },
    }
    answer('migrations.setSource', () => project)
    useMigrationsStore.setState({
      sessions: {
        s: {
          status: status(['m1'], []),
          loading: false,
          loadError: null,
          run: null,
          outcome: { kind: 'success', direction: 'up', ran: ['m1'], output: null },
        },
      },
    })
    await useMigrationsStore.getState().setSource('s', { kind: 'folder', folder: 'handle-of-the-folder-0001' })
    expect(callsTo('migrations.setSource')).toEqual([{ sessionId: 's', source: { kind: 'folder', folder: 'handle-of-the-folder-0001' } }])
    expect(session()).toMatchObject({ status: project, outcome: null })
    // A refusal (a folder with no migrations it knows) reaches the caller, and the shown status stays.
    answer('migrations.setSource', () => {
      throw new AppError({ code: 'INVALID_INPUT', message: 'Rowboat found no migrations it knows in that folder.' })
    })
    await expect(
      useMigrationsStore.getState().setSource('s', { kind: 'folder', folder: 'handle-of-the-folder-0002' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(session()?.status).toEqual(project)
  })

  it('loads the status of a session, and keeps a failure to show', async () => {
    answer('migrations.status', () => status(['m1'], ['m2']))
    await useMigrationsStore.getState().load('s')
    expect(session()).toMatchObject({ loading: false, loadError: null, status: status(['m1'], ['m2']) })
    answer('migrations.status', () => {
      throw new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    })
    await useMigrationsStore.getState().load('s')
    expect(session()).toMatchObject({ loading: false, loadError: { code: 'CONNECTION_LOST' }, status: status(['m1'], ['m2']) })
  })

  it('shows each planned step move along with the progress events, then the outcome', async () => {
    const done = deferred<MigrationRun>()
    answer('migrations.up', () => done.promise)
    const run = useMigrationsStore.getState().run('s', 'up', undefined, ['m1', 'm2'])
    expect(steps()).toEqual(['m1:waiting', 'm2:waiting'])
    progress('m1', 'start')
    expect(steps()).toEqual(['m1:running', 'm2:waiting'])
    progress('m1', 'done')
    progress('m2', 'start')
    // Events of another session's run are not ours.
    progress('m2', 'done', 'other')
    expect(steps()).toEqual(['m1:done', 'm2:running'])
    // Another runner may have added a migration since the plan: it shows as it runs.
    progress('m3', 'start')
    expect(steps()).toEqual(['m1:done', 'm2:running', 'm3:running'])

    // A second run of the same session waits for this one.
    await useMigrationsStore.getState().run('s', 'up', undefined, ['m1'])
    expect(callsTo('migrations.up')).toHaveLength(1)

    done.resolve({ direction: 'up', ran: ['m1', 'm2', 'm3'], status: status(['m1', 'm2', 'm3'], []) })
    await run
    expect(session()).toMatchObject({
      run: null,
      status: status(['m1', 'm2', 'm3'], []),
      outcome: { kind: 'success', direction: 'up', ran: ['m1', 'm2', 'm3'] },
    })
    expect(useMigrationsStore.getState().lastRunAt).toBeGreaterThan(0)
    // Late events after the run ended change nothing.
    progress('m3', 'done')
    expect(session()?.run).toBeNull()
  })

  it('a failed run reads the real state and says what completed, which migration failed and whether it is half applied', async () => {
    answer('migrations.down', () => {
      throw new AppError({ code: 'MIGRATION_FAILED', message: 'no', details: { migration: 'm2', partiallyApplied: true } })
    })
    // m3 was reverted, m2 failed, m1 never ran.
    answer('migrations.status', () => status(['m1', 'm2'], ['m3']))
    await useMigrationsStore.getState().run('s', 'down', 'm1', ['m3', 'm2', 'm1'])
    expect(session()?.outcome).toMatchObject({
      kind: 'failure',
      direction: 'down',
      migration: 'm2',
      partiallyApplied: true,
      completed: ['m3'],
    })
    expect(session()?.run).toBeNull()
    expect(session()?.status).toEqual(status(['m1', 'm2'], ['m3']))
  })

  it('every run, even a failed one, moves lastRunAt forward (the sidebar reloads on it)', async () => {
    answer('migrations.up', () => {
      throw new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    })
    answer('migrations.status', () => status([], ['m1']))
    useMigrationsStore.setState({ lastRunAt: Number.MAX_SAFE_INTEGER - 1 })
    await useMigrationsStore.getState().run('s', 'up', undefined, ['m1'])
    expect(useMigrationsStore.getState().lastRunAt).toBe(Number.MAX_SAFE_INTEGER)
    expect(session()?.outcome).toMatchObject({ kind: 'failure', migration: null, partiallyApplied: false, completed: [] })
  })

  it("gathers the tool's lines into the run as they come; Cancel asks the engine, and the run ends cancelled with the state read back", async () => {
    const done = deferred<MigrationRun>()
    answer('migrations.up', () => done.promise)
    answer('migrations.cancel', () => ({ cancelled: true }))
    answer('migrations.status', () => status(['r1'], ['r2']))
    const run = useMigrationsStore.getState().run('s', 'up', undefined, ['r1', 'r2'])
    emit('migrations.output', { sessionId: 's', stream: 'stderr', line: 'Running upgrade  -> r1' })
    emit('migrations.output', { sessionId: 'other', stream: 'stderr', line: 'not ours' })
    emit('migrations.output', { sessionId: 's', stream: 'stderr', line: 'Running upgrade r1 -> r2' })
    expect(session()?.run?.output).toEqual(['Running upgrade  -> r1', 'Running upgrade r1 -> r2'])

    await useMigrationsStore.getState().cancel('s')
    expect(callsTo('migrations.cancel')).toEqual([{ sessionId: 's' }])
    expect(session()?.run?.cancelling).toBe(true)
    // A second press while it stops asks nothing more.
    await useMigrationsStore.getState().cancel('s')
    expect(callsTo('migrations.cancel')).toHaveLength(1)

    done.reject(new AppError({ code: 'CANCELLED', message: 'Cancelled', details: { migration: 'r2', partiallyApplied: true } }))
    await run
    expect(session()?.outcome).toMatchObject({
      kind: 'failure',
      cancelled: true,
      migration: 'r2',
      completed: ['r1'],
      output: 'Running upgrade  -> r1\nRunning upgrade r1 -> r2',
    })
    expect(session()?.status).toEqual(status(['r1'], ['r2']))
  })
})
