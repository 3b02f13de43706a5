import { z } from 'zod'

/** A channel: its input schema (checked at the boundary) and its output type (trusted, ours). */
export interface Channel<I extends z.ZodType, O> {
  readonly input: I
  /** Never set at run time; carries the output type. */
  readonly output?: O
}

/** `channel<Output>()(inputSchema)`: output given explicitly, input inferred from the schema. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): Channel<I, O> => ({ input })

export const sessionIdSchema = z.string().min(1, 'sessionId is required')
export const tableNameSchema = z.string().min(1, 'table is required')
export const sessionInput = z.object({ sessionId: sessionIdSchema })
export const tableInput = z.object({ sessionId: sessionIdSchema, table: tableNameSchema })
