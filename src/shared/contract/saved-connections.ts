import { z } from 'zod'
import { channel } from './define'
import type { Dialect } from '../connection-types'
import type { SessionInfo } from './connections'
import { sshTunnelInput, type SshTunnelView } from './ssh'
import { fileHandleSchema } from './files'

export interface SavedConnection {
  id: string
  name: string
  /** The connection string without its password. */
  url: string
  dialect: Dialect
  /** `#rrggbb`, shown beside the name so production looks different from development. */
  color: string | null
  /** Sessions opened from it refuse every write and migration. */
  readOnly: boolean
  /** `sample`: the built-in demo database; `environment`: from DATABASE_URL, never saved. */
  source: 'saved' | 'sample' | 'environment'
  /** Whether a password is known, and how long it is kept. The password itself never comes back. */
  password: 'none' | 'session' | 'remembered'
  /** The SSH bastion it goes through, if any (its passphrase or password never comes back). */
  ssh: SshTunnelView | null
  /** Whether the TLS client key's passphrase is known, and how long it is kept; it never comes back. */
  sslPassword: 'none' | 'session' | 'remembered'
  /** SQLite: the folder a relative path resolves in, for display (set with a folder grant). */
  relativeFolder?: string
}

export interface SavedConnectionList {
  connections: SavedConnection[]
  /** E.g. a corrupt connections file that was set aside. */
  warnings: string[]
  /** How a remembered password is protected on this host, in words for the user. */
  passwordProtection: string
}

const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'colour must look like #1e90ff')
  .nullable()
const nameSchema = z.string().trim().min(1, 'name is required').max(100, 'name can be at most 100 characters')
const idInput = z.object({ id: z.string().min(1, 'id is required') })

export const saveConnectionInput = z.object({
  name: nameSchema,
  url: z.string().min(1, 'connection string is required').max(4096),
  /** When given, replaces any password inside `url`. */
  password: z.string().max(1024).optional(),
  /** The TLS client key's passphrase; when given, replaces any sslpassword/ssl_key_password inside `url`. */
  sslPassword: z.string().max(1024).optional(),
  color: colorSchema.default(null),
  readOnly: z.boolean().default(false),
  /** Keep the password on disk (encrypted, see passwordProtection) instead of for this run only. */
  rememberPassword: z.boolean().default(false),
  /** An SSH bastion; its passphrase/password are kept like the database password (same `rememberPassword`). */
  ssh: sshTunnelInput.optional(),
  /** SQLite: a folder grant (files.pickFolder) that relative paths resolve in; the main process keeps its path. */
  relativeFolder: fileHandleSchema.optional(),
})

export const updateConnectionInput = idInput.extend({
  name: nameSchema.optional(),
  url: z.string().min(1).max(4096).optional(),
  /** A new password; null forgets the known one. */
  password: z.string().max(1024).nullable().optional(),
  /** A new TLS key passphrase; null forgets the known one. */
  sslPassword: z.string().max(1024).nullable().optional(),
  color: colorSchema.optional(),
  readOnly: z.boolean().optional(),
  rememberPassword: z.boolean().optional(),
  /** A new SSH bastion (a secret left out keeps the known one); null removes the tunnel. */
  ssh: sshTunnelInput.nullable().optional(),
  /** A new folder grant for relative SQLite paths; null forgets the folder. */
  relativeFolder: fileHandleSchema.nullable().optional(),
})

export const openSavedInput = idInput.extend({
  /** For a connection whose password is not known (or to try another one). */
  password: z.string().max(1024).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  /** The SSH key passphrase or password for this time, when none is known. */
  sshSecret: z.string().max(1024).optional(),
  /** The TLS client key's passphrase for this time, when none is known. */
  sslPassword: z.string().max(1024).optional(),
})

export const savedConnectionChannels = {
  'connections.list': channel<SavedConnectionList>()(z.object({}).optional()),
  'connections.save': channel<SavedConnection>()(saveConnectionInput),
  'connections.update': channel<SavedConnection>()(updateConnectionInput),
  'connections.delete': channel<{ deleted: boolean }>()(idInput),
  'connections.duplicate': channel<SavedConnection>()(idInput),
  /** Opens a session from a saved connection; the engine reads its password itself. */
  'connections.open': channel<SessionInfo>()(openSavedInput),
}
