import { AppError } from '../../shared/errors'
import type { FileGrant } from './file-grants'

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
}

/** A host without a way to choose files (tests set their own). */
export const noFilePicker: FilePicker = {
  pickImport: () => Promise.reject(notOffered()),
  pickExport: () => Promise.reject(notOffered()),
}

export function notOffered(): AppError {
  return new AppError({ code: 'INVALID_INPUT', message: 'This Rowboat host does not offer that way to choose a file.', hint: 'In the browser, upload the file instead.' })
}
