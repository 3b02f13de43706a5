/**
 * Main → renderer events over either transport: the preload's `rowboatEvents` in Electron, or
 * the browser host's event stream (one shared fetch stream, reconnected if it drops).
 */
import type { EventMap, EventName } from '../../shared/contract'
import { browserToken } from './api'

type Listener = (payload: unknown) => void
const listeners = new Map<EventName, Set<Listener>>()
let streaming = false

export function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  if (window.rowboatEvents) return window.rowboatEvents.on(event, listener)
  const set = listeners.get(event) ?? new Set<Listener>()
  set.add(listener as Listener)
  listeners.set(event, set)
  if (!streaming) void stream()
  return () => set.delete(listener as Listener)
}

function dispatch(frame: string): void {
  const data = frame
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .join('\n')
  if (!data) return
  const { event, payload } = JSON.parse(data) as { event: EventName; payload: unknown }
  listeners.get(event)?.forEach((listener) => listener(payload))
}

async function stream(): Promise<void> {
  streaming = true
  const token = browserToken()
  if (!token) return
  for (let attempt = 0; attempt < 1000; attempt++) {
    try {
      const response = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` } })
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`)
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch {
      // The host restarted or the network blipped: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** Math.min(attempt, 5))))
  }
}
