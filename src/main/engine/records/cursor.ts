import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Filter } from '../../../shared/contract'
import { z } from 'zod'
import type { SortKey } from './keyset'
import { keyValueSchema, type KeyValue } from './order-terms'
import { invalidInput } from './target'

/**
 * Where the next page starts: after the last row's sort-key values, exactly as the seek compares
 * them (order-terms.ts; tables with a primary key), or at a row number (tables without one, where
 * no key tells rows apart).
 */
export type CursorPosition = { kind: 'key'; values: KeyValue[] } | { kind: 'offset'; offset: number }

/**
 * Cursors are signed with a key that lives as long as the process, and carry a fingerprint of the
 * query they continue: a cursor that was edited, or belongs to another table, sort or filter, is
 * refused instead of silently skipping or repeating rows.
 */
const SIGNING_KEY = randomBytes(32)

const payloadSchema = z.object({
  q: z.string(),
  p: z.union([
    z.object({ kind: z.literal('key'), values: z.array(keyValueSchema) }),
    z.object({ kind: z.literal('offset'), offset: z.number().int().nonnegative() }),
  ]),
})

export function queryFingerprint(table: string, keys: SortKey[], filters: Filter[], search: string | undefined): string {
  const shape = { table, sort: keys.map((k) => [k.column.name, k.direction]), filters, search: search?.trim() ?? '' }
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 22)
}

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const body = Buffer.from(JSON.stringify({ q: fingerprint, p: position })).toString('base64url')
  return `${body}.${sign(body)}`
}

export function decodeCursor(token: string, fingerprint: string): CursorPosition {
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined || !sameSignature(signature, sign(body))) throw badCursor()
  let parsed: z.infer<typeof payloadSchema>
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')))
  } catch {
    throw badCursor()
  }
  if (parsed.q !== fingerprint) {
    throw invalidInput(
      'This cursor belongs to a different query (table, sort, filters or search changed).',
      'cursor',
      'Start again from the first page.',
    )
  }
  return parsed.p
}

function sign(body: string): string {
  return createHmac('sha256', SIGNING_KEY).update(body).digest('base64url')
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function badCursor() {
  return invalidInput(
    'The page cursor is not valid (it was changed, or comes from an earlier run of Rowboat).',
    'cursor',
    'Start again from the first page.',
  )
}
