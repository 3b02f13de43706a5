import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo } from '../../../../shared/contract'
import type { ExportValue } from '../export/export-format'

/**
 * A value as an SQL literal of the dialect, for "copy as INSERT statements": text the user pastes
 * into another tool, so every literal must mean exactly the value, whatever it holds.
 */
export function sqlLiteral(value: ExportValue, column: ColumnInfo, dialect: Dialect): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return dialect === 'postgres' ? (value ? 'TRUE' : 'FALSE') : value ? '1' : '0'
  if (typeof value === 'number') return String(value)
  if (column.kind === 'binary') return binaryLiteral(Buffer.from(value, 'base64'), dialect)
  if ((column.kind === 'integer' || column.kind === 'decimal') && /^-?\d+(\.\d+)?$/.test(value)) return value
  return stringLiteral(value, dialect)
}

/**
 * Standard SQL quoting ('' for a quote). MySQL also treats the backslash as an escape character
 * in string literals (unless NO_BACKSLASH_ESCAPES), so there it is doubled too, and NUL is \0.
 */
export function stringLiteral(text: string, dialect: Dialect): string {
  if (dialect === 'mysql') return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''").replaceAll('\u0000', '\\0')}'`
  return `'${text.replace(/'/g, "''")}'`
}

/** PostgreSQL's hex bytea input ('\x…', with standard_conforming_strings, the default since 9.1); X'…' elsewhere. */
export function binaryLiteral(bytes: Buffer, dialect: Dialect): string {
  const hex = bytes.toString('hex')
  return dialect === 'postgres' ? `'\\x${hex}'::bytea` : `X'${hex}'`
}
