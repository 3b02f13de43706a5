import { create } from 'zustand'
import type { InputOf, MigrationStatus } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { api } from '../api'
import { subscribe } from '../events'

export type Direction = 'up' | 'down'
export type StepState = 'waiting' | 'running' | 'done' | 'failed'

/** A run in progress: the planned migrations in order and how far each has got. */
export interface RunProgress {
  direction: Direction
  steps: Array<{ name: string; state: StepState }>
}

/** How the last run ended; kept until the next run so the panel can show it after a remount. */
export type RunOutcome =
  | { kind: 'success'; direction: Direction; ran: string[]; output: string | null }
  | { kind: 'failure'; direction: Direction; error: unknown; migration: string | null; partiallyApplied: boolean; completed: string[] }

export interface SessionMigrations {
  status: MigrationStatus | null
  loading: boolean
  loadError: unknown
  run: RunProgress | null
  outcome: RunOutcome | null
}

interface MigrationsState {
  /** Per session, so a run keeps its progress when the user looks elsewhere and comes back. */
  sessions: Record<string, SessionMigrations>
  /** Bumped after every run, successful or not: the tables sidebar reloads on it. */
  lastRunAt: number
  load(sessionId: string): Promise<void>
  /** Chooses where this connection's migrations come from (Rowboat's set, or a granted project folder); throws its error. */
  setSource(sessionId: string, source: InputOf<'migrations.setSource'>['source']): Promise<void>
  /** Writes an empty migration into the project folder; answers the files written, throws its error. */
  newMigration(sessionId: string, name: string): Promise<string[]>
  /** Runs the confirmed plan; `planned` are the names the confirmation showed, in order. */
  run(sessionId: string, direction: Direction, to: string | undefined, planned: string[]): Promise<void>
}

const EMPTY: SessionMigrations = { status: null, loading: false, loadError: null, run: null, outcome: null }

export const useMigrationsStore = create<MigrationsState>((set, get) => {
  const patch = (sessionId: string, change: Partial<SessionMigrations>) =>
    set((state) => ({ sessions: { ...state.sessions, [sessionId]: { ...(state.sessions[sessionId] ?? EMPTY), ...change } } }))

  return {
    sessions: {},
    lastRunAt: 0,

    async load(sessionId) {
      patch(sessionId, { loading: true, loadError: null })
      try {
        const status = await api.call('migrations.status', { sessionId })
        patch(sessionId, { status, loading: false })
      } catch (error) {
        patch(sessionId, { loading: false, loadError: error })
      }
    },

    async setSource(sessionId, source) {
      if (get().sessions[sessionId]?.run) return
      const status = await api.call('migrations.setSource', { sessionId, source })
      // A new source: the last run's report belonged to the old one.
      patch(sessionId, { status, loadError: null, outcome: null })
    },

    async newMigration(sessionId, name) {
      const made = await api.call('migrations.newMigration', { sessionId, name })
      patch(sessionId, { status: made.status })
      return made.created
    },

    async run(sessionId, direction, to, planned) {
      if (get().sessions[sessionId]?.run) return
      patch(sessionId, { outcome: null, run: { direction, steps: planned.map((name) => ({ name, state: 'waiting' })) } })
      try {
        const result =
          direction === 'up' ? await api.call('migrations.up', { sessionId, to }) : await api.call('migrations.down', { sessionId, to })
        patch(sessionId, {
          run: null,
          status: result.status,
          outcome: { kind: 'success', direction, ran: result.ran, output: result.output ?? null },
        })
      } catch (error) {
        const migration = error instanceof AppError ? (error.details?.migration ?? null) : null
        const partiallyApplied = error instanceof AppError && error.details?.partiallyApplied === true
        // Whatever happened, the list must show the state the database is really in now.
        await get().load(sessionId)
        // What completed is read from that state, not from progress events (which may still be on their way).
        const after = get().sessions[sessionId]?.status
        const done = (name: string) =>
          after?.migrations.some((m) => m.name === name && m.state === (direction === 'up' ? 'applied' : 'pending')) ?? false
        const completed = planned.filter((name) => name !== migration && done(name))
        patch(sessionId, { run: null, outcome: { kind: 'failure', direction, error, migration, partiallyApplied, completed } })
      } finally {
        set((state) => ({ lastRunAt: Math.max(Date.now(), state.lastRunAt + 1) }))
      }
    },
  }
})

/** Progress events move the matching step along; events for a run we are not showing are ignored. */
subscribe('migrations.progress', ({ sessionId, name, phase }) => {
  const current = useMigrationsStore.getState().sessions[sessionId]
  if (!current?.run) return
  const state: StepState = phase === 'start' ? 'running' : phase
  const known = current.run.steps.some((step) => step.name === name)
  // Another runner may have changed what is pending since the plan; show what really runs.
  const steps = known
    ? current.run.steps.map((step) => (step.name === name ? { ...step, state } : step))
    : [...current.run.steps, { name, state }]
  useMigrationsStore.setState((s) => ({ sessions: { ...s.sessions, [sessionId]: { ...current, run: { ...current.run!, steps } } } }))
})

export const useSessionMigrations = (sessionId: string): SessionMigrations =>
  useMigrationsStore((state) => state.sessions[sessionId] ?? EMPTY)
