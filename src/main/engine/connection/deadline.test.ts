import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sequelize } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { closeQuietly, withDeadline } from './deadline'
import { KnownPasswords } from './known-passwords'

describe('withDeadline', () => {
  it('answers the work when it is in time', async () => {
    await expect(withDeadline(Promise.resolve(42), 1000, () => new Error('late'))).resolves.toBe(42)
  })

  it('rejects with the timeout error when the work never settles', async () => {
    const started = Date.now()
    await expect(withDeadline(new Promise(() => undefined), 50, () => new Error('late'))).rejects.toThrow('late')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it("passes the work's own failure through", async () => {
    await expect(withDeadline(Promise.reject(new Error('own')), 1000, () => new Error('late'))).rejects.toThrow('own')
  })
})

describe('closeQuietly', () => {
  it('returns even when sqlite3 never calls back the close of a failed open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowboat-close-'))
    // Opening without CREATE fails; Sequelize keeps the half-made handle and its close() then hangs.
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: join(dir, 'absent.db'), dialectOptions: { mode: 2 }, logging: false })
    await expect(sequelize.query('SELECT 1')).rejects.toThrow(/SQLITE_CANTOPEN/)
    const started = Date.now()
    await closeQuietly(sequelize, 200)
    expect(Date.now() - started).toBeLessThan(1000)
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('KnownPasswords', () => {
  it('masks remembered passwords, raw and URL-encoded, and those passed in', () => {
    const known = new KnownPasswords()
    known.remember('p@ss/word')
    known.remember(null)
    const line = known.scrub('url mysql://u:p%40ss%2Fword@h/db, raw p@ss/word, session s3ss10n', ['s3ss10n', null])
    expect(line).not.toMatch(/p@ss|p%40ss|s3ss10n/)
  })

  it('forgets the oldest beyond its limit', () => {
    const known = new KnownPasswords(2)
    for (const p of ['first-secret', 'second-secret', 'third-secret']) known.remember(p)
    expect(known.scrub('first-secret second-secret third-secret')).toBe('first-secret ••• •••')
  })
})
