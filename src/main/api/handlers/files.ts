import { statSync } from 'node:fs'
import type { ExportTarget, PickedFile, PickedFolder } from '../../../shared/contract/files'
import type { FileGrant } from '../file-grants'
import type { Handlers } from '../router'

export const fileHandlers: Pick<Handlers, 'files.pickImport' | 'files.pickExport' | 'files.pickFolder'> = {
  'files.pickFolder': async (input, { picker }) => {
    const grant = await picker.pickFolder({ path: input.path, confirmPath: input.confirmPath })
    return grant ? pickedFolder(grant) : null
  },

  'files.pickImport': async (_input, { picker }) => {
    const grant = await picker.pickImport()
    return grant ? pickedFile(grant) : null
  },

  'files.pickExport': async (input, { picker }) => {
    const grant = await picker.pickExport({ table: input.table, kind: input.kind, name: input.name })
    return grant ? exportTarget(grant) : null
  },
}

/** What the page learns about a grant: its id and the file's own name, never its path. */
export function pickedFile(grant: FileGrant): PickedFile {
  return { file: grant.id, name: grant.name, bytes: statSync(grant.path).size }
}

export function exportTarget(grant: FileGrant): ExportTarget {
  return { file: grant.id, name: grant.name, exists: grant.existed, overwriteConfirmed: grant.overwriteConfirmed }
}

/** A folder grant as the page sees it: the path is shown (the user chose or typed it) but never sent back. */
export function pickedFolder(grant: FileGrant): PickedFolder {
  return { folder: grant.id, name: grant.name, path: grant.path }
}
