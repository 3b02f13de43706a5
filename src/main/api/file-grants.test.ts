import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportFileName, FileGrants, safeFileName, withExportExtension } from './file-grants'

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-grants-')))

describe('FileGrants', () => {
  it('grants a file by an unguessable id and resolves it only for the granted access', () => {
    writeFileSync(join(dir, 'a.csv'), 'x')
    const grants = new FileGrants()
    const grant = grants.grantRead(join(dir, 'a.csv'))
    expect(grant.id).toMatch(/^[\w-]{24}$/)
    expect(grants.resolve(grant.id, 'read', 'source.file').path).toBe(join(dir, 'a.csv'))
    expect(() => grants.resolve(grant.id, 'write', 'destination.file')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'destination.file' }),
    )
    expect(() => grants.resolve('nope'.repeat(6), 'read', 'source.file')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('refuses relative paths, NUL bytes, symlinked files and missing folders', () => {
    const grants = new FileGrants()
    symlinkSync(join(dir, 'a.csv'), join(dir, 'link.csv'))
    for (const path of ['a.csv', '../a.csv', `${dir}/a\0.csv`, join(dir, 'link.csv'), join(dir, 'no', 'x.csv'), 'x'.repeat(5000)]) {
      expect(() => grants.grantRead(path), path).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    }
    expect(() => grants.grantWrite(join(dir, 'no', 'x.csv'))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('resolves the folder through symlinks, and notes whether a write would replace a file', () => {
    mkdirSync(join(dir, 'real'))
    symlinkSync(join(dir, 'real'), join(dir, 'alias'))
    const grants = new FileGrants()
    expect(grants.grantWrite(join(dir, 'alias', 'out.csv'))).toMatchObject({ path: join(dir, 'real', 'out.csv'), existed: false })
    expect(grants.grantWrite(join(dir, 'a.csv'))).toMatchObject({ existed: true, overwriteConfirmed: false })
  })

  it('claims a write grant once, replacing a file that was there only when the user said so', () => {
    writeFileSync(join(dir, 'there.csv'), 'x')
    const grants = new FileGrants()
    const fresh = grants.grantWrite(join(dir, 'new.csv'))
    expect(grants.claimWrite({ file: fresh.id, overwrite: false })).toEqual({ path: join(dir, 'new.csv'), replace: false })
    expect(() => grants.claimWrite({ file: fresh.id, overwrite: false })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))

    const existing = grants.grantWrite(join(dir, 'there.csv'))
    expect(() => grants.claimWrite({ file: existing.id, overwrite: false })).toThrow(
      expect.objectContaining({ code: 'FILE_EXISTS', field: 'destination.overwrite' }),
    )
    // Refused, the grant stays: the page asks and sends it again with overwrite.
    expect(grants.claimWrite({ file: existing.id, overwrite: true })).toEqual({ path: join(dir, 'there.csv'), replace: true })

    const confirmed = grants.grantWrite(join(dir, 'there.csv'), { overwriteConfirmed: true })
    expect(grants.claimWrite({ file: confirmed.id, overwrite: false })).toMatchObject({ replace: true })
    expect(() => grants.claimWrite({ file: grants.grantRead(join(dir, 'there.csv')).id, overwrite: true })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'destination.file' }),
    )
  })

  it('expires grants unused for an hour, deleting a temporary file with its grant', () => {
    let now = 0
    const grants = new FileGrants(() => now)
    writeFileSync(join(dir, 'up.upload'), 'x')
    const upload = grants.grantRead(join(dir, 'up.upload'), { temporary: true, name: 'shown.csv' })
    expect(upload.name).toBe('shown.csv')
    now = 50 * 60 * 1000
    grants.resolve(upload.id, 'read', 'source.file') // use keeps it alive
    now = 100 * 60 * 1000
    expect(grants.resolve(upload.id, 'read', 'source.file').name).toBe('shown.csv')
    now = 161 * 60 * 1000
    expect(() => grants.resolve(upload.id, 'read', 'source.file')).toThrow()
    expect(existsSync(join(dir, 'up.upload'))).toBe(false)
  })
})

describe('file names', () => {
  it('makes any name safe for a folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('..\\..\\win.ini')).toBe('win.ini')
    expect(safeFileName('.hidden')).toBe('hidden')
    expect(safeFileName('a\0b:c?.csv')).toBe('a_b_c_.csv')
    expect(safeFileName('...')).toBe('file')
    expect(safeFileName('x'.repeat(500))).toHaveLength(120)
  })

  it('names exports from the table and the day', () => {
    expect(exportFileName('users', 'csv', new Date(2026, 11, 4))).toBe('users-2026-12-04.csv')
    expect(exportFileName('../x', 'jsonl', new Date(2026, 0, 9))).toBe('x-2026-01-09.jsonl')
    expect(withExportExtension('users.csv', 'jsonl')).toBe('users.jsonl')
    expect(withExportExtension('users', 'csv')).toBe('users.csv')
  })
})
