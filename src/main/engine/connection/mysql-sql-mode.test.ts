import { describe, expect, it } from 'vitest'
import { engineSqlMode, sqlModesOf } from './mysql-sql-mode'

describe('engineSqlMode', () => {
  it.each([
    ['', 'STRICT_ALL_TABLES'],
    ['NO_BACKSLASH_ESCAPES', 'STRICT_ALL_TABLES'],
    ['STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,NO_ENGINE_SUBSTITUTION', 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,STRICT_ALL_TABLES'],
    ['STRICT_ALL_TABLES,ONLY_FULL_GROUP_BY', 'STRICT_ALL_TABLES,ONLY_FULL_GROUP_BY'],
    ['real_as_float, pipes_as_concat,ANSI_QUOTES', 'REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,STRICT_ALL_TABLES'],
    // MariaDB: '' stored as NULL, alone or beside its ORACLE mode's modes.
    ['STRICT_TRANS_TABLES,EMPTY_STRING_IS_NULL', 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES'],
    [
      'PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ORACLE,NO_KEY_OPTIONS,NO_TABLE_OPTIONS,NO_FIELD_OPTIONS,NO_AUTO_CREATE_USER,SIMULTANEOUS_ASSIGNMENT,EMPTY_STRING_IS_NULL',
      'PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ORACLE,NO_KEY_OPTIONS,NO_TABLE_OPTIONS,NO_FIELD_OPTIONS,NO_AUTO_CREATE_USER,SIMULTANEOUS_ASSIGNMENT,STRICT_ALL_TABLES',
    ],
    // Nothing but mode names reaches the SET statement.
    ["ANSI'; DROP TABLE x; --", 'STRICT_ALL_TABLES'],
  ])('%j → %j', (server, engine) => {
    expect(engineSqlMode(server)).toBe(engine)
  })

  it('knows nothing of a connection it did not see connect', () => {
    expect(sqlModesOf({})).toBeUndefined()
  })
})
