/**
 * What the log must never hold, as rules rather than care at each call site: fields named like
 * secrets, passwords inside connection strings, and the passwords the engine has been given
 * (masked by the `known` scrubber the engine passes in). Every string of a log entry goes
 * through `scrubText` before it is written, messages and error stacks included.
 */

export const CENSOR = '[Redacted]'
const MASK = '•••'

/** Field names whose values are secrets, whatever their case or prefix (`dbPassword`, `Authorization`). */
const SECRET_KEY = /pass(word|wd|phrase)?$|^pwd$|token|authorization|secret|cookie|api[-_]?key/i

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

/**
 * pino's own `redact` paths, for the field names we know of. pino cannot say "at any depth"
 * (`*.password` is one level), so they go three levels down; `redactDeep` covers the rest.
 */
const SECRET_FIELDS = ['password', 'passphrase', 'token', 'authorization', 'Authorization', 'secret', 'cookie']
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`])

// `scheme://user:password@host`: from the first `:` after the user to the LAST `@` of the token,
// erring towards hiding too much (an unencoded `@` in a password), as displayConnectionUrl does.
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"`<>]*:)[^\s'"`<>]*@/gi
// `password=…` in key/value connection strings (libpq, ODBC), query strings and `#token=…` addresses.
const KEY_VALUE = /\b([a-z_]*(?:password|passwd|pwd|passphrase|token|secret))(\s*=\s*)(?:'[^']*'|"[^"]*"|[^\s&;'"]+)/gi

/** Masks passwords in connection strings and key=value pairs; `known` masks remembered passwords first. */
export function scrubText(text: string, known: (text: string) => string = (t) => t): string {
  return known(text)
    .replace(URL_USERINFO, (_all, head: string) => `${head}${MASK}@`)
    .replace(KEY_VALUE, (_all, key: string, eq: string) => `${key}${eq}${MASK}`)
}

const MAX_DEPTH = 8
/** Longer strings are cut, so one entry (a huge message, a deep stack) cannot take a file's share. */
const MAX_STRING = 8 * 1024

function cut(text: string): string {
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[cut ${text.length - MAX_STRING} characters]` : text
}

/**
 * A copy of a log entry's fields with every secret-named field censored and every string
 * scrubbed, at any depth. Errors become plain objects (see `serializeError`); cycles and very
 * deep values are cut rather than followed.
 */
export function redactDeep(value: unknown, scrub: (text: string) => string, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return cut(scrub(value))
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]'
  seen.add(value)
  if (value instanceof Error) return serializeError(value, scrub, depth, seen)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, scrub, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? CENSOR : redactDeep(item, scrub, depth + 1, seen)
  }
  return out
}

export interface SerializedError {
  type: string
  message: string
  stack?: string
  code?: string | number
  cause?: unknown
}

/**
 * Only what explains the error: type, message, stack, code and cause. Not every enumerable
 * field, because driver errors carry the statement's bind values (`parameters`, `sql`), which
 * are the user's data.
 */
export function serializeError(error: Error, scrub: (text: string) => string, depth = 0, seen = new WeakSet<object>()): SerializedError {
  seen.add(error)
  const out: SerializedError = { type: error.name || error.constructor?.name || 'Error', message: cut(scrub(String(error.message))) }
  if (typeof error.stack === 'string') out.stack = cut(scrub(error.stack))
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') out.code = typeof code === 'string' ? scrub(code) : code
  if (error.cause !== undefined) out.cause = redactDeep(error.cause, scrub, depth + 1, seen)
  return out
}
