import { homedir } from 'node:os'
import { join } from 'node:path'
import { withExportExtension, safeFileName, exportFileName, type FileGrants } from '../api/file-grants'
import type { FilePicker } from '../api/file-picker'

/**
 * The desktop app's picker: the main process shows native Open/Save dialogs and grants what the
 * user chose. The dialogs are passed in (host/electron/main.ts binds Electron's `dialog`), so this
 * logic is tested without the Electron binary.
 */
export interface NativeDialogs {
  open(options: { title: string; defaultPath: string; filters: DialogFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>
  save(options: {
    title: string
    defaultPath: string
    filters: DialogFilter[]
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>
  openFolder(options: { title: string; defaultPath: string }): Promise<{ canceled: boolean; filePaths: string[] }>
}

export interface DialogFilter {
  name: string
  extensions: string[]
}

export const IMPORT_FILTERS: DialogFilter[] = [
  { name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
]

const EXPORT_FILTERS: Record<'csv' | 'jsonl', DialogFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  jsonl: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
}

export function dialogFilePicker(grants: FileGrants, dialogs: NativeDialogs, downloadsDir: string): FilePicker {
  return {
    async pickImport() {
      const answer = await dialogs.open({ title: 'Import a CSV file', defaultPath: downloadsDir, filters: IMPORT_FILTERS })
      const path = answer.filePaths[0]
      return answer.canceled || !path ? null : grants.grantRead(path)
    },
    // The native dialog is the user's choice: no typed path, no second confirmation.
    async pickFolder() {
      const answer = await dialogs.openFolder({ title: 'Choose your project folder (its migrations)', defaultPath: homedir() })
      const path = answer.filePaths[0]
      return answer.canceled || !path ? null : grants.grantFolder(path)
    },
    async pickExport({ table, kind, name }) {
      const suggested = withExportExtension(name ? safeFileName(name, exportFileName(table, kind)) : exportFileName(table, kind), kind)
      const answer = await dialogs.save({
        title: `Export ${table}`,
        defaultPath: join(downloadsDir, suggested),
        filters: EXPORT_FILTERS[kind],
      })
      if (answer.canceled || !answer.filePath) return null
      // The native Save dialog itself asks before the user picks a file that is there already
      // (Electron: showOverwriteConfirmation on Linux, always on macOS and Windows).
      return grants.grantWrite(answer.filePath, { overwriteConfirmed: true })
    },
  }
}
