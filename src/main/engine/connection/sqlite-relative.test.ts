import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConnectionUrl } from '../../../shared/connection-url'
import { isRelativeSqliteStorage, relativeSqlitePath } from '../../../shared/sqlite-path'
import { sqliteBaseFor } from './sqlite-relative'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function project(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rowboat-relative-'))
  dirs.push(dir)
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), '')
  }
  return dir
}

const appDb = parseConnectionUrl('sqlite:///app.db')

describe('sqliteBaseFor', () => {
  it('uses the engine base folder when no folder was chosen', () => {
    const dir = project(['instance/app.db'])
    expect(sqliteBaseFor(appDb, '/engine/base', null)).toEqual({ baseDir: '/engine/base', note: null })
    expect(sqliteBaseFor(appDb, dir, null)).toEqual({ baseDir: dir, note: null })
  })

  it('uses the Flask instance folder when only it holds the file, and says so', () => {
    const dir = project(['instance/app.db'])
    const base = sqliteBaseFor(appDb, '/engine/base', dir)
    expect(base.baseDir).toBe(join(dir, 'instance'))
    expect(base.note).toContain('Flask instance folder')
  })

  it('prefers the file in the chosen folder itself', () => {
    const dir = project(['app.db', 'instance/app.db'])
    expect(sqliteBaseFor(appDb, '/engine/base', dir)).toEqual({ baseDir: dir, note: null })
  })

  it('keeps a missing file in the chosen folder (where Create database would make it)', () => {
    const dir = project(['instance/other.db'])
    expect(sqliteBaseFor(appDb, '/engine/base', dir)).toEqual({ baseDir: dir, note: null })
  })

  it('leaves absolute paths, the home folder and servers alone', () => {
    const dir = project(['instance/abs.db'])
    expect(sqliteBaseFor(parseConnectionUrl('sqlite:////tmp/abs.db'), '/engine/base', dir).baseDir).toBe('/engine/base')
    expect(sqliteBaseFor(parseConnectionUrl('postgres://u@h/db'), '/engine/base', dir).baseDir).toBe('/engine/base')
  })
})

describe('relative SQLite paths', () => {
  it('tells relative paths from the others', () => {
    expect(isRelativeSqliteStorage('app.db')).toBe(true)
    expect(isRelativeSqliteStorage('./data/app.db')).toBe(true)
    expect(isRelativeSqliteStorage('/srv/app.db')).toBe(false)
    expect(isRelativeSqliteStorage('~/app.db')).toBe(false)
    expect(isRelativeSqliteStorage('C:\\data\\app.db')).toBe(false)
    expect(isRelativeSqliteStorage(':memory:')).toBe(false)
  })

  it('reads it from a connection string', () => {
    expect(relativeSqlitePath('sqlite:///app.db')).toBe('app.db')
    expect(relativeSqlitePath('sqlite:////srv/app.db')).toBeNull()
    expect(relativeSqlitePath('sqlite://')).toBeNull()
    expect(relativeSqlitePath('mysql://root@localhost/app')).toBeNull()
    expect(relativeSqlitePath('not a url at all')).toBeNull()
  })
})
