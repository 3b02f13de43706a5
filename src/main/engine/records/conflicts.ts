import { AppError } from '../../../shared/errors'
import { isBinaryCell, type Cell, type Row } from '../../../shared/values'

/**
 * Optimistic concurrency: the user edits what they saw. Both sides are cells as the read path
 * produces them (rowFromDb), so floats, dates, binary and JSON compare exactly as displayed.
 */
export function cellsEqual(a: Cell, b: Cell): boolean {
  if (isBinaryCell(a) || isBinaryCell(b)) {
    return isBinaryCell(a) && isBinaryCell(b) && a.base64 === b.base64 && a.bytes === b.bytes && a.truncated === b.truncated
  }
  return a === b
}

/** The columns of `original` whose value in `current` is different (a missing column counts as changed). */
export function changedColumns(original: Row, current: Row): string[] {
  // Own properties only: `'constructor' in current` is true for every object.
  return Object.keys(original).filter((name) => !Object.hasOwn(current, name) || !cellsEqual(original[name], current[name]))
}

/**
 * Throws CONFLICT when the row vanished or any column the user saw has changed since.
 * `current` is the row read under a lock in the same transaction that will write.
 */
export function assertUnchanged(table: string, original: Row, current: Row | null): void {
  if (current === null) {
    throw new AppError({
      code: 'CONFLICT',
      message: `This ${table} row was deleted by someone else after you loaded it.`,
      hint: 'Reload the table; nothing was changed.',
      details: { current: null },
    })
  }
  const changed = changedColumns(original, current)
  if (changed.length === 0) return
  throw new AppError({
    code: 'CONFLICT',
    message: `This ${table} row was changed by someone else after you loaded it (${changed.join(', ')}).`,
    hint: 'Look at the current values, then make your edit again; nothing was changed.',
    ...(changed[0] ? { field: changed[0] } : {}),
    details: { current },
  })
}
