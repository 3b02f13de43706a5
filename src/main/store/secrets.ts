import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJsonFile, writeFileAtomic } from './atomic-file'

/**
 * Where saved passwords live. By default nowhere on disk: in memory for this run. When the user
 * asks to remember one, it is encrypted with the best cipher the host has and written to
 * secrets.json — never into connections.json, never back to the renderer.
 */
export interface SecretCipher {
  /** `keychain`: the OS keychain holds the key (Electron safeStorage). `local-key`: a key file in the data folder. */
  kind: 'keychain' | 'local-key'
  /** How the user is told their password is protected. */
  description: string
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/** AES-256-GCM with a random key kept in the data folder (mode 0600). Keeps passwords out of plain
 * sight and out of copies of connections.json; it does not stop someone who can read the folder. */
export function localKeyCipher(dataDir: string): SecretCipher {
  const keyFile = join(dataDir, 'secret.key')
  const key = existsSync(keyFile) ? Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex') : createKey(keyFile)
  return {
    kind: 'local-key',
    description: `Encrypted with a key kept in ${keyFile}, readable only by your user account. This keeps it out of plain sight, but anyone who can read that folder can decrypt it.`,
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

function createKey(keyFile: string): Buffer {
  const key = randomBytes(32)
  writeFileAtomic(keyFile, key.toString('hex'), 0o600)
  return key
}

type SealedFile = Record<string, { kind: SecretCipher['kind']; sealed: string }>

export class SecretStore {
  private readonly memory = new Map<string, string>()
  private readonly file: string

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = join(dataDir, 'secrets.json')
  }

  get protection(): string {
    return this.cipher.description
  }

  /** `remember`: also keep it on disk, encrypted; otherwise for this run only. */
  set(id: string, password: string, remember: boolean): void {
    this.memory.set(id, password)
    const sealed = this.readSealed()
    if (remember) sealed[id] = { kind: this.cipher.kind, sealed: this.cipher.encrypt(password).toString('base64') }
    else delete sealed[id]
    this.writeSealed(sealed)
  }

  get(id: string): string | null {
    const inMemory = this.memory.get(id)
    if (inMemory !== undefined) return inMemory
    const entry = this.readSealed()[id]
    if (!entry || entry.kind !== this.cipher.kind) return null
    try {
      return this.cipher.decrypt(Buffer.from(entry.sealed, 'base64'))
    } catch {
      return null
    }
  }

  where(id: string): 'none' | 'memory' | 'disk' {
    if (this.readSealed()[id]) return 'disk'
    return this.memory.has(id) ? 'memory' : 'none'
  }

  delete(id: string): void {
    this.memory.delete(id)
    const sealed = this.readSealed()
    if (id in sealed) {
      delete sealed[id]
      this.writeSealed(sealed)
    }
  }

  private readSealed(): SealedFile {
    const read = readJsonFile<SealedFile>(this.file, (v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as SealedFile) : null))
    return read.state === 'ok' ? read.value : {}
  }

  private writeSealed(sealed: SealedFile): void {
    if (Object.keys(sealed).length === 0 && !existsSync(this.file)) return
    writeFileAtomic(this.file, JSON.stringify(sealed, null, 2))
  }
}
