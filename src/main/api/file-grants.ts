import { randomBytes } from 'node:crypto'
import { lstatSync, realpathSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { AppError } from '../../shared/errors'
import { isSystemFolder } from '../engine/connection/sqlite-create-rule'

/**
 * Files cross the API only as grants the main process made: the page never sends a path. A host
 * grants a file when the user chose it (Electron's Open/Save dialogs), uploaded it (the browser
 * host's uploads area) or when the host itself named it (the browser host's exports area); the
 * page gets back an opaque, unguessable handle id and a name to show. Handlers turn the id back
 * into the checked absolute path, so the engine only ever sees files a grant covers.
 *
 * Lives in api/ because handlers resolve grants and api/ may not import a host; both hosts fill it.
 */
export type GrantAccess = 'read' | 'write' | 'folder'

export interface FileGrant {
  id: string
  access: GrantAccess
  /** Absolute, with its folder's symlinks resolved. */
  path: string
  /** What the page may show: the file's own name. */
  name: string
  /** write: the file existed when granted, so writing it replaces someone's file. */
  existed: boolean
  /** write: the user already confirmed replacing it (a native Save dialog asks). */
  overwriteConfirmed: boolean
  /** read: the host made this copy (an upload): it is deleted when the import ends or the app closes. */
  temporary: boolean
  expiresAt: number
}

/** A grant nobody used for this long is gone, and an upload with it (a page closed mid-import, say). */
const GRANT_IDLE_MS = 60 * 60 * 1000
/** Paths longer than this are refused everywhere (Windows' extended limit). */
export const MAX_PATH_LENGTH = 4096

export class FileGrants {
  private readonly grants = new Map<string, FileGrant>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Grants reading an existing regular file. */
  grantRead(path: string, options: { temporary?: boolean; name?: string } = {}): FileGrant {
    const file = checkedPath(path)
    const info = lstatSync(file, { throwIfNoEntry: false })
    if (!info?.isFile())
      throw new AppError({ code: 'INVALID_INPUT', message: `${basename(file)} is not a file Rowboat can read.`, field: 'source.file' })
    return this.add({
      access: 'read',
      path: file,
      name: options.name ?? basename(file),
      existed: true,
      overwriteConfirmed: false,
      temporary: options.temporary ?? false,
    })
  }

  /**
   * Grants reading a project folder (its migrations, loaded and run by the main process). The path
   * is resolved through every symlink; a system folder or a file system root is refused.
   */
  grantFolder(path: string): FileGrant {
    if (path.length === 0 || path.length > MAX_PATH_LENGTH || path.includes('\0') || !isAbsolute(path)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: 'Rowboat refuses that folder name: give the absolute path of your project folder.',
        field: 'path',
      })
    }
    let folder: string
    try {
      folder = realpathSync(path)
    } catch {
      throw new AppError({ code: 'INVALID_INPUT', message: `There is no folder at ${path}.`, field: 'path' })
    }
    if (!statSync(folder).isDirectory()) throw new AppError({ code: 'INVALID_INPUT', message: `${folder} is not a folder.`, field: 'path' })
    if (isSystemFolder(folder)) {
      throw new AppError({
        code: 'PERMISSION_DENIED',
        message: `${folder} is a system folder, not a project folder.`,
        hint: 'Choose the folder of your own project.',
        field: 'path',
      })
    }
    return this.add({ access: 'folder', path: folder, name: basename(folder), existed: true, overwriteConfirmed: false, temporary: false })
  }

  /** Grants writing a file (new, or one the user chose to replace). */
  grantWrite(path: string, options: { overwriteConfirmed?: boolean } = {}): FileGrant {
    const file = checkedPath(path)
    const info = lstatSync(file, { throwIfNoEntry: false })
    if (info && !info.isFile())
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `${basename(file)} is not a regular file; Rowboat will not write there.`,
        field: 'destination.file',
      })
    return this.add({
      access: 'write',
      path: file,
      name: basename(file),
      existed: info !== undefined,
      overwriteConfirmed: options.overwriteConfirmed ?? false,
      temporary: false,
    })
  }

  /** The grant behind an id, for this kind of access; a typed error when there is none. */
  resolve(id: string, access: GrantAccess, field: string): FileGrant {
    this.prune()
    const grant = this.grants.get(id)
    if (!grant || grant.access !== access) {
      throw new AppError({
        code: 'INVALID_INPUT',
        field,
        message: 'That file is no longer available to Rowboat.',
        hint: access === 'read' ? 'Choose the file again.' : access === 'folder' ? 'Choose the project folder again.' : 'Export again.',
      })
    }
    grant.expiresAt = this.now() + GRANT_IDLE_MS
    return grant
  }

  /**
   * An export's destination: the write grant behind `destination.file`, turned into the path to write
   * and whether it replaces a file. A file that was there when granted is replaced only when the user
   * said so (`overwrite` here, or in the Save dialog); otherwise FILE_EXISTS, and the grant stays for
   * a retry with `overwrite`. Single use: once claimed, the handle cannot be replayed to write again.
   */
  claimWrite(destination: { file: string; overwrite: boolean }): { path: string; replace: boolean } {
    const grant = this.resolve(destination.file, 'write', 'destination.file')
    const replace = grant.existed && (grant.overwriteConfirmed || destination.overwrite)
    if (grant.existed && !replace) throw fileExists(grant.name)
    this.release(grant.id)
    return { path: grant.path, replace }
  }

  /** Ends a grant (a write grant is single-use); a temporary file (an upload) is deleted. */
  release(id: string): void {
    const grant = this.grants.get(id)
    if (!grant) return
    this.grants.delete(id)
    if (grant.temporary) rmSync(grant.path, { force: true })
  }

  /** Every grant ends (the app closes): uploads are deleted. */
  releaseAll(): void {
    for (const id of [...this.grants.keys()]) this.release(id)
  }

  private add(grant: Omit<FileGrant, 'id' | 'expiresAt'>): FileGrant {
    this.prune()
    const full: FileGrant = { ...grant, id: randomBytes(18).toString('base64url'), expiresAt: this.now() + GRANT_IDLE_MS }
    this.grants.set(full.id, full)
    return full
  }

  private prune(): void {
    const now = this.now()
    for (const [id, grant] of this.grants) if (grant.expiresAt <= now) this.release(id)
  }
}

function fileExists(name: string): AppError {
  return new AppError({
    code: 'FILE_EXISTS',
    field: 'destination.overwrite',
    message: `${name} is already there.`,
    hint: 'Confirm replacing it, or choose another name.',
  })
}

/**
 * An absolute path with its folder resolved through symlinks, or a typed error. Only hosts call
 * this, with paths from a dialog or that they made themselves; the checks are a second line.
 */
export function checkedPath(path: string): string {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH || path.includes('\0') || !isAbsolute(path)) {
    throw new AppError({ code: 'INVALID_INPUT', message: 'Rowboat refuses that file name.', field: 'file' })
  }
  let folder: string
  try {
    folder = realpathSync(dirname(path))
  } catch {
    throw new AppError({ code: 'INVALID_INPUT', message: `The folder of ${basename(path)} does not exist.`, field: 'file' })
  }
  if (!statSync(folder).isDirectory())
    throw new AppError({ code: 'INVALID_INPUT', message: `The folder of ${basename(path)} is not a folder.`, field: 'file' })
  return join(folder, basename(path))
}

/** A name safe to put in a folder: no separators, no leading dots, printable, bounded. The one such function. */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120)
  return cleaned || fallback
}

/** "users-2026-12-04.csv": the default name of an export. */
export function exportFileName(table: string, kind: 'csv' | 'jsonl', now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  return `${safeFileName(table, 'export')}-${day}.${kind}`
}

/** `name` with the export's extension (a name ending in another export extension has it swapped). */
export function withExportExtension(name: string, kind: 'csv' | 'jsonl'): string {
  const stem = name.replace(/\.(csv|jsonl|tsv|txt)$/i, '')
  return `${stem}.${kind}`
}
