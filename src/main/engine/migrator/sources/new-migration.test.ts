import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectProject } from './detect'
import { writeNewMigration } from './new-migration'

const NOW = new Date('2026-12-04T21:30:05.123Z')

function project(files: Record<string, string>) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-new-migration-')))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return detectProject(root)
}

describe('a new, empty migration in the project folder', () => {
  it('sequelize-cli: YYYYMMDDHHmmss-name.js with its up/down skeleton, never over a file', () => {
    const found = project({ 'migrations/20240101000000-a.js': 'module.exports = { up() {}, down() {} }' })
    expect(writeNewMigration(found, 'Add books ISBN!', NOW)).toEqual(['20261204213005-add-books-isbn.js'])
    const loaded = createRequire(__filename)(join(found.dir, '20261204213005-add-books-isbn.js')) as { up: unknown; down: unknown }
    expect([typeof loaded.up, typeof loaded.down]).toEqual(['function', 'function'])
    expect(() => writeNewMigration(found, 'add books isbn', NOW)).toThrow(/there already/)
    expect(() => writeNewMigration(found, '!!!', NOW)).toThrow(/letters or digits/)
  })

  it("golang-migrate: the next sequence number in the folder's width, or a timestamp in a folder of timestamps", () => {
    const seq = project({ 'migrations/0007_a.up.sql': '', 'migrations/0007_a.down.sql': '' })
    expect(writeNewMigration(seq, 'users', NOW)).toEqual(['000008_users.up.sql', '000008_users.down.sql'])
    expect(readdirSync(seq.dir).sort()).toEqual(['000008_users.down.sql', '000008_users.up.sql', '0007_a.down.sql', '0007_a.up.sql'])
    const stamps = project({ 'migrations/20240101000000_a.up.sql': '' })
    expect(writeNewMigration(stamps, 'users', NOW)).toEqual(['20261204213005_users.up.sql', '20261204213005_users.down.sql'])
  })

  it('dbmate: one file with both sections; Alembic is left to Alembic', () => {
    const dbmate = project({ 'db/migrations/20240101000000_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n' })
    const [file] = writeNewMigration(dbmate, 'users', NOW)
    expect(readFileSync(join(dbmate.dir, file), 'utf8')).toBe('-- migrate:up\n\n\n-- migrate:down\n\n')
    const alembic = project({ 'migrations/env.py': '', 'migrations/versions/a.py': '' })
    expect(() => writeNewMigration(alembic, 'users', NOW)).toThrow(/flask db migrate/)
  })
})
