/** Calls a transfer channel through the router, as the hosts do. */
import type { ChannelName, EventMap, InputOf, OutputOf } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'
import type { DialectContext } from './harness'

type TransferChannel = Extract<ChannelName, `transfer.${string}`>
type Input<C extends TransferChannel> = InputOf<C>
type Output<C extends TransferChannel> = OutputOf<C>

/** A read grant for a test file, as a host makes one after the user chose it (the page never sends a path). */
export const readGrant = (t: DialectContext, path: string): { file: string } => ({ file: t.api.files.grantRead(path).id })

/** A write grant for a test file; `overwrite` confirms replacing a file that is already there. */
export const writeGrant = (t: DialectContext, path: string, overwrite = false): { file: string; overwrite: boolean } => ({
  file: t.api.files.grantWrite(path).id,
  overwrite,
})

export function transferResult<C extends TransferChannel>(t: DialectContext, channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  return t.result(channel, input)
}

export async function transfer<C extends TransferChannel>(t: DialectContext, channel: C, input: Input<C>): Promise<Output<C>> {
  const answer = await transferResult(t, channel, input)
  if (!answer.ok) throw new AppError(answer.error)
  return answer.value
}

/** Collects transfer.progress events while `work` runs (and lets a test react to them). */
export async function withProgress<T>(
  t: DialectContext,
  work: () => Promise<T>,
  onEvent: (event: EventMap['transfer.progress']) => void = () => undefined,
): Promise<{ value: T | undefined; error: unknown; events: Array<EventMap['transfer.progress']> }> {
  const events: Array<EventMap['transfer.progress']> = []
  const previous = t.api.engine.emit
  t.api.engine.emit = (event: string, payload: unknown) => {
    if (event === 'transfer.progress') {
      events.push(payload as EventMap['transfer.progress'])
      onEvent(payload as EventMap['transfer.progress'])
    }
  }
  try {
    return { value: await work(), error: undefined, events }
  } catch (error) {
    return { value: undefined, error, events }
  } finally {
    t.api.engine.emit = previous
  }
}

/**
 * A table's rows through the plain driver (independent of the code under test), every value as
 * text or null, ordered by the first column. `binary` columns come as lowercase hex.
 */
export async function tableText(
  t: DialectContext,
  table: string,
  columns: string[],
  binary: string[] = [],
): Promise<Array<Record<string, string | null>>> {
  const q = (name: string) => (t.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const list = columns
    .map((c) => {
      if (binary.includes(c))
        return t.dialect === 'postgres'
          ? `encode(${q(c)}, 'hex') AS ${q(c)}`
          : `CASE WHEN ${q(c)} IS NULL THEN NULL ELSE LOWER(HEX(${q(c)})) END AS ${q(c)}`
      if (t.dialect === 'postgres') return `${q(c)}::text AS ${q(c)}`
      if (t.dialect === 'mysql') return `CAST(${q(c)} AS CHAR) AS ${q(c)}`
      return `CAST(${q(c)} AS TEXT) AS ${q(c)}`
    })
    .join(', ')
  const rows = (await t.raw(`SELECT ${list} FROM ${q(table)} ORDER BY ${q(columns[0])}`)) as Array<Record<string, unknown>>
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] === null || row[c] === undefined ? null : String(row[c])])))
}

export async function rowCount(t: DialectContext, table: string): Promise<number> {
  const q = t.dialect === 'mysql' ? `\`${table}\`` : `"${table}"`
  const [row] = (await t.raw(`SELECT COUNT(*) AS n FROM ${q}`)) as Array<{ n: unknown }>
  return Number(row?.n ?? 0)
}
