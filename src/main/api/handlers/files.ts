import { statSync } from 'node:fs'
import type { ExportTarget, PickedFile } from '../../../shared/contract/files'
import type { FileGrant } from '../file-grants'
import type { Handlers } from '../router'

export const fileHandlers: Pick<Handlers, 'files.pickImport' | 'files.pickExport'> = {
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
