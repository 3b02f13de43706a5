import { mkdtempSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isSystemFolder, requireConfirmation, sqliteCreatePath } from './sqlite-create-rule'

describe('where a SQLite file may be created', () => {
  it('knows system folders and roots', () => {
    for (const folder of ['/', '/etc', '/etc/ssl', '/usr/local/lib', '/var/lib/mysql', '/System/Library', '/proc/self'])
      expect(isSystemFolder(folder), folder).toBe(true)
    for (const folder of ['/home/ann', '/tmp', '/var/tmp', '/Users/ann/Documents', '/etcetera', '/srv/data'])
      expect(isSystemFolder(folder), folder).toBe(false)
    for (const folder of ['C:\\', 'C:\\Windows', 'c:\\windows\\system32', 'D:\\Program Files\\x', '\\\\server\\share'])
      expect(isSystemFolder(folder, '\\'), folder).toBe(true)
    expect(isSystemFolder('C:\\Users\\Ann\\Documents', '\\')).toBe(false)
  })

  it('resolves the folder and refuses missing or system ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowboat-rule-'))
    expect(sqliteCreatePath(join(dir, 'x.db'))).toBe(join(realpathSync(dir), 'x.db'))
    expect(() => sqliteCreatePath(join(dir, 'no', 'x.db'))).toThrow(expect.objectContaining({ code: 'SQLITE_DIR_MISSING' }))
    expect(() => sqliteCreatePath('/etc/x.db')).toThrow(expect.objectContaining({ code: 'PERMISSION_DENIED' }))
    expect(() => sqliteCreatePath('/x.db')).toThrow(expect.objectContaining({ code: 'PERMISSION_DENIED' }))
  })

  it('asks for the exact resolved path', () => {
    expect(() => requireConfirmation('/home/ann/x.db', undefined)).toThrow(
      expect.objectContaining({ code: 'CONFIRMATION_REQUIRED', details: { resolvedPath: '/home/ann/x.db' } }),
    )
    expect(() => requireConfirmation('/home/ann/x.db', '/home/ann/../ann/x.db')).toThrow(
      expect.objectContaining({ code: 'CONFIRMATION_REQUIRED' }),
    )
    expect(() => requireConfirmation('/home/ann/x.db', '/home/ann/x.db')).not.toThrow()
  })
})
