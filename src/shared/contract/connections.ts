import { z } from 'zod'
import { channel, sessionInput } from './define'
import type { Dialect } from '../connection-types'
import type { MigrationOwnership } from './migrations'
import { sshTunnelInput } from './ssh'
import { fileHandleSchema } from './files'

export const connectionUrlInput = z.object({
  /** A connection string: `postgres://…`, `mysql+pymysql://…`, `sqlite:///app.db`, a path to a .db file. */
  url: z.string().min(1, 'connection string is required').max(4096, 'connection string is too long'),
  /** Overrides the URL's password, so a password need not sit inside the string. */
  password: z.string().max(1024).optional(),
  /** Overrides the URL's TLS client key passphrase (sslpassword, ssl_key_password), kept out of the string like the password. */
  sslPassword: z.string().max(1024).optional(),
  /** Gives up after this long (default 5000 ms). */
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  /** Reach the server through an SSH bastion; the URL's host and port are as the bastion sees them. */
  ssh: sshTunnelInput.optional(),
  /**
   * A relative SQLite path (`sqlite:///app.db`) resolves in this folder (a grant from
   * files.pickFolder) instead of Rowboat's own base folder; its Flask `instance/` subfolder is
   * used when only that holds the file.
   */
  relativeFolder: fileHandleSchema.optional(),
  /** Or the folder a saved connection keeps for this (its id): testing an edited saved connection uses it too. */
  relativeFolderOf: z.string().min(1).max(100).optional(),
})
export type ConnectionUrlInput = z.input<typeof connectionUrlInput>

export const createDatabaseInput = connectionUrlInput.extend({
  /**
   * SQLite: the absolute path the server answered in CONFIRMATION_REQUIRED (`details.resolvedPath`)
   * and the user confirmed; a file is created only at exactly that path.
   */
  confirmPath: z.string().max(4096).optional(),
})

export interface MigrationSummary {
  /** False when the migrations table does not exist (the database was never migrated by us). */
  tracked: boolean
  applied: number
  pending: number
  /** The newest applied migration's name, when any. */
  current: string | null
  /** Whether Rowboat's own migrations may run on this database, and which other tools keep its schema. */
  ownership: MigrationOwnership
}

/**
 * Whether the tested session is encrypted, as the server itself reports it (pg_stat_ssl,
 * Ssl_version/Ssl_cipher). Version and cipher are null when the server did not say.
 */
export type ConnectionEncryption = { encrypted: false } | { encrypted: true; version: string | null; cipher: string | null }

export interface ConnectionTestResult {
  ok: true
  dialect: Dialect
  serverVersion: string
  database: string
  /** Round trip of a trivial query, in whole milliseconds. */
  latencyMs: number
  tableCount: number
  migrations: MigrationSummary
  /** The URL for display, password masked. */
  display: string
  /** SQLite: the absolute path of the file tested (relative paths resolved). */
  resolvedPath?: string
  /** SQLite: how a relative path was resolved, when not plainly (e.g. "found in the Flask instance folder (…)"). */
  pathNote?: string
  /** Servers only; absent for SQLite, or when the server could not be asked (that never fails the test). */
  encryption?: ConnectionEncryption
  /**
   * A MySQL URL without a database (a server-level connection): the databases this account sees,
   * to pick one from after Connect. tableCount and migrations then say nothing.
   */
  databases?: ServerDatabase[]
  /** Present when the test went through an SSH bastion. */
  tunnel?: { host: string; port: number; user: string; hostKey: string; description: string }
}

export interface SessionInfo {
  sessionId: string
  dialect: Dialect
  database: string
  serverVersion: string
  display: string
  openedAt: string
  /** Writes and migrations are refused in a read-only session. */
  readOnly: boolean
  /**
   * Opened without a database (MySQL `mysql://root@host:3306`): no tables to browse; the page
   * lists the server's databases (sessions.databases) and opens one (sessions.useDatabase).
   */
  serverLevel?: true
}

/** A database on a server, as a server-level session lists it. */
export interface ServerDatabase {
  name: string
  /** The server's own (information_schema, mysql, performance_schema, sys). */
  system: boolean
}

/** What Create database did: the statement it ran on the server, or the empty SQLite file it made. */
export type CreatedDatabase = { statement: string; file: null } | { statement: null; file: string }

export const connectionChannels = {
  /** Opens a short-lived connection, runs a trivial query and closes it; or diagnoses why not. */
  'connections.test': channel<ConnectionTestResult>()(connectionUrlInput),
  /** Creates the database the URL names (after DATABASE_NOT_FOUND); answers the statement it ran, or the file it made. */
  'connections.createDatabase': channel<CreatedDatabase>()(createDatabaseInput),
  'sessions.open': channel<SessionInfo>()(connectionUrlInput),
  'sessions.close': channel<{ closed: boolean }>()(sessionInput),
  'sessions.list': channel<SessionInfo[]>()(z.object({}).optional()),
  /** A server-level session's databases (the user's own first, then the server's). */
  'sessions.databases': channel<ServerDatabase[]>()(sessionInput),
  /**
   * Opens the database picked in a server-level session as a session of its own (same server,
   * login, TLS and tunnel settings), and closes the server-level one.
   */
  'sessions.useDatabase': channel<SessionInfo>()(
    sessionInput.extend({ database: z.string().min(1, 'database is required').max(255, 'database name is too long') }),
  ),
}
