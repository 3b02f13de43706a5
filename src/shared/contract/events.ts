/** Main → renderer events. Subscriptions return an unsubscribe function. */
export interface EventMap {
  'migrations.progress': {
    sessionId: string
    direction: 'up' | 'down'
    name: string
    phase: 'start' | 'done' | 'failed'
    index: number
    total: number
  }
  /** A line the project's own migration tool (Alembic) printed while it runs, as it printed it. */
  'migrations.output': { sessionId: string; stream: 'stdout' | 'stderr'; line: string }
  'sessions.lost': { sessionId: string; message: string }
  /** A running import or export, about every 250 ms, and once more when it ends. */
  'transfer.progress': {
    jobId: string
    kind: 'import' | 'export'
    phase: 'running' | 'done' | 'failed' | 'cancelled'
    rows: number
    /** Bytes read (import) or written (export). */
    bytes: number
    /** Import: the file's size; export: null. */
    totalBytes: number | null
    /** Export: the rows selected (the engine's estimate for a whole big table); import: null. */
    totalRows: number | null
    /** 0–100, or null while the total is unknown. */
    percent: number | null
    rowsPerSecond: number
    /** Seconds left at the current rate, or null while unknown. */
    etaSeconds: number | null
  }
}

export type EventName = keyof EventMap
export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void
