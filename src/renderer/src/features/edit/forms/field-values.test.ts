import { describe, expect, it } from 'vitest'
import type { ColumnInfo, TableInfo } from '../../../../../shared/contract'
import { AppError } from '../../../../../shared/errors'
import { changedFields, checkField, constraintsOf, draftOf, insertValues, rebase, roundingNote, toCellInput } from './field-values'
import { formErrorsOf } from './form-errors'

const column = (name: string, patch: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name,
  type: 'varchar(80)',
  kind: 'text',
  nullable: false,
  default: null,
  primaryKey: false,
  unique: false,
  autoIncrement: false,
  maxLength: null,
  ...patch,
})

const users: TableInfo = {
  name: 'users',
  kind: 'table',
  columns: [
    column('id', { kind: 'integer', type: 'INTEGER', primaryKey: true, autoIncrement: true }),
    column('username', { maxLength: 80, unique: true }),
    column('email', { maxLength: 120, unique: true }),
    column('bio', { kind: 'text', type: 'TEXT', nullable: true }),
    column('is_active', { kind: 'boolean', type: 'TINYINT(1)', nullable: true, default: '1' }),
    column('score', { kind: 'float', type: 'DOUBLE', nullable: true, default: '0' }),
    column('created_at', { kind: 'datetime', type: 'DATETIME' }),
  ],
  primaryKey: ['id'],
  foreignKeys: [],
  referencedBy: [],
  indexes: [],
  model: 'User',
}
const alice = {
  id: 1,
  username: 'alice',
  email: 'alice@example.com',
  bio: null,
  is_active: true,
  score: 92.5,
  created_at: '2024-01-01 00:00:00',
}
const col = (name: string) => users.columns.find((c) => c.name === name)!

describe('record form values', () => {
  it('edits every column but the auto-increment key and the timestamps, numbers as text', () => {
    expect(draftOf(users, alice)).toEqual({ username: 'alice', email: 'alice@example.com', bio: null, is_active: true, score: '92.5' })
  })

  it('starts a new record from the defaults and sends what was set plus what is required', () => {
    const draft = draftOf(users, null)
    expect(draft).toEqual({ username: '', email: '', bio: null, is_active: true, score: null })
    expect(insertValues(users, { ...draft, email: 'x@y.z', score: '0.1' })).toEqual({ username: '', email: 'x@y.z', score: '0.1' })
  })

  it('sends numbers exactly as typed, an empty optional number as NULL', () => {
    expect(toCellInput(col('score'), ' 0.1000000000000000055511151231257827 ')).toBe('0.1000000000000000055511151231257827')
    expect(toCellInput(col('score'), '')).toBeNull()
  })

  it('names the changed fields only', () => {
    const base = draftOf(users, alice)
    expect(changedFields(users, { ...base, score: '92.5' }, base)).toEqual([])
    expect(changedFields(users, { ...base, bio: 'hi', score: '92.50' }, base)).toEqual(['bio', 'score'])
  })

  it('rebases on the database row without undoing anybody else’s change', () => {
    const base = draftOf(users, alice)
    const mine = { ...base, bio: 'mine' }
    const theirs = { ...alice, bio: 'theirs', email: 'new@example.com' }
    expect(rebase(users, mine, base, theirs)).toMatchObject({ bio: 'mine', email: 'new@example.com' })
  })

  it('checks required, length, email and number shape early', () => {
    expect(checkField(col('username'), '')).toBe('Username is required')
    expect(checkField(col('username'), 'x'.repeat(81))).toBe('Username can be at most 80 characters')
    expect(checkField(col('email'), 'not-an-email')).toBe('Email must be a valid email address')
    expect(checkField(col('email'), 'a@b.co')).toBeNull()
    expect(checkField(col('score'), '1,5')).toBe('Score must be a number')
    expect(checkField(col('score'), '1e-3')).toBeNull()
    expect(checkField(col('bio'), null)).toBeNull()
  })
})

describe('record form errors', () => {
  const onScreen = users.columns.map((c) => c.name)

  it('puts each validation message beside its field', () => {
    const error = new AppError({
      code: 'VALIDATION',
      message: '2 values need attention',
      details: {
        fields: [
          { field: 'username', message: 'Username is required' },
          { field: 'email', message: 'Email must be a valid email address' },
        ],
      },
    })
    expect(formErrorsOf(error, users, onScreen)).toEqual({
      fields: { username: 'Username is required', email: 'Email must be a valid email address' },
      general: null,
    })
  })

  it('says which value is taken, beside the field', () => {
    const error = new AppError({
      code: 'UNIQUE_VIOLATION',
      message: 'taken',
      details: { columns: ['username'], values: { username: 'alice' } },
    })
    expect(formErrorsOf(error, users, onScreen).fields).toEqual({ username: "username 'alice' is taken." })
  })

  it('counts the dependent rows of a refused delete', () => {
    const relation = { table: 'posts', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] }
    const error = new AppError({ code: 'FK_VIOLATION', message: 'refused', details: { relation, dependentRows: 3 } })
    expect(formErrorsOf(error, users, onScreen).general?.message).toBe('This user has 3 posts (posts.user_id refers to it).')
  })

  it('keeps messages about fields not on screen as a general note', () => {
    const error = new AppError({
      code: 'VALIDATION',
      message: 'x',
      details: { fields: [{ field: '', message: 'The value breaks a rule' }] },
    })
    expect(formErrorsOf(error, users, onScreen)).toMatchObject({ fields: {}, general: { message: 'The value breaks a rule' } })
  })
})

describe('fields named like Object.prototype members', () => {
  const table: TableInfo = {
    ...users,
    columns: [
      column('id', { kind: 'integer', primaryKey: true, autoIncrement: true }),
      column('__proto__', { nullable: true }),
      column('constructor', { nullable: true }),
    ],
  }

  it('drafts, compares and sends them as fields of their own', () => {
    const draft = draftOf(table, JSON.parse('{"id": 1, "__proto__": "p", "constructor": "c"}') as Parameters<typeof draftOf>[1])
    expect(Object.getOwnPropertyDescriptor(draft, '__proto__')?.value).toBe('p')
    expect(Object.getOwnPropertyDescriptor(draft, 'constructor')?.value).toBe('c')
    const edited = { ...draft, ['__proto__']: 'q' }
    expect(changedFields(table, edited, draft)).toEqual(['__proto__'])
    const values = insertValues(table, edited)
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe('q')
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype)
  })
})

describe('number fields say what they keep', () => {
  it('promises "exactly as typed" only where the database keeps every digit', () => {
    expect(constraintsOf(column('n', { kind: 'decimal', type: 'decimal' }))).toContain('saved exactly as typed')
    expect(constraintsOf(column('n', { kind: 'decimal', type: 'decimal(10,2)' }))).toContain('at most 2 decimal places')
    expect(constraintsOf(column('n', { kind: 'float', type: 'double' }))).not.toContain('exactly as typed')
  })

  it('names what a float column will store when it cannot hold the digits typed', () => {
    const double = column('n', { kind: 'float', type: 'double' })
    expect(roundingNote(double, '99999999999999999999.123456')).toBe('Will be stored as 100000000000000000000')
    expect(roundingNote(double, '1.5')).toBeNull()
  })
})
