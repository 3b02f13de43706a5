import { z } from 'zod'
import { channel, tableNameSchema } from './define'

/**
 * Files cross the boundary only as grants the main process made (docs/architecture.md, "Files").
 * The page never sends a path: it asks the host to pick or name a file and gets back an opaque
 * handle id, which transfer.inspect/import/export accept in place of a path.
 */
export const fileHandleSchema = z
  .string()
  .min(16, 'not a file handle')
  .max(64, 'not a file handle')
  .regex(/^[A-Za-z0-9_-]+$/, 'not a file handle')

/**
 * Where an export writes (transfer.export, query.export): a write grant (files.pickExport); a file that
 * was already there is replaced only with `overwrite: true` (FileGrants.claimWrite).
 */
export const exportDestinationSchema = z.strictObject({ file: fileHandleSchema, overwrite: z.boolean().default(false) })

export interface PickedFile {
  /** The handle id to pass as `source.file` / `destination.file`. */
  file: string
  /** The file's own name, for display. */
  name: string
  bytes: number
}

export interface ExportTarget {
  /** The handle id to pass as `destination.file`. */
  file: string
  /** The file's own name (the browser host's download is offered under it). */
  name: string
  /** A file of that name is there already: the export replaces it only with `overwrite: true`. */
  exists: boolean
  /** The user already confirmed replacing it (the native Save dialog asks). */
  overwriteConfirmed: boolean
}

export const pickExportInput = z.strictObject({
  table: tableNameSchema,
  kind: z.enum(['csv', 'jsonl']),
  /** A name to suggest; the host makes it safe (and, in the browser host, unique in its exports area). */
  name: z.string().max(255).optional(),
})

export interface PickedFolder {
  /** The handle id of the folder grant (for migrations.setSource). */
  folder: string
  /** The folder's own name, for display. */
  name: string
  /** The absolute path the host resolved (symlinks followed), which the user chose or confirmed. */
  path: string
}

/**
 * Electron ignores both fields and shows the native folder dialog. The browser host has no such
 * dialog: the user types a folder path, the server resolves it and answers CONFIRMATION_REQUIRED
 * with `details.resolvedPath`; the page shows that and repeats the call with `confirmPath` equal to it.
 */
export const pickFolderInput = z.strictObject({
  path: z.string().min(1).max(4096).optional(),
  confirmPath: z.string().max(4096).optional(),
})

export const filesChannels = {
  /** A project folder (for migrations): Electron's folder dialog, or a typed path the user confirmed; null when cancelled. */
  'files.pickFolder': channel<PickedFolder | null>()(pickFolderInput),
  /** Electron: the native Open dialog; null when cancelled. The browser host takes uploads instead. */
  'files.pickImport': channel<PickedFile | null>()(z.strictObject({}).optional()),
  /** Electron: the native Save dialog (default name in Downloads); the browser host names a file in its exports area. */
  'files.pickExport': channel<ExportTarget | null>()(pickExportInput),
}
