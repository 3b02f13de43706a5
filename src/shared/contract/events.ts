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
  'sessions.lost': { sessionId: string; message: string }
}

export type EventName = keyof EventMap
export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void
