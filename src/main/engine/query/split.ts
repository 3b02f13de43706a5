/**
 * Splitting console text into statements, per dialect, with dbgate-query-splitter (maintained, and
 * used by DbGate itself) rather than a hand-written scanner. Its options cover strings, quoted
 * identifiers, comments, PostgreSQL dollar quoting and MySQL DELIMITER; we add SQLite's [bracketed]
 * and `backticked` identifiers, and split-mask.ts hides what it cannot see (PostgreSQL E'…\'…'
 * strings, MySQL `#` comments) without moving any position.
 */
import {
  mysqlSplitterOptions,
  postgreSplitterOptions,
  splitQuery,
  sqliteSplitterOptions,
  type SplitterOptions,
} from 'dbgate-query-splitter'
import type { Dialect } from '../../../shared/connection-types'
import type { TextPosition } from '../../../shared/contract'
import { maskForSplitter } from './split-mask'

export interface SplitStatement {
  /** Statement text without the separator, leading comments kept (positions stay true). */
  sql: string
  start: TextPosition
  end: TextPosition
}

const sqliteOptions: SplitterOptions = {
  ...sqliteSplitterOptions,
  stringsBegins: [...sqliteSplitterOptions.stringsBegins, '[', '`'],
  stringsEnds: { ...sqliteSplitterOptions.stringsEnds, '[': ']', '`': '`' },
  stringEscapes: { ...sqliteSplitterOptions.stringEscapes, '[': ']', '`': '`' },
}

const OPTIONS: Record<Dialect, SplitterOptions> = {
  sqlite: sqliteOptions,
  mysql: mysqlSplitterOptions,
  postgres: postgreSplitterOptions,
}

interface RichItem {
  text: string
  trimStart?: { position: number; line: number; column: number }
  trimEnd?: { position: number; line: number; column: number }
  start: { position: number; line: number; column: number }
  end: { position: number; line: number; column: number }
}

/**
 * SQLite's options read BEGIN as the start of a trigger body (BEGIN … END), so the splitter takes a
 * transaction's `BEGIN;` and everything after it as one statement (and sqlite3 runs only the first).
 * The splitter reads a copy where such a BEGIN — one followed only by DEFERRED/IMMEDIATE/EXCLUSIVE,
 * TRANSACTION, then `;` or the end — is spelled otherwise; offsets are the same, so the statements
 * are cut from the text itself.
 */
const transactionBegin = /\bBEGIN(?=(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?\s*(;|$))/gi
const splitterText = (text: string, dialect: Dialect): string => (dialect === 'sqlite' ? text.replace(transactionBegin, 'BEGI_') : text)

/** The statements of `text`, in order, each with where it is; statements that are only comments are left out. */
export function splitStatements(text: string, dialect: Dialect): SplitStatement[] {
  // Split the masked text (same length, same lines), cut the real one.
  const masked = splitterText(maskForSplitter(text, dialect), dialect)
  const items = splitQuery(masked, { ...OPTIONS[dialect], returnRichInfo: true }) as Array<RichItem | string>
  const statements: SplitStatement[] = []
  for (const item of items) {
    if (typeof item === 'string') continue // only with returnRichInfo off
    const from = item.trimStart ?? item.start
    const to = item.trimEnd ?? item.end
    const sql = text.slice(from.position, to.position)
    if (isOnlyComments(sql, dialect)) continue
    statements.push({ sql, start: toPosition(from), end: toPosition(to) })
  }
  return statements
}

const toPosition = (p: { position: number; line: number; column: number }): TextPosition => ({
  offset: p.position,
  line: p.line + 1,
  column: p.column + 1,
})

/** Comments and blanks only: nothing for the database to run (it would answer "empty query"). */
export function isOnlyComments(sql: string, dialect: Dialect): boolean {
  let rest = sql
  const comment = dialect === 'mysql' ? /^\s*(--[^\n]*(\n|$)|#[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)/ : /^\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)/
  for (;;) {
    const match = comment.exec(rest)
    if (!match) break
    rest = rest.slice(match[0].length)
  }
  return rest.trim() === ''
}

/**
 * The statements a range of the text touches. An empty range (a cursor) picks the statement it is
 * in, or else the nearest one before it on the same run of text (the cursor just after `;`), or the
 * first after it.
 */
export function statementsInRange(statements: SplitStatement[], range: { from: number; to: number }): SplitStatement[] {
  const from = Math.min(range.from, range.to)
  const to = Math.max(range.from, range.to)
  if (from !== to) return statements.filter((s) => s.start.offset < to && s.end.offset > from)
  const inside = statements.find((s) => s.start.offset <= from && from <= s.end.offset)
  if (inside) return [inside]
  const before = statements.filter((s) => s.end.offset <= from).at(-1)
  const after = statements.find((s) => s.start.offset >= from)
  const pick = before ?? after
  return pick ? [pick] : []
}

/** Line and column (from 1) of an offset in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 }
}
