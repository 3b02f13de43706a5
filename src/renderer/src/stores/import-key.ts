import type { ImportInspection } from '../../../shared/contract'

/**
 * The unique key an import recognises duplicates by, as offered after each inspection: the one
 * chosen if the table still has it, else the primary key, else a key the file fills (the one whose
 * first column comes first in the table, so every dialect offers the same).
 */
export function chooseKey(chosen: string | null, inspection: ImportInspection): string | null {
  const keys = inspection.uniqueKeys
  if (keys.some((k) => k.name === chosen)) return chosen
  const mapped = new Set(inspection.mapping.filter((m): m is string => m !== null))
  const position = (column: string | undefined) => inspection.targetColumns.findIndex((c) => c.name === column)
  const filled = keys.filter((k) => k.columns.every((c) => mapped.has(c))).sort((a, b) => position(a.columns[0]) - position(b.columns[0]))
  return (filled.find((k) => k.primary) ?? filled[0] ?? keys.find((k) => k.primary) ?? keys[0])?.name ?? null
}
