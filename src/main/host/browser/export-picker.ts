import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { exportFileName, safeFileName, withExportExtension, type FileGrants } from '../../api/file-grants'
import { notOffered, typedFolderGrant, type FilePicker } from '../../api/file-picker'

/**
 * The browser host's picker. Imports come only through the upload route, so there is no Open
 * dialog. An export goes to a file the server names in its exports folder, from the suggested name
 * made safe (or table + date), never over a file already there; the browser then downloads it,
 * and "Save as" is the browser's own download prompt.
 */
export function browserFilePicker(grants: FileGrants, exportDir: string): FilePicker {
  return {
    pickImport: () => Promise.reject(notOffered()),
    pickFolder: async (request) => typedFolderGrant(grants, request),
    async pickExport({ table, kind, name }) {
      mkdirSync(exportDir, { recursive: true, mode: 0o700 })
      const wanted = withExportExtension(name ? safeFileName(name, exportFileName(table, kind)) : exportFileName(table, kind), kind)
      return grants.grantWrite(join(exportDir, freeName(exportDir, wanted)))
    },
  }
}

/** `wanted`, or `stem-<random>.ext` when a file of that name is already there. */
function freeName(folder: string, wanted: string): string {
  if (!existsSync(join(folder, wanted))) return wanted
  const dot = wanted.lastIndexOf('.')
  return `${wanted.slice(0, dot)}-${randomBytes(3).toString('hex')}${wanted.slice(dot)}`
}
