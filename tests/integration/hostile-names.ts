/**
 * A corpus of table and column names that SQL building gets wrong when it quotes with anything
 * but "double the quote character", or lets a driver or Sequelize read part of a name as a
 * parameter. Shared fixture (not a suite itself): see hostile-names.test.ts.
 */
import type { Dialect } from '../../src/shared/connection-types'

export interface HostileName {
  name: string
  /** Why the engine itself cannot hold this name, per dialect (the name is left out there). */
  cannot?: Partial<Record<Dialect, string>>
}

const MYSQL_TRAILING_SPACE = 'MySQL/MariaDB refuse names that end with a space'
const MYSQL_OUTSIDE_BMP = 'MySQL/MariaDB identifiers hold only the Basic Multilingual Plane (no emoji)'
const SQLITE_CASE = 'SQLite table names ignore case, so it cannot hold both Case and case'
const MYSQL_TABLE_CASE = 'lower_case_table_names is not 0 on this server, so table names ignore case'

/** The longest name each engine holds: 64 characters MySQL, 63 bytes PostgreSQL; SQLite has no limit. */
export function longestName(dialect: Dialect): string {
  const length = dialect === 'mysql' ? 64 : dialect === 'postgres' ? 63 : 300
  return `long_${'x'.repeat(length - 10)}_end`
}

/**
 * The corpus for one dialect. `mysqlTablesIgnoreCase` comes from the server (lower_case_table_names).
 * Names differing only by case are tables here; as columns, only PostgreSQL keeps them apart
 * (hostile-names.test.ts leaves the second of such a pair out of the wide table elsewhere).
 */
export function hostileNames(dialect: Dialect, mysqlTablesIgnoreCase = false): HostileName[] {
  const all: HostileName[] = [
    // Quote characters alone, doubled, at the start and end, and names that become another name
    // (victim, ab) when a quote is stripped: both are created.
    { name: 'vic`tim' },
    { name: 'vic"tim' },
    { name: 'victim' },
    { name: 'a`b' },
    { name: 'a"b' },
    { name: 'ab' },
    { name: '`' },
    { name: '"' },
    { name: '``' },
    { name: '""' },
    { name: '`lead' },
    { name: 'trail`' },
    { name: '"lead' },
    { name: 'trail"' },
    { name: '`"mixed"`' },
    { name: "'" },
    { name: "it's" },
    { name: 'a[b]' },
    { name: '[x' },
    // What Sequelize or a driver may read as a parameter.
    { name: 'c $1' },
    { name: 'c $2' },
    { name: '$1' },
    { name: '$$' },
    { name: '$x' },
    { name: 'a $$ b' },
    { name: 'c ?' },
    { name: '?' },
    { name: '??' },
    { name: 'c :name' },
    { name: ':name' },
    { name: '@p' },
    { name: 'c @p' },
    { name: '?|' },
    // Comments, statement ends and injection-looking text.
    { name: '-- comment' },
    { name: '/* block */' },
    { name: 'a;b' },
    { name: 'x; DROP TABLE victim; --' },
    // Spaces, dots and control characters.
    { name: 'with space' },
    { name: ' leading' },
    { name: 'trailing ', cannot: { mysql: MYSQL_TRAILING_SPACE } },
    { name: 'a.b' },
    { name: 'a,b' },
    { name: 'line\nbreak' },
    { name: 'tab\there' },
    { name: 'cr\rhere' },
    { name: 'back\\slash' },
    { name: '100%' },
    { name: 'nb\u00a0sp' },
    { name: 'zero\u200bwidth' },
    // Scripts and emoji.
    { name: 'emoji 🚣', cannot: { mysql: MYSQL_OUTSIDE_BMP } },
    { name: 'עברית RTL' },
    { name: 'العربية' },
    { name: 'ümlaut Ω' },
    { name: '日本語' },
    // Differ only by case.
    { name: 'Case' },
    { name: 'case', cannot: { sqlite: SQLITE_CASE, ...(mysqlTablesIgnoreCase ? { mysql: MYSQL_TABLE_CASE } : {}) } },
    // Keywords and numbers.
    { name: 'select' },
    { name: 'from' },
    { name: 'where' },
    { name: 'order' },
    { name: 'group' },
    { name: 'limit' },
    { name: 'table' },
    { name: 'null' },
    { name: 'user' },
    { name: '0' },
    { name: '123' },
    // Longest allowed.
    { name: longestName(dialect) },
  ]
  return all
}

/** The names this dialect can hold, and the ones left out with the reason. */
export function corpusFor(
  dialect: Dialect,
  mysqlTablesIgnoreCase = false,
): { names: string[]; skipped: Array<{ name: string; why: string }> } {
  const names: string[] = []
  const skipped: Array<{ name: string; why: string }> = []
  for (const entry of hostileNames(dialect, mysqlTablesIgnoreCase)) {
    const why = entry.cannot?.[dialect]
    if (why) skipped.push({ name: entry.name, why })
    else names.push(entry.name)
  }
  return { names, skipped }
}

/** Quoting for the test's own raw SQL (independent of the code under test). */
export function q(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`
}

/** A CSV field, always quoted (the name may hold the delimiter, quotes or line breaks). */
export function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}
