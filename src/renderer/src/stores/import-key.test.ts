import { describe, expect, it } from 'vitest'
import type { ImportInspection, TargetColumn, UniqueKey } from '../../../shared/contract'
import { chooseKey } from './import-key'

const target = (name: string): TargetColumn => ({
  name,
  type: 'text',
  kind: 'text',
  required: false,
  nullable: true,
  hasDefault: false,
  autoIncrement: false,
  maxLength: null,
  primaryKey: name === 'id',
})
const primary: UniqueKey = { name: 'PRIMARY', columns: ['id'], primary: true }
const byEmail: UniqueKey = { name: 'users_email', columns: ['email'], primary: false }
const byHandle: UniqueKey = { name: 'users_handle', columns: ['handle'], primary: false }

const inspection = (mapping: Array<string | null>, uniqueKeys: UniqueKey[]): ImportInspection =>
  ({ mapping, uniqueKeys, targetColumns: ['id', 'handle', 'email'].map(target) }) as Partial<ImportInspection> as ImportInspection

describe('the import key offered', () => {
  it('keeps the key chosen while the table has it', () => {
    expect(chooseKey('users_email', inspection(['id', 'email'], [primary, byEmail]))).toBe('users_email')
  })

  it('offers the primary key when the file fills it', () => {
    expect(chooseKey(null, inspection(['email', 'id'], [byEmail, primary]))).toBe('PRIMARY')
    expect(chooseKey('gone', inspection(['email', 'id'], [byEmail, primary]))).toBe('PRIMARY')
  })

  it('else the filled key whose first column comes first in the table, whatever order the database lists keys in', () => {
    expect(chooseKey(null, inspection(['email', 'handle'], [primary, byEmail, byHandle]))).toBe('users_handle')
    expect(chooseKey(null, inspection(['email', 'handle'], [primary, byHandle, byEmail]))).toBe('users_handle')
    expect(chooseKey(null, inspection([null, 'email'], [primary, byHandle, byEmail]))).toBe('users_email')
  })

  it('else the primary key, else any key, else none', () => {
    expect(chooseKey(null, inspection(['title'], [byEmail, primary]))).toBe('PRIMARY')
    expect(chooseKey(null, inspection(['title'], [byEmail]))).toBe('users_email')
    expect(chooseKey(null, inspection(['title'], []))).toBeNull()
  })
})
