import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { ConnectionConfig } from '../../shared/connection-types'
import { formatConnectionUrl, parseConnectionUrl } from '../../shared/connection-url'
import type { SavedConnection, SavedConnectionList } from '../../shared/contract/saved-connections'
import type { SshTunnel, SshTunnelView } from '../../shared/contract/ssh'
import { AppError } from '../../shared/errors'
import { readJsonFile, writeFileAtomic } from './atomic-file'
import type { SecretStore } from './secrets'

/** What connections.json holds per connection: never a password. */
interface StoredConnection {
  id: string
  name: string
  url: string
  color: string | null
  readOnly: boolean
  /** The SSH bastion, without its passphrase or password (those live in the SecretStore). */
  ssh?: StoredSsh
  /** SQLite: the folder a relative path resolves in, which the user chose (a folder grant's path). */
  relativeFolder?: string
  /** Where the migrations panel takes this connection's migrations from; absent: Rowboat's sample schema. */
  migrationSource?: StoredMigrationSource
}

/**
 * A project folder chosen as the migration source: its path as the user's pick granted it, the
 * kind Rowboat recognised there, and for Alembic the interpreter that runs the project's tool.
 */
export interface StoredMigrationSource {
  folder: string
  kind: 'sequelize' | 'alembic' | 'sql'
  interpreter?: string
}

/** The bastion's settings and the host key the person trusted (known-hosts for this connection). */
interface StoredSsh {
  host: string
  port: number
  user: string
  privateKeyPath?: string
  agent?: true
  hostKey?: string
}

interface StoredFile {
  version: 1
  connections: StoredConnection[]
}

export interface BuiltInConnection {
  id: string
  name: string
  url: string
  source: 'sample' | 'environment'
}

export interface ResolvedConnection {
  config: ConnectionConfig
  password: string | null
  readOnly: boolean
  display: string
  ssh?: SshTunnel
  /** SQLite: where a relative path resolves (the Flask instance/ rule applies there too). */
  relativeFolder?: string
}

export interface SaveFields {
  name: string
  url: string
  password?: string | null
  /** The TLS client key's passphrase; replaces one inside `url`. null forgets the known one (update only). */
  sslPassword?: string | null
  color: string | null
  readOnly: boolean
  rememberPassword: boolean
  /** null removes the tunnel (update only). */
  ssh?: SshTunnel | null
  /** The folder for relative SQLite paths, as the main process resolved a grant; null forgets it (update only). */
  relativeFolder?: string | null
}

export const SAMPLE_CONNECTION_ID = 'sample'
export const ENVIRONMENT_CONNECTION_ID = 'environment'

/**
 * Saved connections in `<dataDir>/connections.json`, written atomically; passwords go to the
 * SecretStore. The sample database and DATABASE_URL are listed first and are never written to disk.
 */
export class ConnectionStore {
  private readonly file: string
  private readonly warnings: string[] = []
  private builtIns: BuiltInConnection[] = []

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(dataDir, 'connections.json')
  }

  /** The sample database and DATABASE_URL. A password inside DATABASE_URL stays in memory. */
  setBuiltIns(builtIns: BuiltInConnection[]): void {
    this.builtIns = builtIns.map((b) => {
      const { config, password, sslPassword } = splitPassword(b.url)
      if (password !== null) this.secrets.set(b.id, password, false)
      if (sslPassword !== null) this.secrets.set(tlsSecretId(b.id), sslPassword, false)
      return { ...b, url: formatConnectionUrl(config) }
    })
  }

  private startOffer: string | null = null

  /** The connection the window opens at once when it first loads (the sample on a first start). */
  offerAtStart(id: string): void {
    this.startOffer = id
  }

  /** The offer, once: a reload or another window after that shows the connect screen. */
  takeStartOffer(): string | null {
    const offer = this.startOffer
    this.startOffer = null
    return offer
  }

  list(): SavedConnectionList {
    const builtIn = this.builtIns.map((b) => this.describe({ id: b.id, name: b.name, url: b.url, color: null, readOnly: false }, b.source))
    const saved = this.read().connections.map((c) => this.describe(c, 'saved'))
    return { connections: [...builtIn, ...saved], warnings: [...this.warnings], passwordProtection: this.secrets.protection }
  }

  save(fields: SaveFields): SavedConnection {
    const { config, password, sslPassword } = splitPassword(fields.url)
    const stored: StoredConnection = {
      id: randomUUID(),
      name: fields.name,
      url: formatConnectionUrl(config),
      color: fields.color,
      readOnly: fields.readOnly,
    }
    if (fields.ssh) stored.ssh = storedSsh(fields.ssh)
    if (fields.relativeFolder) stored.relativeFolder = fields.relativeFolder
    const file = this.read()
    file.connections.push(stored)
    this.write(file)
    const known = fields.password ?? password
    if (known !== null && known !== undefined) this.secrets.set(stored.id, known, fields.rememberPassword)
    const sshSecret = fields.ssh ? secretOf(fields.ssh) : undefined
    if (sshSecret !== undefined) this.secrets.set(sshSecretId(stored.id), sshSecret, fields.rememberPassword)
    const tlsSecret = fields.sslPassword ?? sslPassword
    if (tlsSecret !== null && tlsSecret !== undefined) this.secrets.set(tlsSecretId(stored.id), tlsSecret, fields.rememberPassword)
    return this.describe(stored, 'saved')
  }

  update(id: string, fields: Partial<SaveFields>): SavedConnection {
    const file = this.read()
    const stored = this.findSaved(file, id)
    const parsed = fields.url !== undefined ? splitPassword(fields.url) : null
    if (fields.name !== undefined) stored.name = fields.name
    if (parsed) stored.url = formatConnectionUrl(parsed.config)
    if (fields.color !== undefined) stored.color = fields.color
    if (fields.readOnly !== undefined) stored.readOnly = fields.readOnly
    if (fields.ssh === null) delete stored.ssh
    else if (fields.ssh !== undefined) stored.ssh = storedSsh(fields.ssh)
    if (fields.relativeFolder === null) delete stored.relativeFolder
    else if (fields.relativeFolder !== undefined) stored.relativeFolder = fields.relativeFolder
    this.write(file)
    this.updateSshSecret(id, fields)
    this.updateSecret(tlsSecretId(id), fields.sslPassword !== undefined ? fields.sslPassword : (parsed?.sslPassword ?? undefined), fields)
    const newPassword = fields.password !== undefined ? fields.password : (parsed?.password ?? undefined)
    if (newPassword === null) this.secrets.delete(id)
    else if (newPassword !== undefined) this.secrets.set(id, newPassword, fields.rememberPassword ?? this.secrets.where(id) === 'disk')
    else if (fields.rememberPassword !== undefined) {
      const current = this.secrets.get(id)
      if (current !== null) this.secrets.set(id, current, fields.rememberPassword)
    }
    return this.describe(stored, 'saved')
  }

  delete(id: string): boolean {
    this.refuseBuiltIn(id)
    const file = this.read()
    const before = file.connections.length
    file.connections = file.connections.filter((c) => c.id !== id)
    if (file.connections.length === before) return false
    this.write(file)
    this.secrets.delete(id)
    this.secrets.delete(sshSecretId(id))
    this.secrets.delete(tlsSecretId(id))
    return true
  }

  duplicate(id: string): SavedConnection {
    const source = this.resolveListed(id)
    const copy: StoredConnection = {
      id: randomUUID(),
      name: `${source.name} (copy)`,
      url: source.url,
      color: source.color,
      readOnly: source.readOnly,
    }
    if (source.ssh) copy.ssh = { ...source.ssh }
    if (source.relativeFolder !== undefined) copy.relativeFolder = source.relativeFolder
    if (source.migrationSource !== undefined) copy.migrationSource = { ...source.migrationSource }
    const file = this.read()
    file.connections.push(copy)
    this.write(file)
    const password = this.secrets.get(id)
    if (password !== null) this.secrets.set(copy.id, password, this.secrets.where(id) === 'disk')
    const sshSecret = this.secrets.get(sshSecretId(id))
    if (sshSecret !== null) this.secrets.set(sshSecretId(copy.id), sshSecret, this.secrets.where(sshSecretId(id)) === 'disk')
    const tlsSecret = this.secrets.get(tlsSecretId(id))
    if (tlsSecret !== null) this.secrets.set(tlsSecretId(copy.id), tlsSecret, this.secrets.where(tlsSecretId(id)) === 'disk')
    return this.describe(copy, 'saved')
  }

  /** The project folder chosen as this saved connection's migration source; null: Rowboat's sample schema (or a built-in connection). */
  migrationSource(id: string): StoredMigrationSource | null {
    if (this.isBuiltIn(id)) return null
    const stored = this.read().connections.find((c) => c.id === id)?.migrationSource
    return stored && isStoredMigrationSource(stored) ? stored : null
  }

  /**
   * Keeps the chosen migration source with the saved connection (null: back to Rowboat's set).
   * Answers false for a built-in connection, which is never written to disk.
   */
  setMigrationSource(id: string, source: StoredMigrationSource | null): boolean {
    if (this.isBuiltIn(id)) return false
    const file = this.read()
    const stored = this.findSaved(file, id)
    if (source === null) delete stored.migrationSource
    else stored.migrationSource = { ...source }
    this.write(file)
    return true
  }

  isBuiltIn(id: string): boolean {
    return this.builtIns.some((b) => b.id === id)
  }

  /** For opening a session: the config and password, read here so the renderer never holds it. */
  resolve(id: string, passwordOverride?: string, sshSecretOverride?: string, sslPasswordOverride?: string): ResolvedConnection {
    const entry = this.resolveListed(id)
    const parsed = parseConnectionUrl(entry.url)
    const sslPassword = sslPasswordOverride ?? this.secrets.get(tlsSecretId(id))
    const config = parsed.dialect === 'sqlite' || sslPassword === null ? parsed : { ...parsed, sslPassword }
    const resolved: ResolvedConnection = {
      config,
      password: passwordOverride ?? this.secrets.get(id),
      readOnly: entry.readOnly,
      display: formatConnectionUrl(config, { maskPassword: true }),
    }
    if (typeof entry.relativeFolder === 'string') resolved.relativeFolder = entry.relativeFolder
    if (entry.ssh) {
      const secret = sshSecretOverride ?? this.secrets.get(sshSecretId(id)) ?? undefined
      const { privateKeyPath, hostKey, ...where } = entry.ssh
      resolved.ssh = {
        ...where,
        ...(privateKeyPath !== undefined ? { privateKeyPath } : {}),
        ...(hostKey !== undefined ? { hostKey } : {}),
        ...(secret === undefined ? {} : privateKeyPath !== undefined ? { passphrase: secret } : { password: secret }),
      }
    }
    return resolved
  }

  /** A new secret replaces the known one; null forgets it; none given keeps it (moved to disk or memory as asked). */
  private updateSecret(secretId: string, given: string | null | undefined, fields: Partial<SaveFields>): void {
    if (given === null) return this.secrets.delete(secretId)
    if (given !== undefined) return this.secrets.set(secretId, given, fields.rememberPassword ?? this.secrets.where(secretId) === 'disk')
    if (fields.rememberPassword === undefined) return
    const current = this.secrets.get(secretId)
    if (current !== null) this.secrets.set(secretId, current, fields.rememberPassword)
  }

  /** A new SSH secret replaces the known one; none given keeps it; removing the tunnel forgets it. */
  private updateSshSecret(id: string, fields: Partial<SaveFields>): void {
    const secretId = sshSecretId(id)
    if (fields.ssh === null) return this.secrets.delete(secretId)
    const given = fields.ssh ? secretOf(fields.ssh) : undefined
    const remember = fields.rememberPassword ?? this.secrets.where(secretId) === 'disk'
    if (given !== undefined) this.secrets.set(secretId, given, remember)
    else if (fields.rememberPassword !== undefined) {
      const current = this.secrets.get(secretId)
      if (current !== null) this.secrets.set(secretId, current, fields.rememberPassword)
    }
  }

  private resolveListed(id: string): StoredConnection {
    const builtIn = this.builtIns.find((b) => b.id === id)
    if (builtIn) return { id, name: builtIn.name, url: builtIn.url, color: null, readOnly: false }
    return this.findSaved(this.read(), id)
  }

  private findSaved(file: StoredFile, id: string): StoredConnection {
    this.refuseBuiltIn(id)
    const found = file.connections.find((c) => c.id === id)
    if (!found) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: 'That saved connection does not exist any more.',
        hint: 'Reload the connection list.',
        field: 'id',
      })
    }
    return found
  }

  private refuseBuiltIn(id: string): void {
    const builtIn = this.builtIns.find((b) => b.id === id)
    if (builtIn) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `"${builtIn.name}" is built in and cannot be changed or deleted.`,
        hint:
          builtIn.source === 'environment'
            ? 'Change the DATABASE_URL environment variable instead, or duplicate it.'
            : 'Duplicate it to make a copy you can change.',
        field: 'id',
      })
    }
  }

  private describe(stored: StoredConnection, source: SavedConnection['source']): SavedConnection {
    const where = this.secrets.where(stored.id)
    const tlsWhere = this.secrets.where(tlsSecretId(stored.id))
    return {
      id: stored.id,
      name: stored.name,
      url: stored.url,
      dialect: parseConnectionUrl(stored.url).dialect,
      color: stored.color,
      readOnly: stored.readOnly,
      source,
      password: where === 'disk' ? 'remembered' : where === 'memory' ? 'session' : 'none',
      ssh: stored.ssh ? this.describeSsh(stored.id, stored.ssh) : null,
      sslPassword: tlsWhere === 'disk' ? 'remembered' : tlsWhere === 'memory' ? 'session' : 'none',
      ...(typeof stored.relativeFolder === 'string' ? { relativeFolder: stored.relativeFolder } : {}),
    }
  }

  private describeSsh(id: string, ssh: StoredSsh): SshTunnelView {
    const where = this.secrets.where(sshSecretId(id))
    return {
      host: ssh.host,
      port: ssh.port,
      user: ssh.user,
      privateKeyPath: ssh.privateKeyPath ?? null,
      agent: ssh.agent === true,
      hostKey: ssh.hostKey ?? null,
      secret: where === 'disk' ? 'remembered' : where === 'memory' ? 'session' : 'none',
    }
  }

  private read(): StoredFile {
    const read = readJsonFile(this.file, acceptFile)
    if (read.state === 'ok') return read.value
    if (read.state === 'corrupt') {
      this.warnings.push(`The saved connections file could not be read; it was kept as ${read.keptAs} and a new one started.`)
    }
    return { version: 1, connections: [] }
  }

  private write(file: StoredFile): void {
    writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`)
  }
}

/** The SecretStore entry for a connection's SSH passphrase or password. */
const sshSecretId = (id: string) => `${id}#ssh`

function storedSsh(ssh: SshTunnel): StoredSsh {
  return {
    host: ssh.host,
    port: ssh.port,
    user: ssh.user,
    ...(ssh.privateKeyPath !== undefined ? { privateKeyPath: ssh.privateKeyPath } : {}),
    ...(ssh.agent === true ? { agent: true as const } : {}),
    ...(ssh.hostKey !== undefined ? { hostKey: ssh.hostKey } : {}),
  }
}

/** The SecretStore entry for a connection's TLS client key passphrase. */
const tlsSecretId = (id: string) => `${id}#tls`

/** The one secret a tunnel needs: the key's passphrase with a key, else the SSH password. */
function secretOf(ssh: SshTunnel): string | undefined {
  return ssh.privateKeyPath !== undefined ? ssh.passphrase : ssh.password
}

/** The URL's secrets (password, TLS key passphrase) apart from what connections.json may hold. */
function splitPassword(url: string): { config: ConnectionConfig; password: string | null; sslPassword: string | null } {
  const config = parseConnectionUrl(url)
  if (config.dialect === 'sqlite') return { config, password: null, sslPassword: null }
  const { sslPassword, ...rest } = config
  return { config: { ...rest, password: null }, password: config.password, sslPassword: sslPassword ?? null }
}

function isStoredMigrationSource(value: StoredMigrationSource): boolean {
  return (
    typeof value.folder === 'string' &&
    ['sequelize', 'alembic', 'sql'].includes(value.kind) &&
    (value.interpreter === undefined || typeof value.interpreter === 'string')
  )
}

function acceptFile(value: unknown): StoredFile | null {
  if (!value || typeof value !== 'object') return null
  const candidate = value as Partial<StoredFile>
  if (candidate.version !== 1 || !Array.isArray(candidate.connections)) return null
  const valid = candidate.connections.every(
    (c: Partial<StoredConnection>) =>
      typeof c?.id === 'string' && typeof c.name === 'string' && typeof c.url === 'string' && typeof c.readOnly === 'boolean',
  )
  return valid ? (candidate as StoredFile) : null
}
