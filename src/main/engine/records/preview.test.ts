import { describe, expect, it } from 'vitest'
import { statementKind } from './preview'

describe('statementKind', () => {
  it('tells writes from checks and the transaction', () => {
    expect(statementKind('BEGIN IMMEDIATE')).toBe('transaction')
    expect(statementKind('START TRANSACTION')).toBe('transaction')
    expect(statementKind('COMMIT')).toBe('transaction')
    expect(statementKind('SAVEPOINT "s1"')).toBe('transaction')
    expect(statementKind('UPDATE "users" SET "bio" = \'x\' WHERE "id" = 1')).toBe('write')
    expect(statementKind("  insert into `notes` (`title`) values ('SELECT')")).toBe('write')
    expect(statementKind('DELETE FROM "notes" WHERE "id" = 3')).toBe('write')
    expect(statementKind('SELECT * FROM "users" WHERE "id" = 1 FOR UPDATE')).toBe('check')
    expect(statementKind('(SELECT 1)')).toBe('check')
  })
})
