/**
 * The order a person put a table's columns in, as a list of names. Columns the list does not name
 * (added since) keep their table order after the named ones; names of columns gone are ignored.
 */
export function orderColumns<T extends { name: string }>(columns: readonly T[], order: readonly string[]): T[] {
  if (order.length === 0) return [...columns]
  const byName = new Map(columns.map((c) => [c.name, c]))
  const named = order.flatMap((name) => {
    const column = byName.get(name)
    if (!column) return []
    byName.delete(name)
    return [column]
  })
  return [...named, ...columns.filter((c) => byName.has(c.name))]
}

/** The names in `shown` order with `column` moved to position `to` (clamped to the ends). */
export function moveColumn(shown: readonly string[], column: string, to: number): string[] {
  const from = shown.indexOf(column)
  if (from < 0) return [...shown]
  const rest = shown.filter((name) => name !== column)
  const at = Math.max(0, Math.min(rest.length, to))
  return [...rest.slice(0, at), column, ...rest.slice(at)]
}

/** Only a list of distinct names is a remembered order: anything else stored is dropped. */
export function cleanOrder(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return [...new Set(value.filter((name): name is string => typeof name === 'string'))]
}
