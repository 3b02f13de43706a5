/**
 * Declared column type → ColumnKind, per dialect, plus SQLite's type-affinity rules (which the
 * value codec also needs: they decide how SQLite converts what we write).
 */
import type { ColumnKind } from '../../../shared/contract'

/** SQLite's five affinities, decided from the declared type text (https://sqlite.org/datatype3.html §3.1). */
export type SqliteAffinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC'

export function sqliteAffinity(declaredType: string): SqliteAffinity {
  const t = declaredType.toUpperCase()
  if (t.includes('INT')) return 'INTEGER'
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT'
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB'
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL'
  return 'NUMERIC'
}

/** The first whole number in parentheses, e.g. 255 in `VARCHAR(255)`. */
export function declaredLength(declaredType: string): number | null {
  const match = /\(\s*(\d+)\s*[,)]/.exec(declaredType)
  return match ? Number(match[1]) : null
}

/**
 * SQLite accepts any type name. We look at the name first (what the app that made the table meant:
 * `DATETIME`, `BOOLEAN`, `UUID`) and fall back on the affinity SQLite itself would give it.
 */
export function sqliteKind(declaredType: string): ColumnKind {
  const t = declaredType.trim().toUpperCase()
  const base = t.replace(/\(.*$/, '').trim()
  if (/^(BOOL|BOOLEAN)$/.test(base) || /^TINYINT\s*\(\s*1\s*\)/.test(t)) return 'boolean'
  if (base === 'UUID') return 'uuid'
  if (base === 'JSON' || base === 'JSONB') return 'json'
  if (base === 'DATE') return 'date'
  if (base.startsWith('DATETIME') || base.startsWith('TIMESTAMP')) return 'datetime'
  if (base === 'TIME' || base === 'TIMETZ' || base.startsWith('TIME ')) return 'time'
  if (base === 'DECIMAL' || base === 'NUMERIC') return 'decimal'
  if (base.includes('BINARY') || base === 'BYTEA') return 'binary'
  switch (sqliteAffinity(t)) {
    case 'INTEGER':
      return 'integer'
    case 'TEXT':
      return 'text'
    case 'REAL':
      return 'float'
    case 'BLOB':
      return base === '' ? 'other' : 'binary'
    default:
      return 'other'
  }
}

/** MySQL/MariaDB: from information_schema.COLUMNS' DATA_TYPE (`tinyint`) and COLUMN_TYPE (`tinyint(1) unsigned`). */
export function mysqlKind(dataType: string, columnType: string): ColumnKind {
  const data = dataType.toLowerCase()
  if (data === 'tinyint' && /^tinyint\(1\)/i.test(columnType)) return 'boolean'
  if (data === 'bool' || data === 'boolean') return 'boolean'
  if (['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint'].includes(data)) return 'integer'
  if (data === 'decimal' || data === 'numeric') return 'decimal'
  if (data === 'float' || data === 'double' || data === 'real') return 'float'
  if (['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum'].includes(data)) return 'text'
  if (data === 'date') return 'date'
  if (data === 'time') return 'time'
  if (data === 'datetime' || data === 'timestamp') return 'datetime'
  if (data === 'json') return 'json'
  if (['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob'].includes(data)) return 'binary'
  if (data === 'uuid') return 'uuid' // MariaDB 10.7+
  return 'other'
}

/** PostgreSQL: from the base type (domains resolved) in pg_type. */
export function postgresKind(typeName: string, typeCategory: string, typeType: string): ColumnKind {
  if (typeCategory === 'A') return 'other' // arrays travel as their text form
  if (typeType === 'e') return 'text' // enums
  switch (typeName) {
    case 'bool':
      return 'boolean'
    case 'int2':
    case 'int4':
    case 'int8':
      return 'integer'
    case 'numeric':
      return 'decimal'
    case 'float4':
    case 'float8':
      return 'float'
    case 'varchar':
    case 'bpchar':
    case 'text':
    case 'citext':
      return 'text'
    case 'date':
      return 'date'
    case 'time':
    case 'timetz':
      return 'time'
    case 'timestamp':
    case 'timestamptz':
      return 'datetime'
    case 'json':
    case 'jsonb':
      return 'json'
    case 'bytea':
      return 'binary'
    case 'uuid':
      return 'uuid'
    default:
      return 'other'
  }
}
