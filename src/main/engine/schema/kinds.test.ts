import { describe, expect, it } from 'vitest'
import { declaredLength, mysqlKind, postgresKind, sqliteAffinity, sqliteKind } from './kinds'
import { closestNames, editDistance } from './suggest'

describe('sqliteAffinity', () => {
  it("follows SQLite's rules in their order", () => {
    expect(sqliteAffinity('INTEGER')).toBe('INTEGER')
    expect(sqliteAffinity('TINYINT(1)')).toBe('INTEGER')
    expect(sqliteAffinity('CHARINT')).toBe('INTEGER') // INT wins over CHAR
    expect(sqliteAffinity('VARCHAR(255)')).toBe('TEXT')
    expect(sqliteAffinity('CLOB')).toBe('TEXT')
    expect(sqliteAffinity('BLOB')).toBe('BLOB')
    expect(sqliteAffinity('')).toBe('BLOB')
    expect(sqliteAffinity('DOUBLE PRECISION')).toBe('REAL')
    expect(sqliteAffinity('FLOAT')).toBe('REAL')
    expect(sqliteAffinity('DECIMAL(30,10)')).toBe('NUMERIC')
    expect(sqliteAffinity('DATETIME')).toBe('NUMERIC')
    expect(sqliteAffinity('BOOLEAN')).toBe('NUMERIC')
  })
})

describe('sqliteKind', () => {
  it("reads what the table's author meant, then falls back on affinity", () => {
    const cases: Record<string, string> = {
      'TINYINT(1)': 'boolean',
      BOOLEAN: 'boolean',
      INTEGER: 'integer',
      BIGINT: 'integer',
      'DECIMAL(10,2)': 'decimal',
      NUMERIC: 'decimal',
      REAL: 'float',
      'DOUBLE PRECISION': 'float',
      'VARCHAR(255)': 'text',
      TEXT: 'text',
      DATE: 'date',
      TIME: 'time',
      DATETIME: 'datetime',
      'TIMESTAMP WITH TIME ZONE': 'datetime',
      JSON: 'json',
      BLOB: 'binary',
      'VARBINARY(16)': 'binary',
      UUID: 'uuid',
      '': 'other',
      MONEY: 'other',
    }
    for (const [type, kind] of Object.entries(cases)) expect(sqliteKind(type), type).toBe(kind)
  })
})

describe('mysqlKind', () => {
  it('maps DATA_TYPE, with TINYINT(1) as boolean', () => {
    expect(mysqlKind('tinyint', 'tinyint(1)')).toBe('boolean')
    expect(mysqlKind('tinyint', 'tinyint(4)')).toBe('integer')
    expect(mysqlKind('bigint', 'bigint(20) unsigned')).toBe('integer')
    expect(mysqlKind('decimal', 'decimal(30,10)')).toBe('decimal')
    expect(mysqlKind('double', 'double')).toBe('float')
    expect(mysqlKind('varchar', 'varchar(80)')).toBe('text')
    expect(mysqlKind('enum', "enum('a','b')")).toBe('text')
    expect(mysqlKind('longtext', 'longtext')).toBe('text')
    expect(mysqlKind('date', 'date')).toBe('date')
    expect(mysqlKind('time', 'time(3)')).toBe('time')
    expect(mysqlKind('datetime', 'datetime(6)')).toBe('datetime')
    expect(mysqlKind('timestamp', 'timestamp')).toBe('datetime')
    expect(mysqlKind('json', 'json')).toBe('json')
    expect(mysqlKind('varbinary', 'varbinary(16)')).toBe('binary')
    expect(mysqlKind('blob', 'blob')).toBe('binary')
    expect(mysqlKind('uuid', 'uuid')).toBe('uuid')
    expect(mysqlKind('year', 'year(4)')).toBe('other')
    expect(mysqlKind('set', "set('a')")).toBe('other')
  })
})

describe('postgresKind', () => {
  it('maps base type names; arrays are other, enums text', () => {
    const cases: Array<[string, string, string, string]> = [
      ['bool', 'B', 'b', 'boolean'],
      ['int2', 'N', 'b', 'integer'],
      ['int4', 'N', 'b', 'integer'],
      ['int8', 'N', 'b', 'integer'],
      ['numeric', 'N', 'b', 'decimal'],
      ['float4', 'N', 'b', 'float'],
      ['float8', 'N', 'b', 'float'],
      ['varchar', 'S', 'b', 'text'],
      ['bpchar', 'S', 'b', 'text'],
      ['text', 'S', 'b', 'text'],
      ['citext', 'S', 'b', 'text'],
      ['mood', 'E', 'e', 'text'],
      ['date', 'D', 'b', 'date'],
      ['time', 'D', 'b', 'time'],
      ['timetz', 'D', 'b', 'time'],
      ['timestamp', 'D', 'b', 'datetime'],
      ['timestamptz', 'D', 'b', 'datetime'],
      ['json', 'U', 'b', 'json'],
      ['jsonb', 'U', 'b', 'json'],
      ['bytea', 'U', 'b', 'binary'],
      ['uuid', 'U', 'b', 'uuid'],
      ['_int4', 'A', 'b', 'other'],
      ['money', 'N', 'b', 'other'],
      ['interval', 'T', 'b', 'other'],
    ]
    for (const [name, category, typtype, kind] of cases) expect(postgresKind(name, category, typtype), name).toBe(kind)
  })
})

describe('declaredLength', () => {
  it('reads the first number in parentheses', () => {
    expect(declaredLength('VARCHAR(255)')).toBe(255)
    expect(declaredLength('character varying( 80 )')).toBe(80)
    expect(declaredLength('DECIMAL(10,2)')).toBe(10)
    expect(declaredLength('TEXT')).toBeNull()
  })
})

describe('closestNames', () => {
  it('suggests near misses and case slips, nearest first', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(closestNames('user', ['posts', 'users', 'notes', 'user_roles'])).toEqual(['users', 'user_roles'])
    expect(closestNames('Users', ['users', 'orders'])).toEqual(['users'])
    expect(closestNames('zzzzzz', ['users', 'posts'])).toEqual([])
  })
})
