import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectPython } from './alembic-project'
import { detectProject } from './detect'
import { takesUmzugParams } from './sequelize-project'
import { chooseMigrations } from './select'

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-detect-')))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('recognising a project folder', () => {
  it('honours .sequelizerc paths resolved against the folder sequelize-cli runs in', () => {
    const root = project({
      '.sequelizerc': "const path = require('path'); module.exports = { 'migrations-path': path.resolve('db', 'changes') }",
      'db/changes/1-a.js': 'module.exports = { up() {}, down() {} }',
    })
    const found = detectProject(root)
    expect(found).toMatchObject({ kind: 'sequelize', dir: join(root, 'db', 'changes') })
    expect(found.found).toMatch(/db\/changes.*\.sequelizerc.*1 files/)
  })

  it('finds sequelize-cli migrations in migrations/ without .sequelizerc', () => {
    const root = project({
      'migrations/20240101-a.js': 'module.exports = { async up(queryInterface) {}, async down() {} }',
      'migrations/types.d.ts': '',
    })
    expect(detectProject(root)).toMatchObject({ kind: 'sequelize', dir: join(root, 'migrations') })
  })

  it('finds Flask-Migrate (migrations/env.py + versions) and Alembic (alembic.ini script_location)', () => {
    const flask = project({ 'migrations/env.py': '', 'migrations/versions/abc_first.py': "revision = 'abc'", 'app.py': '' })
    expect(detectProject(flask)).toMatchObject({
      kind: 'alembic',
      dir: join(flask, 'migrations'),
      versionsDir: join(flask, 'migrations', 'versions'),
    })
    expect(detectProject(flask).found).toMatch(/^Flask-Migrate/)
    const alembic = project({
      'alembic.ini': '[alembic]\nscript_location = %(here)s/schema\n',
      'schema/env.py': '',
      'schema/versions/abc.py': '',
    })
    expect(detectProject(alembic)).toMatchObject({ kind: 'alembic', dir: join(alembic, 'schema') })
  })

  it("runs Alembic with the project's own virtualenv when it has one", () => {
    const flask = project({ 'migrations/env.py': '', 'migrations/versions/abc.py': '' })
    expect(projectPython(flask)).toBe('/usr/bin/python3')
    expect(detectProject(flask).found).toMatch(/run with \/usr\/bin\/python3$/)
    mkdirSync(join(flask, '.venv', 'bin'), { recursive: true })
    symlinkSync('/usr/bin/python3', join(flask, '.venv', 'bin', 'python'))
    expect(projectPython(flask)).toBe(join(flask, '.venv', 'bin', 'python'))
    expect(detectProject(flask).found).toMatch(/run with the project's \.venv interpreter$/)
  })

  it('finds golang-migrate and dbmate SQL folders', () => {
    const golang = project({
      'migrations/000001_users.up.sql': 'CREATE TABLE u (id int);',
      'migrations/000001_users.down.sql': 'DROP TABLE u;',
    })
    expect(detectProject(golang)).toMatchObject({ kind: 'sql', style: 'golang-migrate', dir: join(golang, 'migrations') })
    const dbmate = project({
      'db/migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE u (id int);\n\n-- migrate:down\nDROP TABLE u;\n',
    })
    expect(detectProject(dbmate)).toMatchObject({ kind: 'sql', style: 'dbmate', dir: join(dbmate, 'db', 'migrations') })
  })

  it('says what it looked for when the folder holds none of them', () => {
    expect(() => detectProject(project({ 'README.md': 'hello' }))).toThrow(/no migrations it knows/)
  })
})

describe('calling a project migration the way its tool does', () => {
  it('tells Umzug ({ context }) functions from sequelize-cli (queryInterface, Sequelize) ones', () => {
    expect(takesUmzugParams(async ({ context }: { context: unknown }) => context)).toBe(true)
    expect(
      takesUmzugParams(function up({ context }: { context: unknown }) {
        return context
      }),
    ).toBe(true)
    expect(
      takesUmzugParams(
        {
          async up({ context }: { context: unknown }) {
            return context
          },
        }.up,
      ),
    ).toBe(true)
    expect(takesUmzugParams(async (queryInterface: unknown, Sequelize: unknown) => [queryInterface, Sequelize])).toBe(false)
    expect(
      takesUmzugParams(
        {
          async up(queryInterface: unknown) {
            return queryInterface
          },
        }.up,
      ),
    ).toBe(false)
  })
})

describe('choosing what a run executes', () => {
  const all = ['1', '2', '3', '4']
  it('applies pending ones through the target, and rolls back newest first down to and including it', () => {
    expect(chooseMigrations(all, new Set(['1']), 'up', '3')).toEqual(['2', '3'])
    expect(chooseMigrations(all, new Set(['1']), 'up', undefined)).toEqual(['2', '3', '4'])
    expect(chooseMigrations(all, new Set(['1', '2', '3']), 'down', undefined)).toEqual(['3'])
    expect(chooseMigrations(all, new Set(['1', '2', '3']), 'down', '2')).toEqual(['3', '2'])
    expect(chooseMigrations(all, new Set(['1', '2', '3']), 'down', 0)).toEqual(['3', '2', '1'])
  })
})
