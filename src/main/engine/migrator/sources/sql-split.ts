/**
 * Splits a migration file into statements at top-level semicolons: not inside '…', "…", `…`,
 * -- and /* comments, or PostgreSQL dollar quotes ($$ … $$, $tag$ … $tag$), so a function body
 * stays one statement. Backslash escapes count only where the server reads them (MySQL); PostgreSQL
 * and SQLite strings are standard. Empty statements (and comment-only ones) are dropped.
 */
export function splitSqlStatements(sql: string, options: { backslashEscapes: boolean }): string[] {
  const statements: string[] = []
  let start = 0
  let i = 0
  // Leading comments are dropped: node-sqlite3 runs nothing for a statement that starts with one.
  const push = (end: number) => {
    const text = withoutLeadingComments(sql.slice(start, end))
    if (text) statements.push(text)
  }
  while (i < sql.length) {
    const ch = sql[i]
    const next = sql[i + 1]
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end + 1
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end === -1 ? sql.length : end + 2
    } else if (ch === "'" || ch === '"' || ch === '`') {
      i = closingQuote(sql, i, ch, options.backslashEscapes)
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]?\w*\$/.exec(sql.slice(i))?.[0]
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length)
        i = end === -1 ? sql.length : end + tag.length
      } else {
        i++
      }
    } else if (ch === ';') {
      push(i)
      start = i + 1
      i++
    } else {
      i++
    }
  }
  push(sql.length)
  return statements
}

/** Index after the quote closing the one at `open` (a doubled quote, or on MySQL a backslash escape, stays inside). */
function closingQuote(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\' && quote !== '`') i += 2
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2
    else if (sql[i] === quote) return i + 1
    else i++
  }
  return sql.length
}

function withoutLeadingComments(text: string): string {
  let rest = text.trim()
  for (;;) {
    if (rest.startsWith('--')) rest = rest.includes('\n') ? rest.slice(rest.indexOf('\n') + 1).trim() : ''
    else if (rest.startsWith('/*')) rest = rest.includes('*/') ? rest.slice(rest.indexOf('*/') + 2).trim() : ''
    else return rest
  }
}
