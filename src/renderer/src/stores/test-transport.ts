/**
 * For store tests only: a stand-in for the preload's `window.rowboat` and `window.rowboatEvents`,
 * the transport under the renderer's one API client. Each test says what a channel answers (a
 * value, an AppError, or a promise it settles later to play answers out of order); the real client
 * (api.ts) still wraps and unwraps every answer as a Result, so stores see what they see in the app.
 *
 * Import it before any store: stores subscribe to events when their module loads.
 */
import type { ChannelName, EventMap, EventName, InputOf, OutputOf, RowboatApi } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Result } from '../../../shared/result'

type Answer<C extends ChannelName> = (input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>
type Listener = (payload: never) => void

const answers = new Map<ChannelName, (input: unknown) => unknown>()
const listeners = new Map<EventName, Set<Listener>>()

/** Every call the stores made, in order. */
export const calls: Array<{ channel: ChannelName; input: unknown }> = []

/** What `channel` answers from now on; an AppError thrown by `answer` crosses as a failed Result. */
export function answer<C extends ChannelName>(channel: C, answer: Answer<C>): void {
  answers.set(channel, answer as (input: unknown) => unknown)
}

/** The inputs of the calls made on one channel. */
export function callsTo<C extends ChannelName>(channel: C): Array<InputOf<C>> {
  return calls.filter((c) => c.channel === channel).map((c) => c.input as InputOf<C>)
}

/** Sends an event as the main process would. */
export function emit<E extends EventName>(event: E, payload: EventMap[E]): void {
  for (const listener of listeners.get(event) ?? []) (listener as (payload: EventMap[E]) => void)(payload)
}

/** Forgets the answers and calls of the previous test (subscriptions stay: they are the stores'). */
export function resetTransport(): void {
  answers.clear()
  calls.length = 0
}

/** A promise the test settles when it wants, to play answers out of order. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every settled promise's callbacks run (the stores' awaits after an answer). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

async function respond(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  calls.push({ channel, input })
  const handler = answers.get(channel)
  if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `The test gave no answer for ${channel}.` } }
  try {
    return { ok: true, value: await handler(input) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() }
    throw error
  }
}

const rowboat = new Proxy({} as RowboatApi, {
  get: (_target, channel) => (input: unknown) => respond(channel as ChannelName, input),
})

const rowboatEvents = {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const set = listeners.get(event) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(event, set)
    return () => set.delete(listener)
  },
}

// The unit project runs in Node, which has no window: the client finds the preload's objects here.
;(globalThis as { window?: unknown }).window = { rowboat, rowboatEvents }
