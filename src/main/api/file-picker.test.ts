import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { FileGrants } from './file-grants'
import { typedFolderGrant } from './file-picker'

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-folder-')))
mkdirSync(join(dir, 'app'))
symlinkSync(join(dir, 'app'), join(dir, 'link'))

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('a project folder typed in the browser host', () => {
  it('is granted only after the user confirmed the path the server resolved (symlinks followed)', () => {
    const grants = new FileGrants()
    const first = refusal(() => typedFolderGrant(grants, { path: join(dir, 'link') }))
    expect(first.code).toBe('CONFIRMATION_REQUIRED')
    expect(first.details?.resolvedPath).toBe(join(dir, 'app'))
    // Confirming the typed path instead of the resolved one is not a confirmation.
    expect(refusal(() => typedFolderGrant(grants, { path: join(dir, 'link'), confirmPath: join(dir, 'link') })).code).toBe(
      'CONFIRMATION_REQUIRED',
    )
    const grant = typedFolderGrant(grants, { path: join(dir, 'link'), confirmPath: join(dir, 'app') })
    expect(grants.resolve(grant.id, 'folder', 'folder').path).toBe(join(dir, 'app'))
  })

  it('refuses relative paths, missing folders, files, system folders and the root', () => {
    const grants = new FileGrants()
    expect(refusal(() => typedFolderGrant(grants, { path: 'app' })).code).toBe('INVALID_INPUT')
    expect(refusal(() => typedFolderGrant(grants, { path: join(dir, 'missing') })).code).toBe('INVALID_INPUT')
    expect(refusal(() => typedFolderGrant(grants, { path: '/etc', confirmPath: '/etc' })).code).toBe('PERMISSION_DENIED')
    expect(refusal(() => typedFolderGrant(grants, { path: '/', confirmPath: '/' })).code).toBe('PERMISSION_DENIED')
    expect(refusal(() => grants.grantFolder(join(dir, 'app', '..', 'app', 'x'))).code).toBe('INVALID_INPUT')
  })
})
