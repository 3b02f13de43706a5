import { z } from 'zod'
import { channel, sessionIdSchema, tableNameSchema } from './define'
import { exportDestinationSchema, fileHandleSchema } from './files'
import { filterSchema, sortSchema } from './records'
import type { ColumnKind, TableSummary } from './schema'
import { CSV_ENCODINGS, type CsvEncoding } from './csv-encodings'
import { rowSchema, type Cell } from '../values'

/**
 * Import (CSV → any table) and export (table or filtered view → CSV / JSON Lines).
 *
 * How CSV spells NULL (both directions, PostgreSQL's COPY convention):
 * - an empty field WITHOUT quotes (`a,,b`) is NULL;
 * - an empty field WITH quotes (`a,"",b`) is the empty string.
 * Binary columns travel as base64 text (whole, never cut); booleans as `true`/`false`;
 * big integers, decimals and dates as the text the database prints.
 */

export { CSV_ENCODINGS, type CsvEncoding }

/**
 * Where an import reads from: a file the host granted (an upload, or the Open dialog's choice; see
 * files.ts), or pasted text. Strict objects: a `path` is refused, never ignored.
 */
export const importSourceSchema = z.union([
  z.strictObject({ file: fileHandleSchema }),
  z.strictObject({ text: z.string().max(64 * 1024 * 1024, 'pasted text can be at most 64 MB; import a file instead') }),
])
export type ImportSource = z.infer<typeof importSourceSchema>

const singleCharacter = (what: string) => z.string().length(1, `${what} must be one character`)

/** What the user overrides; anything left out is detected. */
export const csvFormatOverridesSchema = z.object({
  delimiter: singleCharacter('delimiter').optional(),
  quote: singleCharacter('quote').optional(),
  /** Whether the first row holds column names. */
  header: z.boolean().optional(),
  encoding: z.enum(CSV_ENCODINGS).optional(),
})

export interface CsvFormat {
  delimiter: string
  quote: string
  header: boolean
  encoding: CsvEncoding
}

/**
 * For each CSV column (by position), the table column it goes into, or null to skip it.
 * Table columns no CSV column maps to take their defaults.
 */
export const columnMappingSchema = z.array(z.string().min(1).nullable()).max(4096)
export type ColumnMapping = z.infer<typeof columnMappingSchema>

export interface TargetColumn {
  name: string
  type: string
  kind: ColumnKind
  /** The row cannot be written without a value here: NOT NULL, no default, not generated. */
  required: boolean
  nullable: boolean
  hasDefault: boolean
  autoIncrement: boolean
  maxLength: number | null
  primaryKey: boolean
}

/** A key duplicates can be recognised by: the primary key or a unique index. */
export interface UniqueKey {
  name: string
  columns: string[]
  primary: boolean
}

/** One problem with one row. `row` counts data rows from 1 (the header row is not counted). */
export interface RowIssue {
  row: number
  /** The table column, or null when the problem is the whole row (e.g. a wrong number of fields). */
  column: string | null
  message: string
}

export interface PreviewRow {
  row: number
  /** Table column → the value as it will be written. */
  values: Record<string, Cell>
  /** Columns that will take their default (an empty field where the column has one). */
  defaults: string[]
  issues: RowIssue[]
}

export interface ImportInspection {
  /** What detection found. */
  detected: CsvFormat
  /** What will be used: detection with the overrides applied. */
  format: CsvFormat
  /** The CSV's column names (from the header row, or `column 1`, `column 2`… without one). */
  csvColumns: string[]
  /** The mapping used for the preview: the given one, or the suggestion (by name, ignoring case and underscores). */
  mapping: ColumnMapping
  targetColumns: TargetColumn[]
  uniqueKeys: UniqueKey[]
  /** The first rows as they will be written. */
  preview: PreviewRow[]
  /** users/posts/notes: the app's model rules are applied to every row. */
  model: TableSummary['model']
  /** Size of the source in bytes. */
  bytes: number
  /** What would stop an import with this mapping (e.g. a required column left unmapped). */
  warnings: string[]
}

export const inspectInput = z.strictObject({
  sessionId: sessionIdSchema,
  table: tableNameSchema,
  source: importSourceSchema,
  format: csvFormatOverridesSchema.default({}),
  mapping: columnMappingSchema.optional(),
  previewRows: z.number().int().min(0).max(200).default(20),
})

/** skip: insert only, rows whose key exists are skipped (and counted); update: upsert; fail: stop at the first. */
export const DUPLICATE_MODES = ['skip', 'update', 'fail'] as const
export type DuplicateMode = (typeof DUPLICATE_MODES)[number]

export const importInput = z.strictObject({
  sessionId: sessionIdSchema,
  table: tableNameSchema,
  source: importSourceSchema,
  format: csvFormatOverridesSchema.default({}),
  /** Default: the suggested mapping. */
  mapping: columnMappingSchema.optional(),
  /** The columns of the unique key duplicates are recognised by. Default: the primary key. */
  key: z.array(z.string().min(1)).min(1).max(32).optional(),
  onDuplicate: z.enum(DUPLICATE_MODES).default('skip'),
  /** abort: a bad row stops the import, nothing is written (the rest of the file is still checked, for the report); skip: bad rows are left out. */
  onInvalid: z.enum(['abort', 'skip']).default('abort'),
  /** true: one transaction, all or nothing. false: each batch commits on its own (a stop keeps what was written). */
  atomic: z.boolean().default(true),
  /** Runs everything, then rolls back: the counts say what an import would do. */
  dryRun: z.boolean().default(false),
  /** Chosen by the caller, so it can cancel (transfer.cancel) and match progress events. */
  jobId: z.string().min(1).max(100),
})

/** A row left out in insert-only mode, and why: an earlier row of the file with the same key (its number), or null: the key was already in the table. */
export interface SkippedRow {
  row: number
  sameAs: number | null
}

/**
 * What an import did. Problems with rows (bad values, rows the database refused, a duplicate in
 * "fail" mode) are reported here, not thrown: `outcome` says whether anything was kept.
 * Thrown errors are for the import as a whole (unreadable file, bad mapping, CANCELLED…).
 */
export interface ImportResult {
  /**
   * committed: written (bad rows left out in skip mode);
   * dry-run: everything ran and was rolled back, the counts say what an import would do;
   * aborted: a bad row stopped it (the rest of the file was still checked for the report). The
   *   counts say what stays written: nothing when atomic, the batches before the stop otherwise.
   */
  outcome: 'committed' | 'dry-run' | 'aborted'
  /** Data rows read from the file. */
  rows: number
  inserted: number
  updated: number
  /** Rows whose key already existed (insert-only mode). */
  skipped: number
  /** The first skipped rows with their reasons (at most 100, among the file's first 10,000 rows; later ones are only counted). */
  skippedRows: SkippedRow[]
  /** Bad rows: left out (skip mode), or the ones that stopped the import. */
  failed: number
  /** The first 100 problems. */
  issues: RowIssue[]
  issueCount: number
  elapsedMs: number
}

export const exportFormatSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('csv'),
    delimiter: singleCharacter('delimiter').default(','),
    header: z.boolean().default(true),
    /** Prefix cells that start with = + - @ (and tab, CR) with ' so spreadsheets do not run them as formulas. */
    spreadsheetSafe: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('jsonl') }),
])
export type ExportFormat = z.input<typeof exportFormatSchema>

export const exportInput = z.strictObject({
  sessionId: sessionIdSchema,
  table: tableNameSchema,
  /** The same selection as records.page (no filters: the whole table). */
  filters: z.array(filterSchema).max(50).default([]),
  search: z.string().max(1000).optional(),
  sort: z.array(sortSchema).max(8).default([]),
  /** A subset of the columns, in this order; default all. */
  columns: z.array(z.string().min(1)).min(1).max(4096).optional(),
  format: exportFormatSchema,
  destination: exportDestinationSchema,
  jobId: z.string().min(1).max(100),
})

export interface ExportResult {
  rows: number
  bytes: number
  /** The written file's own name (never its path). */
  name: string
  elapsedMs: number
}

export const copyRowsInput = z.object({
  sessionId: sessionIdSchema,
  table: tableNameSchema,
  /** Rows as the grid holds them. Binary cut in the grid is read again whole by primary key. */
  rows: z.array(rowSchema).min(1).max(10_000),
  /** Which columns, in this order; default the table's. */
  columns: z.array(z.string().min(1)).min(1).max(4096).optional(),
  format: z.enum(['csv', 'json', 'sql']),
  /** CSV only. */
  delimiter: singleCharacter('delimiter').default(','),
  header: z.boolean().default(true),
})

export const cancelInput = z.object({ jobId: z.string().min(1).max(100) })

export const transferChannels = {
  /** Detects the format, previews the first rows as they will be written, suggests a mapping. */
  'transfer.inspect': channel<ImportInspection>()(inspectInput),
  'transfer.import': channel<ImportResult>()(importInput),
  'transfer.export': channel<ExportResult>()(exportInput),
  /** Stops a running import (rolled back) or export (file removed); false when no such job runs. */
  'transfer.cancel': channel<{ cancelled: boolean }>()(cancelInput),
  /** Rows as text for the clipboard: CSV, a JSON array, or SQL INSERT statements for this dialect. */
  'transfer.copyRows': channel<{ text: string; rows: number }>()(copyRowsInput),
}
