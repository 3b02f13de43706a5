import { create } from 'zustand'
import type { Cell, Row } from '../../../shared/cells'
import type { ForeignKey } from '../../../shared/contract'
import { api } from '../api'

/**
 * Readable foreign keys: beside `user_id 6` the grid shows the referenced row's label (its first
 * unique text column, e.g. the username). Labels are asked once per page of rows and foreign key
 * (records.labels), kept per session, table and key; an id with no row keeps a null so it is not
 * asked again.
 */

/** How a key cell is told apart (the same text a filter would compare). */
export const labelKey = (cell: Exclude<Cell, null>): string => (typeof cell === 'object' ? `b:${cell.base64}` : String(cell))

/** The labels known for one foreign key: the label column (null: the referenced table has none) and key → label. */
export interface KnownLabels {
  column: string | null
  byKey: Record<string, string | null>
}

/** At most this many ids in one call (the contract's cap). */
export const LABELS_PER_CALL = 1000

/** The distinct ids of `column` in `rows` whose label is not known yet. */
export function missingKeys(rows: readonly Row[], column: string, known: KnownLabels | undefined): Array<Exclude<Cell, null>> {
  if (known && known.column === null) return []
  const missing = new Map<string, Exclude<Cell, null>>()
  for (const row of rows) {
    const cell = Object.hasOwn(row, column) ? row[column] : undefined
    if (cell === undefined || cell === null) continue
    const key = labelKey(cell)
    if (known && Object.hasOwn(known.byKey, key)) continue
    missing.set(key, cell)
    if (missing.size >= LABELS_PER_CALL) break
  }
  return [...missing.values()]
}

/** The known labels after an answer: every id asked gets an entry (null when no row had it). */
export function mergeLabels(
  known: KnownLabels | undefined,
  asked: ReadonlyArray<Exclude<Cell, null>>,
  answer: { column: string | null; labels: Array<{ key: Cell; label: string | null }> },
): KnownLabels {
  const byKey: Record<string, string | null> = { ...known?.byKey }
  for (const cell of asked) byKey[labelKey(cell)] = null
  for (const { key, label } of answer.labels) if (key !== null) byKey[labelKey(key)] = label
  return { column: answer.column, byKey }
}

export const labelsId = (sessionId: string, table: string, fk: ForeignKey): string => [sessionId, table, ...fk.columns].join('\u0000')

interface LabelsState {
  known: Record<string, KnownLabels>
  /** Asks for the labels of `rows`' ids of each one-column foreign key that are not known yet. */
  load(sessionId: string, table: string, keys: readonly ForeignKey[], rows: readonly Row[]): Promise<void>
  /** After a save: labels may have changed. */
  forget(sessionId: string): void
}

export const useLabelsStore = create<LabelsState>((set, get) => ({
  known: {},
  async load(sessionId, table, keys, rows) {
    await Promise.all(
      keys
        .filter((fk) => fk.columns.length === 1)
        .map(async (fk) => {
          const id = labelsId(sessionId, table, fk)
          const values = missingKeys(rows, fk.columns[0], get().known[id])
          if (values.length === 0) return
          try {
            const answer = await api.call('records.labels', { sessionId, table, columns: fk.columns, values })
            set((state) => ({ known: { ...state.known, [id]: mergeLabels(state.known[id], values, answer) } }))
          } catch {
            // A label is a nicety: the ids still show, and the link still opens the row.
          }
        }),
    )
  },
  forget(sessionId) {
    set((state) => ({ known: Object.fromEntries(Object.entries(state.known).filter(([id]) => !id.startsWith(`${sessionId}\u0000`))) }))
  },
}))
