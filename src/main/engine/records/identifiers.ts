import type { Dialect } from '../../../shared/connection-types'

/**
 * One identifier (table, column, alias) quoted for its dialect, the quote character doubled inside
 * it: `` ` `` → ``` `` ``` on MySQL/MariaDB, `"` → `""` on PostgreSQL and SQLite. This is the
 * only quoting the engine uses: Sequelize's quoteIdentifier strips quote characters instead, so
 * ``vic`tim`` would name the table `victim`.
 */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`
}

const WORD_CHARACTER = /\w/

/**
 * The text to hand `sequelize.query` with a `bind` option so that the database receives `sql`
 * exactly. With `bind`, Sequelize 6 reads every `$` of the text as a bind parameter, quotes or not
 * (AbstractQuery.formatBindParameters: `/\B\$(\$|\w+)/g`): `$2` in a column name must then have a
 * value, `$x` fails, and `$$` becomes `$`. So every `$` where that scan would start a match (after
 * a character that is not a word character) is written `$$`, which the scan turns back into one
 * `$`; a `$` after a word character is never matched and stays. Our own placeholders (`$1`) come
 * through as themselves. identifiers.test.ts runs this through Sequelize, and fails if its scan
 * changes.
 * (Replacements, which MySQL statements use, need nothing: Sequelize skips quoted identifiers there.)
 */
export function bindSafeText(sql: string): string {
  let out = ''
  let previous = ''
  for (const char of sql) {
    if (char === '$' && !WORD_CHARACTER.test(previous)) {
      out += '$$'
    } else {
      out += char
    }
    previous = char
  }
  return out
}

const PLACEHOLDER = /\$\w+|\?/y

/**
 * The statement with each placeholder (`$1`, `$name`, `?`) outside quoted names and string
 * literals replaced by what `replace` answers (undefined keeps it), for showing a statement with
 * its values written in. A `$1` or `?` inside a quoted name is part of the name and stays.
 */
export function replacePlaceholders(dialect: Dialect, sql: string, replace: (placeholder: string) => string | undefined): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const char = sql[i]
    if (char === '"' || char === '`' || char === "'") {
      const end = quotedSpanEnd(dialect, sql, i)
      out += sql.slice(i, end)
      i = end
      continue
    }
    PLACEHOLDER.lastIndex = i
    const match = WORD_CHARACTER.test(sql[i - 1] ?? '') ? null : PLACEHOLDER.exec(sql)
    if (match) {
      out += replace(match[0]) ?? match[0]
      i += match[0].length
      continue
    }
    out += char
    i++
  }
  return out
}

/** Where the quoted name or string opened at `start` ends (a doubled quote stays inside; MySQL strings also take `\` escapes). */
function quotedSpanEnd(dialect: Dialect, sql: string, start: number): number {
  const quote = sql[start]
  let j = start + 1
  while (j < sql.length) {
    if (quote === "'" && dialect === 'mysql' && sql[j] === '\\') {
      j += 2
      continue
    }
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) {
        j += 2
        continue
      }
      return j + 1
    }
    j++
  }
  return sql.length
}
