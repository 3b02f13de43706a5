import type { ColumnInfo, Filter } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'
import { displayedEquals } from './equality'
import { comparableExpression, comparedValue, textExpression, type BindParams } from './sql'
import { columnOf, columnRef, invalidInput, type SqlTarget } from './target'

/** Which rows: every filter must hold, and the search text must appear in some text column. */
export interface Selection {
  filters: Filter[]
  search?: string | undefined
}

const RANGE_OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

/** The WHERE condition for a selection (without the keyword), or null when it selects every row. */
export function selectionCondition(target: SqlTarget, selection: Selection, params: BindParams): string | null {
  const parts = selection.filters.map((filter, index) => filterCondition(target, filter, index, params))
  const search = selection.search?.trim()
  if (search) parts.push(searchCondition(target, search, params))
  return parts.length === 0 ? null : parts.map((p) => `(${p})`).join(' AND ')
}

export function hasSelection(selection: Selection): boolean {
  return selection.filters.length > 0 || Boolean(selection.search?.trim())
}

function filterCondition(target: SqlTarget, filter: Filter, index: number, params: BindParams): string {
  const column = columnOf(target, filter.column, `filters.${index}.column`)
  const quoted = columnRef(target, column)
  const value = filter.value
  const field = `filters.${index}.value`
  switch (filter.op) {
    case 'isNull':
      return `${quoted} IS NULL`
    case 'isNotNull':
      return `${quoted} IS NOT NULL`
    case 'eq':
      if (value === undefined || value === null) return `${quoted} IS NULL`
      return displayedEquals(target, column, value, params, field)
    case 'ne':
      // A person reading "status is not 'x'" expects the rows with no status too.
      if (value === undefined || value === null) return `${quoted} IS NOT NULL`
      return `NOT (${displayedEquals(target, column, value, params, field)}) OR ${quoted} IS NULL`
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (value === undefined || value === null) {
        throw invalidInput(`The "${filter.op}" filter on ${column.name} needs a value to compare with.`, field)
      }
      return `${comparableExpression(target, column)} ${RANGE_OPERATORS[filter.op]} ${comparedValue(target, column, value, params)}`
    }
    case 'contains':
      return likeCondition(target, column, `%${escapeLike(textOf(value, column, filter.op, field))}%`, params)
    case 'startsWith':
      return likeCondition(target, column, `${escapeLike(textOf(value, column, filter.op, field))}%`, params)
  }
}

/** The free-text search: any text column contains the words as typed, ignoring case. */
function searchCondition(target: SqlTarget, search: string, params: BindParams): string {
  const columns = target.table.columns.filter((c) => c.kind === 'text')
  if (columns.length === 0) return '1 = 0'
  const pattern = `%${escapeLike(search)}%`
  // One parameter per column keeps the SQL simple for every driver (mysql2 has only positional `?`).
  return columns.map((column) => likeCondition(target, column, pattern, params)).join(' OR ')
}

/** Case-insensitive LIKE on the column's text form. `!` is the escape character: it needs no
 *  backslash escaping in any of the three dialects' string literals. */
function likeCondition(target: SqlTarget, column: ColumnInfo, pattern: string, params: BindParams): string {
  const text = textExpression(target, column)
  if (target.dialect === 'sqlite') {
    // LIKE already ignores the case of ASCII letters, and runs several times faster than GLOB with
    // a set per letter: GLOB only where a letter has case forms beyond ASCII.
    if (asciiCaseSuffices(pattern)) return `${text} LIKE ${params.add(pattern)} ESCAPE '!'`
    return `${text} GLOB ${params.add(caselessGlob(pattern))}`
  }
  const placeholder = params.add(pattern)
  if (target.dialect === 'postgres') return `${text} ILIKE ${placeholder} ESCAPE '!'`
  return `LOWER(${text}) LIKE LOWER(${placeholder}) ESCAPE '!'`
}

/**
 * Whether SQLite's LIKE finds exactly what `caselessGlob` would: every character is ASCII (whose
 * case forms are ASCII: LIKE folds them) or has no other case form (LIKE and GLOB both compare it
 * as it is). `ö`, or the Kelvin sign (whose lower case is ASCII `k`), need the GLOB.
 */
export function asciiCaseSuffices(likePattern: string): boolean {
  for (const ch of likePattern) {
    if (ch.charCodeAt(0) > 0x7f && caseForms(ch).length > 1) return false
  }
  return true
}

/**
 * SQLite's LIKE and LOWER fold ASCII letters only (without the ICU extension, which node-sqlite3
 * does not load): `Ö` would not find `ö`. GLOB is exact, so each letter becomes the set of its
 * case forms (`[öÖ]`), and the LIKE pattern's wildcards (`%`, `_`, `!` escapes) become GLOB's.
 */
export function caselessGlob(likePattern: string): string {
  let glob = ''
  const chars = Array.from(likePattern)
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === '!' && i + 1 < chars.length) glob += globLiteral(chars[++i])
    else if (ch === '%') glob += '*'
    else if (ch === '_') glob += '?'
    else glob += globLiteral(ch)
  }
  return glob
}

/** The character and its case forms that are one character each (ß's upper case is "SS": it keeps only itself). */
function caseForms(ch: string): string[] {
  return [...new Set([ch, ch.toLowerCase(), ch.toUpperCase()])].filter((f) => Array.from(f).length === 1)
}

function globLiteral(ch: string): string {
  const forms = caseForms(ch)
  if (forms.length > 1) return `[${forms.join('')}]`
  return ch === '*' || ch === '?' || ch === '[' ? `[${ch}]` : ch
}

export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (ch) => `!${ch}`)
}

function textOf(value: Cell | undefined, column: ColumnInfo, op: string, field: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw invalidInput(`The "${op}" filter on ${column.name} needs some text to look for.`, field)
}
