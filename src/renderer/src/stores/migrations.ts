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
  /** What the project's own tool (Alembic) has printed so far, line by line (the last OUTPUT_LINES). */
  output: string[]
  /** Cancel was pressed; the run answers once the tool has stopped and the state is read back. */
  cancelling: boolean
}

/** The most tool lines kept for a run in progress (the full output comes with the answer). */
const OUTPUT_LINES = 2000

/** How the last run ended; kept until the next run so the panel can show it after a remount. */
export type RunOutcome =
  | { kind: 'success'; direction: Direction; ran: string[]; output: string | null }
  | {
      kind: 'failure'
      direction: Direction
      error: unknown
      migration: string | null
      partiallyApplied: boolean
      completed: string[]
      /** Stopped by Cancel rather than by an error. */
      cancelled: boolean
      /** The tool's lines as they came, when a tool ran. */
      output: string | null
    }

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
  /** Alembic: checks and keeps the Python interpreter its tool runs with; throws its error (what is missing, the pip line). */
  setInterpreter(sessionId: string, interpreter: string): Promise<void>
  /** Writes an empty migration into the project folder; answers the files written, throws its error. */
  newMigration(sessionId: string, name: string): Promise<string[]>
  /** Runs the confirmed plan; `planned` are the names the confirmation showed, in order. */
  run(sessionId: string, direction: Direction, to: string | undefined, planned: string[]): Promise<void>
  /** Stops the running tool (Alembic); the run itself then ends as cancelled, with the state read back. */
  cancel(sessionId: string): Promise<void>
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

    async setInterpreter(sessionId, interpreter) {
      if (get().sessions[sessionId]?.run) return
      const status = await api.call('migrations.setInterpreter', { sessionId, interpreter })
      patch(sessionId, { status, loadError: null })
    },

    async newMigration(sessionId, name) {
      const made = await api.call('migrations.newMigration', { sessionId, name })
      patch(sessionId, { status: made.status })
      return made.created
    },

    async run(sessionId, direction, to, planned) {
      if (get().sessions[sessionId]?.run) return
      patch(sessionId, {
        outcome: null,
        run: { direction, steps: planned.map((name) => ({ name, state: 'waiting' })), output: [], cancelling: false },
      })
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
        const cancelled = error instanceof AppError && error.code === 'CANCELLED'
        const lines = get().sessions[sessionId]?.run?.output ?? []
        // Whatever happened, the list must show the state the database is really in now.
        await get().load(sessionId)
        // What completed is read from that state, not from progress events (which may still be on their way).
        const after = get().sessions[sessionId]?.status
        const done = (name: string) =>
          after?.migrations.some((m) => m.name === name && m.state === (direction === 'up' ? 'applied' : 'pending')) ?? false
        const completed = planned.filter((name) => name !== migration && done(name))
        const output = lines.length > 0 ? lines.join('\n') : null
        patch(sessionId, {
          run: null,
          outcome: { kind: 'failure', direction, error, migration, partiallyApplied, completed, cancelled, output },
        })
      } finally {
        set((state) => ({ lastRunAt: Math.max(Date.now(), state.lastRunAt + 1) }))
      }
    },

    async cancel(sessionId) {
      const current = get().sessions[sessionId]
      if (!current?.run || current.run.cancelling) return
      patch(sessionId, { run: { ...current.run, cancelling: true } })
      const answer = await api.call('migrations.cancel', { sessionId }).catch(() => ({ cancelled: false }))
      // Nothing was running any more (it had just ended): the run's own answer tells how it ended.
      const after = get().sessions[sessionId]
      if (!answer.cancelled && after?.run) patch(sessionId, { run: { ...after.run, cancelling: false } })
    },
  }
})

/** The tool's lines join the run they belong to, as they come. */
subscribe('migrations.output', ({ sessionId, line }) => {
  const current = useMigrationsStore.getState().sessions[sessionId]
  if (!current?.run) return
  const output = [...current.run.output, line].slice(-OUTPUT_LINES)
  useMigrationsStore.setState((s) => ({ sessions: { ...s.sessions, [sessionId]: { ...current, run: { ...current.run!, output } } } }))
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
