import type { Row } from './values'

/**
 * Stable error codes. The UI branches on these, never on message text,
 * so a code, once shipped, keeps its meaning.
 */
export const ERROR_CODES = [
  // input and routing
  'INVALID_INPUT',
  'INVALID_URL',
  'UNKNOWN_CHANNEL',
  // reaching a server
  'CONNECTION_REFUSED',
  'HOST_NOT_FOUND',
  'TIMEOUT',
  'AUTH_FAILED',
  'HOST_NOT_ALLOWED',
  'DATABASE_NOT_FOUND',
  /** connections.createDatabase: the database (or SQLite file) is already there. */
  'DATABASE_EXISTS',
  'TLS_REQUIRED',
  'TLS_UNAVAILABLE',
  /** ssl=verify-full and the server's certificate does not check out (self-signed, expired, other host). */
  'TLS_CERT_INVALID',
  /** A certificate or key file the connection string names (sslrootcert, ssl_ca, …) cannot be read. */
  'TLS_FILE_UNREADABLE',
  /** The client key (sslkey, ssl_key) is not a key, or is encrypted and its passphrase is missing or wrong. */
  'TLS_KEY_UNREADABLE',
  'SQLITE_FILE_MISSING',
  'SQLITE_DIR_MISSING',
  'SQLITE_NOT_A_DATABASE',
  'SQLITE_READ_ONLY',
  'CONNECTION_LOST',
  // SSH bastions (engine/connection/ssh-tunnel.ts)
  /** The bastion did not answer (refused, unknown host, timeout). */
  'SSH_UNREACHABLE',
  /** The bastion refused the key or password. */
  'SSH_AUTH_FAILED',
  /** First use: the bastion's host key is not trusted yet; `details.hostKey` is its fingerprint to confirm. */
  'SSH_HOST_KEY_UNKNOWN',
  /** The bastion's host key differs from the trusted one: refused (`details.hostKey` is what it presented). */
  'SSH_HOST_KEY_CHANGED',
  /** The private key file is missing, unreadable, not a key, or needs (another) passphrase. */
  'SSH_KEY_UNREADABLE',
  /** The tunnel is up but the bastion could not reach the database's host and port. */
  'SSH_FORWARD_FAILED',
  'SESSION_NOT_FOUND',
  // schema
  'TABLE_NOT_FOUND',
  'COLUMN_NOT_FOUND',
  'NO_PRIMARY_KEY',
  // records
  'VALIDATION',
  'UNIQUE_VIOLATION',
  'FK_VIOLATION',
  'NOT_FOUND',
  'CONFLICT',
  'PRECISION_LOSS',
  // migrations
  'MIGRATION_FAILED',
  'MIGRATION_NOT_FOUND',
  'NOT_ROWBOAT_SCHEMA',
  // anything else the database refused
  'PERMISSION_DENIED',
  'QUERY_FAILED',
  'CANCELLED',
  // files (docs/architecture.md, "Files")
  /** A file is already there; it is replaced only when the request confirms it (`overwrite: true`). */
  'FILE_EXISTS',
  /** connections.createDatabase (SQLite): repeat the call with `confirmPath` set to `details.resolvedPath`. */
  'CONFIRMATION_REQUIRED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldIssue {
  field: string
  message: string
  /** The rule that failed, e.g. `isEmail`, `len`, `notNull`, `unique`. */
  rule?: string
}

/** Structured facts an error carries; each is set only by the codes that need it. */
export interface ErrorDetails {
  /** VALIDATION: one entry per failing field. */
  fields?: FieldIssue[]
  /** UNIQUE_VIOLATION: the columns whose combination clashes. */
  columns?: string[]
  /** UNIQUE_VIOLATION: the clashing values, when known. */
  values?: Row
  /** CONFLICT: the row as it is now in the database (null when it vanished). */
  current?: Row | null
  /** FK_VIOLATION: the relation involved. */
  relation?: { table: string; columns: string[]; referencedTable: string; referencedColumns: string[] }
  /** FK_VIOLATION on delete: how many rows still depend on the row. */
  dependentRows?: number
  /** DATABASE_NOT_FOUND: the statement that would create it. */
  createStatement?: string
  /** Connection errors: where we tried to go. */
  address?: string
  /** MIGRATION_FAILED: which migration, and what state the schema is left in. */
  migration?: string
  partiallyApplied?: boolean
  /** NOT_ROWBOAT_SCHEMA: the migration tables of other tools found in the database. */
  otherTools?: Array<{ tool: string; table: string; current: string | null }>
  /** Batches: which operation of the batch failed (0-based). */
  operationIndex?: number
  /** CONFIRMATION_REQUIRED: the absolute path the server would create, to show and confirm. */
  resolvedPath?: string
  /** SSH_HOST_KEY_UNKNOWN / SSH_HOST_KEY_CHANGED: the fingerprint the bastion presented (`SHA256:…`). */
  hostKey?: string
  /** SSH errors: the bastion, `user@host:port`. */
  sshAddress?: string
  /** The database's own error code, for the curious and for bug reports. */
  driverCode?: string
}

export interface AppErrorData {
  code: ErrorCode
  message: string
  /** What the user can do about it, in plain language. */
  hint?: string
  /** The input field the error is about, when there is one. */
  field?: string
  details?: ErrorDetails
  /** INTERNAL: the id of the log entry holding the full error, for the user to quote in a report. */
  errorId?: string
}

/**
 * The one error type on both sides of the API. The engine throws it; the router turns it into
 * a value; the renderer's client turns the value back into this class.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly hint?: string
  readonly field?: string
  readonly details?: ErrorDetails
  readonly errorId?: string

  constructor(data: AppErrorData) {
    super(data.message)
    this.name = 'AppError'
    this.code = data.code
    this.hint = data.hint
    this.field = data.field
    this.details = data.details
    this.errorId = data.errorId
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message }
    if (this.hint !== undefined) data.hint = this.hint
    if (this.field !== undefined) data.field = this.field
    if (this.details !== undefined) data.details = this.details
    if (this.errorId !== undefined) data.errorId = this.errorId
    return data
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
