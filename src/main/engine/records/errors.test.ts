import { DatabaseError, ForeignKeyConstraintError, UniqueConstraintError, ValidationError, ValidationErrorItem } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import {
  badValueColumn,
  classifyWriteError,
  operationIndexOf,
  queryFailed,
  rememberOperationIndex,
  validationFailure,
  withOperationIndex,
} from './errors'

/** A driver error as each driver shapes it (fields only; no database involved). */
function driverError(fields: Record<string, unknown>): Error & { sql: string } {
  return Object.assign(new Error(String(fields.message ?? 'failed')), { sql: 'SELECT 1' }, fields)
}

describe('classifyWriteError', () => {
  it('reads NOT NULL violations from each driver', () => {
    expect(classifyWriteError(new DatabaseError(driverError({ code: '23502', column: 'title' })), 'postgres')).toEqual({
      kind: 'notNull',
      column: 'title',
    })
    expect(classifyWriteError(new DatabaseError(driverError({ errno: 1048, message: "Column 'title' cannot be null" })), 'mysql')).toEqual({
      kind: 'notNull',
      column: 'title',
    })
    expect(
      classifyWriteError(new DatabaseError(driverError({ errno: 1364, message: "Field 'title' doesn't have a default value" })), 'mysql'),
    ).toEqual({ kind: 'notNull', column: 'title' })
    // Sequelize's SQLite dialect reports every SQLITE_CONSTRAINT as a unique violation.
    const sqlite = new UniqueConstraintError({
      parent: driverError({ code: 'SQLITE_CONSTRAINT', message: 'SQLITE_CONSTRAINT: NOT NULL constraint failed: posts.title' }),
    })
    expect(classifyWriteError(sqlite, 'sqlite')).toEqual({ kind: 'notNull', column: 'title' })
  })

  it('tells unique, foreign-key, check and data errors apart', () => {
    const unique = new UniqueConstraintError({ parent: driverError({ code: '23505' }), fields: { username: 'alice' } })
    expect(classifyWriteError(unique, 'postgres')).toEqual({ kind: 'unique', names: ['username'] })
    const sqliteUnique = new UniqueConstraintError({
      parent: driverError({ code: 'SQLITE_CONSTRAINT', message: 'UNIQUE constraint failed: users.username' }),
      fields: ['username'] as unknown as Record<string, unknown>,
    })
    expect(classifyWriteError(sqliteUnique, 'sqlite')).toEqual({ kind: 'unique', names: ['username'] })
    expect(classifyWriteError(new ForeignKeyConstraintError({ parent: driverError({ code: '23503' }) }), 'postgres')).toEqual({
      kind: 'foreignKey',
    })
    expect(classifyWriteError(new DatabaseError(driverError({ code: '23514' })), 'postgres')).toEqual({ kind: 'check' })
    expect(classifyWriteError(new DatabaseError(driverError({ errno: 4025 })), 'mysql')).toEqual({ kind: 'check' })
    expect(classifyWriteError(new DatabaseError(driverError({ code: '22001' })), 'postgres')).toMatchObject({
      kind: 'badValue',
      column: null,
    })
    expect(
      classifyWriteError(new DatabaseError(driverError({ errno: 1406, message: "Data too long for column 'title'" })), 'mysql'),
    ).toMatchObject({ kind: 'badValue', column: 'title' })
    const mariadb = "Incorrect integer value: 'abc' for column `test`.`t``x`.`n``1` at row 1"
    expect(classifyWriteError(new DatabaseError(driverError({ errno: 1366, message: mariadb })), 'mysql')).toMatchObject({
      kind: 'badValue',
      column: 'n`1',
    })
    expect(classifyWriteError(new DatabaseError(driverError({ code: '42501' })), 'postgres')).toEqual({ kind: 'permission' })
  })

  it('maps model validation items to fields and rules', () => {
    const error = new ValidationError('bad', [
      new ValidationErrorItem(
        'Email must be a valid email address',
        'validation error',
        'email',
        'x',
        null as never,
        'isEmailAddress',
        'isEmailAddress',
        [],
      ),
      new ValidationErrorItem(
        'Username is required',
        'notnull violation',
        'username',
        null as never,
        null as never,
        'is_null',
        'allowNull',
        [],
      ),
    ])
    const refusal = classifyWriteError(error, 'sqlite')
    expect(refusal).toEqual({
      kind: 'validation',
      issues: [
        { attribute: 'email', field: 'email', message: 'Email must be a valid email address', rule: 'isEmailAddress' },
        { attribute: 'username', field: 'username', message: 'Username is required', rule: 'notNull' },
      ],
    })
  })

  it('leaves anything else to the caller', () => {
    expect(classifyWriteError(new DatabaseError(driverError({ code: '42601' })), 'postgres')).toBeNull()
    expect(classifyWriteError(new Error('boom'), 'sqlite')).toBeNull()
  })
})

describe('error answers', () => {
  it('VALIDATION names the first field and lists them all', () => {
    const error = validationFailure([
      { field: 'email', message: 'Email must be a valid email address', rule: 'isEmailAddress' },
      { field: 'username', message: 'Username is required', rule: 'notEmpty' },
    ])
    expect(error.code).toBe('VALIDATION')
    expect(error.field).toBe('email')
    expect(error.details?.fields).toHaveLength(2)
  })

  it('QUERY_FAILED keeps the database words, masks the password, carries the code', () => {
    const error = queryFailed(new DatabaseError(driverError({ code: '42601', message: 'syntax error near "s3cret"' })), 's3cret')
    expect(error.code).toBe('QUERY_FAILED')
    expect(error.message).toContain('syntax error')
    expect(error.message).not.toContain('s3cret')
    expect(error.details?.driverCode).toBe('42601')
  })

  it('batch failures carry the operation index', () => {
    const error = withOperationIndex(new AppError({ code: 'CONFLICT', message: 'changed', details: { current: null } }), 1)
    expect(error.details).toEqual({ current: null, operationIndex: 1 })
    const raw = new Error('x')
    rememberOperationIndex(raw, 3)
    expect(operationIndexOf(raw)).toBe(3)
    expect(operationIndexOf(new Error('y'))).toBeUndefined()
  })
})

describe('badValueColumn (PostgreSQL names no column)', () => {
  const written = [
    { name: 'n', type: 'integer', kind: 'integer', text: 'abc' },
    { name: 'm', type: 'integer', kind: 'integer', text: '7' },
    { name: 's', type: 'character varying(3)', kind: 'text', text: 'abcd' },
    { name: 't', type: 'character varying(10)', kind: 'text', text: 'x' },
    { name: 'd', type: 'numeric(4,2)', kind: 'decimal', text: '123.4' },
  ]
  it('finds the column by the value, the type or the length the message names', () => {
    expect(badValueColumn('invalid input syntax for type integer: "abc"', written)).toBe('n')
    expect(badValueColumn('value too long for type character varying(3)', written)).toBe('s')
    expect(badValueColumn('numeric field overflow', written)).toBe('d')
    expect(badValueColumn('value "99999999999" is out of range for type integer', written)).toBeNull()
    expect(badValueColumn('integer out of range', written.slice(1))).toBe('m')
    expect(badValueColumn('anything', [written[0]])).toBe('n')
  })
})
