/**
 * Result shaping for the console: driver values → the grid's exact cells (records/value-codec.ts),
 * row by row as the driver hands them over (pushed-rows.ts pages them). The driver's column type
 * decides the kind the codec reads with: an integer string from a
 * BIGINT column may become a number (when exact), text that looks like a number never does.
 */
import type { ColumnInfo, ColumnKind, QueryColumn } from '../../../shared/contract'
import type { Cell } from '../../../shared/values'
import { toCell } from '../records/value-codec'

/** A stand-in column for the codec: only `kind` matters to it. */
export function codecColumn(name: string, type: string, kind: ColumnKind): ColumnInfo {
  return { name, type, kind, nullable: true, default: null, primaryKey: false, unique: false, autoIncrement: false, maxLength: null }
}

export interface ShapedColumn {
  column: QueryColumn
  codec: ColumnInfo
}

export const shapedColumn = (name: string, type: string, kind: ColumnKind): ShapedColumn => ({
  column: { name, type },
  codec: codecColumn(name, type, kind),
})

/** One row of driver values as the grid's exact cells (binary whole with `wholeBinary`, for files). */
export const shapeRow = (values: readonly unknown[], columns: readonly ShapedColumn[], wholeBinary = false): Cell[] =>
  columns.map((c, i) => (wholeBinary ? keepWholeBinary(values[i], toCell(values[i], c.codec)) : toCell(values[i], c.codec)))

/** A binary cell with all its bytes: the grid's cells keep only a preview, a file needs everything. */
export function keepWholeBinary(raw: unknown, cell: Cell): Cell {
  if (!(raw instanceof Uint8Array) || cell === null || typeof cell !== 'object') return cell
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  return { base64: bytes.toString('base64'), bytes: bytes.length, truncated: false }
}

/** PostgreSQL type OIDs → the codec's kind (everything not listed is read as text, shown as text). */
const PG_KINDS: Record<number, { name: string; kind: ColumnKind }> = {
  16: { name: 'bool', kind: 'boolean' },
  17: { name: 'bytea', kind: 'binary' },
  20: { name: 'int8', kind: 'integer' },
  21: { name: 'int2', kind: 'integer' },
  23: { name: 'int4', kind: 'integer' },
  26: { name: 'oid', kind: 'integer' },
  700: { name: 'float4', kind: 'float' },
  701: { name: 'float8', kind: 'float' },
  1700: { name: 'numeric', kind: 'decimal' },
  114: { name: 'json', kind: 'json' },
  3802: { name: 'jsonb', kind: 'json' },
  1082: { name: 'date', kind: 'date' },
  1083: { name: 'time', kind: 'time' },
  1114: { name: 'timestamp', kind: 'datetime' },
  1184: { name: 'timestamptz', kind: 'datetime' },
  2950: { name: 'uuid', kind: 'uuid' },
  25: { name: 'text', kind: 'text' },
  1043: { name: 'varchar', kind: 'text' },
  1042: { name: 'bpchar', kind: 'text' },
  19: { name: 'name', kind: 'text' },
}

export function pgColumn(name: string, oid: number): ShapedColumn {
  const known = Object.hasOwn(PG_KINDS, oid) ? PG_KINDS[oid] : undefined
  // Dates and times stay the server's text: 'date' kinds let an all-digit text become a number, so read them as text.
  const kind = known && !['date', 'time', 'datetime', 'json', 'uuid'].includes(known.kind) ? known.kind : 'text'
  return shapedColumn(name, known?.name ?? `oid ${oid}`, kind)
}

/** mysql2's column types (protocol numbers) → name and kind. */
const MYSQL_TYPES: Record<number, { name: string; kind: ColumnKind }> = {
  0: { name: 'DECIMAL', kind: 'decimal' },
  1: { name: 'TINYINT', kind: 'integer' },
  2: { name: 'SMALLINT', kind: 'integer' },
  3: { name: 'INT', kind: 'integer' },
  4: { name: 'FLOAT', kind: 'float' },
  5: { name: 'DOUBLE', kind: 'float' },
  6: { name: 'NULL', kind: 'text' },
  7: { name: 'TIMESTAMP', kind: 'text' },
  8: { name: 'BIGINT', kind: 'integer' },
  9: { name: 'MEDIUMINT', kind: 'integer' },
  10: { name: 'DATE', kind: 'text' },
  11: { name: 'TIME', kind: 'text' },
  12: { name: 'DATETIME', kind: 'text' },
  13: { name: 'YEAR', kind: 'integer' },
  15: { name: 'VARCHAR', kind: 'text' },
  16: { name: 'BIT', kind: 'binary' },
  245: { name: 'JSON', kind: 'text' },
  246: { name: 'DECIMAL', kind: 'decimal' },
  247: { name: 'ENUM', kind: 'text' },
  248: { name: 'SET', kind: 'text' },
  249: { name: 'TINYBLOB', kind: 'binary' },
  250: { name: 'MEDIUMBLOB', kind: 'binary' },
  251: { name: 'LONGBLOB', kind: 'binary' },
  252: { name: 'BLOB', kind: 'binary' },
  253: { name: 'VARCHAR', kind: 'text' },
  254: { name: 'CHAR', kind: 'text' },
  255: { name: 'GEOMETRY', kind: 'binary' },
}

export function mysqlColumn(name: string, columnType: number): ShapedColumn {
  const known = Object.hasOwn(MYSQL_TYPES, columnType) ? MYSQL_TYPES[columnType] : undefined
  return shapedColumn(name, known?.name ?? `type ${columnType}`, known?.kind ?? 'text')
}

/** SQLite values come with their storage class (typeof), integers as text so no digit is lost. */
export function sqliteCell(value: unknown, storageClass: unknown): Cell {
  switch (storageClass) {
    case 'integer':
      return toCell(value, codecColumn('', 'INTEGER', 'integer'))
    case 'real':
      return toCell(typeof value === 'number' ? value : Number(value), codecColumn('', 'REAL', 'other'))
    default:
      return toCell(value, codecColumn('', 'TEXT', 'text'))
  }
}
