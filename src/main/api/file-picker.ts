import { AppError } from '../../shared/errors'
import { realpathSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { FileGrant, FileGrants } from './file-grants'

/**
 * How a host lets the user choose files: Electron shows native Open/Save dialogs
 * (host/electron-dialog-picker.ts), the browser host names exports itself and takes imports as
 * uploads (host/browser/export-picker.ts). Either way the answer is a grant, never a page string.
 */
export interface FilePicker {
  /** A read grant for the file the user opened; null when they cancelled. */
  pickImport(): Promise<FileGrant | null>
  /** A write grant for the file the user (or the host) chose; null when they cancelled. */
  pickExport(request: { table: string; kind: 'csv' | 'jsonl'; name?: string | undefined }): Promise<FileGrant | null>
  /** A folder grant (a project's migrations): a native folder dialog, or a typed path the user confirmed. */
  pickFolder(request: { path?: string | undefined; confirmPath?: string | undefined }): Promise<FileGrant | null>
}

/** A host without a way to choose files (tests set their own). */
export const noFilePicker: FilePicker = {
  pickImport: () => Promise.reject(notOffered()),
  pickExport: () => Promise.reject(notOffered()),
  pickFolder: () => Promise.reject(notOffered()),
}

/**
 * A folder the user typed (the browser host has no folder dialog), granted only once they saw the
 * resolved path: like connections.createDatabase, the first call answers CONFIRMATION_REQUIRED with
 * `details.resolvedPath`, and the page repeats it with `confirmPath` equal to what it showed.
 */
export function typedFolderGrant(grants: FileGrants, request: { path?: string | undefined; confirmPath?: string | undefined }): FileGrant {
  const typed = request.path?.trim() ?? ''
  if (!isAbsolute(typed)) {
    throw new AppError({
      code: 'INVALID_INPUT',
      field: 'path',
      message: 'Type the absolute path of your project folder (for example /home/me/my-app).',
    })
  }
  let resolved: string
  try {
    resolved = realpathSync(typed)
  } catch {
    throw new AppError({ code: 'INVALID_INPUT', field: 'path', message: `There is no folder at ${typed.slice(0, 300)}.` })
  }
  if (request.confirmPath !== resolved) {
    throw new AppError({
      code: 'CONFIRMATION_REQUIRED',
      field: 'confirmPath',
      message: `Use the migrations in ${resolved}? Rowboat will load and run the project's own migration files from there.`,
      hint: 'Confirm to use this folder.',
      details: { resolvedPath: resolved },
    })
  }
  return grants.grantFolder(resolved)
}

export function notOffered(): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: 'This Rowboat host does not offer that way to choose a file.',
    hint: 'In the browser, upload the file instead.',
  })
}
