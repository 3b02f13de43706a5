import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { ZodError } from 'zod'
import { contract, isChannelName, type ChannelName, type OutputOf, type ParsedInputOf } from '../../shared/contract'
import { AppError, type AppErrorData } from '../../shared/errors'
import { fail, ok, type Result } from '../../shared/result'
import type { Engine } from '../engine/engine'
import type { ConsoleFiles } from '../engine/query/history'
import type { ConnectionStore } from '../store/connections-store'
import type { FileGrants } from './file-grants'
import type { FilePicker } from './file-picker'

export interface ApiContext {
  engine: Engine
  connections: ConnectionStore
  host: HostFacts
  /** Where the log is written, so an INTERNAL answer can send the user there. */
  logFile: string
  /** The files the host granted; handlers resolve handle ids here (the page never sends a path). */
  files: FileGrants
  picker: FilePicker
  /** The SQL console's text and history per connection, in the data folder. */
  consoleFiles: ConsoleFiles
}

/** What the host process offers beyond the API itself. */
export interface HostFacts {
  kind: 'electron' | 'browser' | 'test'
  exportDir: string | null
  uploads: boolean
}

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, ctx: ApiContext) => Promise<OutputOf<C>>
export type Handlers = { [C in ChannelName]: Handler<C> }

export interface Router {
  /** The one entry both hosts use: validates, calls the handler, answers a Result. Never throws. */
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>
}

export function createRouter(handlers: Handlers, ctx: ApiContext): Router {
  return {
    async invoke(channel, rawInput) {
      const started = performance.now()
      const answer = await answerCall(handlers, ctx, channel, rawInput)
      // One line per call: never the input, which can hold the user's data and passwords.
      ctx.engine.log.debug(
        {
          channel: String(channel).slice(0, 80),
          ms: Math.round((performance.now() - started) * 10) / 10,
          outcome: answer.ok ? 'ok' : answer.error.code,
        },
        'call',
      )
      return answer
    },
  }
}

async function answerCall(handlers: Handlers, ctx: ApiContext, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no API channel named "${String(channel).slice(0, 80)}".` })
  }
  const parsed = contract[channel].input.safeParse(rawInput)
  if (!parsed.success) return fail(invalidInput(channel, parsed.error))
  try {
    return ok(await callHandler(handlers, channel, parsed.data, ctx))
  } catch (error) {
    return fail(toErrorData(error, channel, ctx))
  }
}

// The cast is the one place the channel's input and handler types are paired up; `Handlers`
// guarantees each handler accepts its own channel's parsed input.
function callHandler<C extends ChannelName>(handlers: Handlers, channel: C, input: unknown, ctx: ApiContext) {
  const handler = handlers[channel] as Handler<C>
  return handler(input as ParsedInputOf<C>, ctx)
}

function invalidInput(channel: string, error: ZodError): AppErrorData {
  const first = error.issues[0]
  const field = first?.path.map(String).join('.') || undefined
  const where = field ? ` (${field})` : ''
  return {
    code: 'INVALID_INPUT',
    message: `Invalid input for ${channel}${where}: ${first?.message ?? 'not accepted'}.`,
    ...(field ? { field } : {}),
    details: {
      fields: error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message, rule: issue.code })),
    },
  }
}

function toErrorData(error: unknown, channel: string, ctx: ApiContext): AppErrorData {
  if (error instanceof AppError) return error.toData()
  // Engine code maps every expected failure to an AppError; reaching here is a bug. The full
  // error goes to the log (masked by its rules) under an id the user sees, so a report can be
  // matched with its entry; the answer carries no internals.
  const errorId = randomBytes(4).toString('hex')
  ctx.engine.log.error(
    { errorId, channel, err: error instanceof Error ? error : new Error(String(error)) },
    `Unexpected error in ${channel}`,
  )
  return {
    code: 'INTERNAL',
    message: `Something went wrong inside Rowboat (error ${errorId}). The log at ${ctx.logFile} has the details.`,
    hint: `Try again; if it keeps happening, report it with the error id ${errorId} and the log.`,
    errorId,
  }
}
