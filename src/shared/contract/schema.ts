import type { StoredDateForm } from '../datetime'
import { channel, sessionInput, tableInput } from './define'

export interface RowCount {
  /** A number when it fits exactly in a JS number, else the decimal string. */
  value: number
  /** False when it is the engine's estimate (pg_class.reltuples, information_schema.TABLES). */
  exact: boolean
}

export interface TableSummary {
  name: string
  kind: 'table' | 'view'
  rowCount: RowCount
  /** The app's own tables that have a form editor: users, posts, notes. */
  model: 'User' | 'Post' | 'Note' | null
}

export interface ColumnInfo {
  name: string
  /** The type as the database declares it, e.g. `varchar(80)`, `numeric(30,10)`, `INTEGER`. */
  type: string
  /** What the editor should offer. */
  kind: ColumnKind
  nullable: boolean
  /** The default as SQL text, or null when there is none. */
  default: string | null
  primaryKey: boolean
  unique: boolean
  autoIncrement: boolean
  /** Character limit for text columns, when declared. */
  maxLength: number | null
  /**
   * SQLite date/time columns only (text or numbers underneath): the form their values are kept in,
   * which every write uses, so the app that owns the table reads them back (shared/datetime.ts).
   */
  storedForm?: StoredDateForm
  /** Present when rows cannot be sorted by this column: why (the grid shows it and offers no sort). */
  sortRefusal?: string
  /** Present when an equals filter cannot find this column's values as shown: why. */
  equalityRefusal?: string
}

export type ColumnKind =
  'integer' | 'decimal' | 'float' | 'boolean' | 'text' | 'date' | 'time' | 'datetime' | 'json' | 'binary' | 'uuid' | 'other'

export interface ForeignKey {
  name: string | null
  /** The referencing side. */
  table: string
  columns: string[]
  /** The referenced side. */
  referencedTable: string
  referencedColumns: string[]
  onDelete: string | null
  onUpdate: string | null
}

export interface IndexInfo {
  name: string
  columns: string[]
  unique: boolean
  primary: boolean
}

export interface TableInfo {
  name: string
  kind: 'table' | 'view'
  columns: ColumnInfo[]
  primaryKey: string[]
  /** Keys of this table that point elsewhere. */
  foreignKeys: ForeignKey[]
  /** Keys of other tables that point here. */
  referencedBy: ForeignKey[]
  indexes: IndexInfo[]
  model: TableSummary['model']
}

export const schemaChannels = {
  'schema.tables': channel<TableSummary[]>()(sessionInput),
  'schema.describe': channel<TableInfo>()(tableInput),
}
