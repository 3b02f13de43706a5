/** "Did you mean …?" for a table name that does not exist. */

export function closestNames(wanted: string, names: readonly string[], max = 3): string[] {
  const target = wanted.toLowerCase()
  const limit = Math.max(2, Math.floor(target.length / 3))
  return names
    .map((name) => ({ name, distance: editDistance(target, name.toLowerCase()) }))
    .filter(
      (c) => c.distance <= limit || c.name.toLowerCase().includes(target) || (c.name.length >= 3 && target.includes(c.name.toLowerCase())),
    )
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name, 'en'))
    .slice(0, max)
    .map((c) => c.name)
}

/** Levenshtein distance, one row of the table at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]
}
