import type { Dialect } from '../../../shared/connection-types'

/**
 * What dbgate-query-splitter cannot see, hidden from it without moving anything: MySQL `#` comments,
 * PostgreSQL `E'…'` strings (backslash escapes) and nested block comments have their insides replaced by `x`, newlines
 * kept, so the splitter's positions still index the real text. Everything else the splitter
 * understands itself; this scan only follows strings, quoted names and comments far enough to know
 * that a `#` or an `E'` is really one.
 */
export function maskForSplitter(text: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return text
  const out = text.split('')
  const mask = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = 'x'
  }
  let i = 0
  while (i < text.length) {
    const c = text[i]
    const next = text[i + 1]
    if (c === '-' && next === '-') i = lineEnd(text, i)
    else if (c === '/' && next === '*') {
      const end = blockCommentEnd(text, i, dialect === 'postgres')
      // PostgreSQL's comments nest, the splitter's do not: it sees only the outer /* … */.
      if (dialect === 'postgres') mask(i + 2, end - 2)
      i = end
    } else if (dialect === 'mysql' && c === '#') {
      const end = lineEnd(text, i)
      mask(i, end)
      i = end
    } else if (c === "'" || c === '"' || c === '`') {
      const escapes = dialect === 'mysql' && c !== '`'
      const isEString = dialect === 'postgres' && c === "'" && (text[i - 1] === 'E' || text[i - 1] === 'e') && !identifierChar(text[i - 2])
      const end = quotedEnd(text, i, escapes || isEString)
      if (isEString) mask(i + 1, end - 1)
      i = end
    } else if (dialect === 'postgres' && c === '$') i = dollarQuotedEnd(text, i)
    else i++
  }
  return out.join('')
}

const identifierChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c)

const lineEnd = (text: string, from: number): number => {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}

/** PostgreSQL block comments nest; MySQL's do not. */
function blockCommentEnd(text: string, from: number, nested: boolean): number {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    if (text[i] === '/' && text[i + 1] === '*' && (nested || depth === 0)) {
      depth++
      i++
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--
      i++
      if (depth === 0) return i + 1
    }
  }
  return text.length
}

/** Past the closing quote (a doubled quote stays inside; a backslash escapes the next character when `escapes`). */
function quotedEnd(text: string, from: number, escapes: boolean): number {
  const quote = text[from]
  for (let i = from + 1; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++
    else if (text[i] === quote) {
      if (text[i + 1] === quote) i++
      else return i + 1
    }
  }
  return text.length
}

/** `$tag$ … $tag$` (or `$$ … $$`); a `$` that opens no such quote (`$1`) is just a character. */
function dollarQuotedEnd(text: string, from: number): number {
  if (identifierChar(text[from - 1])) return from + 1
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(from, from + 64))
  if (!tag) return from + 1
  const close = text.indexOf(tag[0], from + tag[0].length)
  return close === -1 ? text.length : close + tag[0].length
}
