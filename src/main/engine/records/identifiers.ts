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
