import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ancestorsOf, headsOf, orderRevisions, readRevisions } from './alembic-revisions'
import { sqlalchemyUrl } from './sqlalchemy-url'

describe('Alembic revision files, read as text', () => {
  it('reads old and typed (Alembic 1.13+) headers, merges as tuples, and the message line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowboat-alembic-'))
    writeFileSync(
      join(dir, 'b.py'),
      `"""add books\n\nRevision ID: bbb\n"""\nrevision: str = "bbb"\ndown_revision: Union[str, None] = "aaa"\n`,
    )
    writeFileSync(join(dir, 'a.py'), `"""create authors\n"""\nrevision = 'aaa'\ndown_revision = None\n`)
    writeFileSync(join(dir, 'c.py'), `'''tags'''\nrevision = 'ccc'\ndown_revision = 'aaa'\n`)
    writeFileSync(join(dir, 'd.py'), `"""merge"""\nrevision = 'ddd'\ndown_revision = ('bbb', 'ccc')\n`)
    writeFileSync(join(dir, 'helpers.py'), 'def x(): pass\n')
    const revisions = orderRevisions(readRevisions(dir))
    expect(revisions.map((r) => [r.revision, r.parents, r.message])).toEqual([
      ['aaa', [], 'create authors'],
      ['bbb', ['aaa'], 'add books'],
      ['ccc', ['aaa'], 'tags'],
      ['ddd', ['bbb', 'ccc'], 'merge'],
    ])
    expect(headsOf(revisions)).toEqual(['ddd'])
    expect([...ancestorsOf(revisions, ['bbb'])].sort()).toEqual(['aaa', 'bbb'])
  })
})

describe("the connection as a SQLAlchemy URL for the project's tool", () => {
  const server = {
    flavor: 'mysql' as const,
    host: 'db.local',
    port: 3307,
    user: 'app user',
    password: null,
    database: 'shop',
    ssl: 'disable' as const,
    sslCa: null,
    sslCert: null,
    sslKey: null,
    socket: null,
    options: null,
    connectTimeoutMs: null,
  }
  it('encodes the user and password, and names the driver Debian ships', () => {
    expect(sqlalchemyUrl({ ...server, dialect: 'mysql' }, 'p@ss:/w', undefined)).toBe(
      'mysql+pymysql://app%20user:p%40ss%3A%2Fw@db.local:3307/shop',
    )
    expect(sqlalchemyUrl({ ...server, dialect: 'postgres', flavor: 'postgres', socket: '/run/postgresql' }, null, undefined)).toBe(
      'postgresql://app%20user@/shop?host=%2Frun%2Fpostgresql',
    )
    expect(sqlalchemyUrl({ dialect: 'sqlite', storage: 'app.db' }, null, '/home/me/app.db')).toBe('sqlite:////home/me/app.db')
  })
})
