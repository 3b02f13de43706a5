/**
 * Counts in words, with the noun and the verb agreeing with the number ("1 change is", "2 changes
 * are"). Every count the renderer speaks goes through here, so none says "1 changes" or "1 … are".
 */

/** 1234 → "1,234": the app's one way of writing a count. */
export const formatCount = (n: number): string => n.toLocaleString('en')

/** The word (or words) agreeing with n: `inflect(1, 'row')` → "row", `inflect(2, 'is', 'are')` → "are". */
export function inflect(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many
}

/** The count and its noun: `plural(1, 'change')` → "1 change", `plural(1200, 'row')` → "1,200 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${inflect(n, one, many)}`
}
