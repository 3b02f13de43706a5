import { z } from 'zod'
import { channel, sessionIdSchema, tableInput, tableNameSchema } from './define'
import { cellInputSchema, cellSchema, columnRecordSchema, rowSchema, type Cell, type Row } from '../values'
import type { RowCount } from './schema'

export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'isNull', 'isNotNull'] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

/**
 * The longest text a filter compares with. Longer text cannot be a value someone looked for (it
 * would reach the database only to fail there); a binary value may be a whole 64 KiB preview.
 */
export const FILTER_TEXT_LIMIT = 10_000
const FILTER_BASE64_LIMIT = 90_000

export const filterSchema = z.object({
  column: z.string().min(1),
  op: z.enum(FILTER_OPERATORS),
  /** Ignored by isNull / isNotNull; required by the others. */
  value: cellSchema
    .refine((value) => typeof value !== 'string' || value.length <= FILTER_TEXT_LIMIT, {
      message: `A filter value can be at most ${FILTER_TEXT_LIMIT.toLocaleString('en')} characters long.`,
    })
    .refine((value) => typeof value !== 'object' || value === null || value.base64.length <= FILTER_BASE64_LIMIT, {
      message: 'A binary filter value can be at most 64 KiB.',
    })
    .optional(),
})
export type Filter = z.infer<typeof filterSchema>

export const sortSchema = z.object({
  column: z.string().min(1),
  direction: z.enum(['asc', 'desc']),
})
export type Sort = z.infer<typeof sortSchema>

/** Which rows: the filters (all must hold) and a free-text search across text columns. */
export const selectionSchema = z.object({
  sessionId: sessionIdSchema,
  table: tableNameSchema,
  filters: z.array(filterSchema).max(50).default([]),
  search: z.string().max(1000).optional(),
})

export const pageInput = selectionSchema.extend({
  pageSize: z.number().int().min(1).max(5000).default(100),
  sort: z.array(sortSchema).max(8).default([]),
  /** Continue after the last row of the previous page (keyset): the previous page's `nextCursor`. */
  cursor: z.string().optional(),
  /** Jump to row N (0-based). Ignored when `cursor` is given. */
  offset: z.number().int().min(0).optional(),
  /**
   * The last `pageSize` rows of the selection (in the sort's order), read by reversing the sort:
   * "go to the end" without an OFFSET through the table. Ignored with `cursor` or `offset`.
   */
  fromEnd: z.boolean().optional(),
})
export type PageInput = z.input<typeof pageInput>

export interface Page {
  columns: string[]
  rows: Row[]
  /** Pass back as `cursor` for the next page; null when this page is the last. */
  nextCursor: string | null
}

export const countInput = selectionSchema.extend({
  /** When false, an unfiltered big table answers the engine's estimate at once. */
  exact: z.boolean().default(true),
})

/**
 * The labels of the rows a page's foreign-key cells point at: `table` and `columns` name the
 * referencing table's foreign key, `values` are the ids on the page (one query for all of them).
 */
export const labelsInput = tableInput.extend({
  columns: z.array(z.string().min(1)).min(1).max(16),
  values: z.array(cellSchema).max(1000),
})
export type LabelsRequest = z.output<typeof labelsInput>

/** Each referenced row found, by its key cell; `column` is the label's column (null: the table has none, or the key has several columns). */
export interface KeyLabels {
  table: string
  column: string | null
  labels: Array<{ key: Cell; label: string | null }>
}

export const keyInput = tableInput.extend({
  /** Primary key column → value. */
  key: rowSchema,
})

const valuesSchema = columnRecordSchema(cellInputSchema)

export const insertOperation = z.object({
  kind: z.literal('insert'),
  table: tableNameSchema,
  values: valuesSchema,
  /**
   * Columns copied inside the database from another row of the table (INSERT … SELECT), for a
   * duplicated row whose values the page holds only cut short (binary above the read cap).
   */
  copyFrom: z.object({ key: rowSchema, columns: z.array(z.string().min(1)).min(1).max(1000) }).optional(),
})
export type CopyFrom = NonNullable<z.infer<typeof insertOperation>['copyFrom']>
export const updateOperation = z.object({
  kind: z.literal('update'),
  table: tableNameSchema,
  key: rowSchema,
  /** The changed columns' values as the user last saw them; a difference is a CONFLICT. */
  original: rowSchema,
  values: valuesSchema,
})
export const deleteOperation = z.object({
  kind: z.literal('delete'),
  table: tableNameSchema,
  key: rowSchema,
  /** The row as the user last saw it (any subset of columns); a difference is a CONFLICT. */
  original: rowSchema,
})
export const operationSchema = z.discriminatedUnion('kind', [insertOperation, updateOperation, deleteOperation])
export type Operation = z.infer<typeof operationSchema>

export type OperationResult = { kind: 'insert' | 'update'; row: Row } | { kind: 'delete'; deleted: number }

/** A written value the database stores differently from what was typed (rounded, cut, zone dropped), found by the Review's dry run. */
export interface StoredDifference {
  operationIndex: number
  table: string
  column: string
  typed: string
  stored: string
}

/** The Review: the exact statements, and each value that would not be stored as typed. */
export interface BatchPreview {
  statements: string[]
  differences: StoredDifference[]
}

/** What a reviewed statement does: begins/ends the transaction, changes data, or checks (locks and compares a row, reads back what was written). */
export type StatementKind = 'transaction' | 'write' | 'check'

/** A staged operation the database would refuse (a value it cannot take, a rule it breaks), named by operation and column. */
export interface BatchProblem {
  operationIndex: number
  table: string
  /** The column the refusal is about, when it names one. */
  column: string | null
  message: string
}

/**
 * The Review as the renderer shows it: the statements of every operation the database accepts (each
 * with its kind), the values stored differently, and the operations it would refuse.
 */
export interface BatchReview extends BatchPreview {
  kinds: StatementKind[]
  problems: BatchProblem[]
}

export const batchInput = z.object({
  sessionId: sessionIdSchema,
  operations: z.array(operationSchema).min(1).max(10_000),
})

// Written out per operation (not through a generic helper) so each channel keeps its typed input.
const singleInsert = insertOperation.omit({ kind: true }).extend({ sessionId: sessionIdSchema })
const singleUpdate = updateOperation.omit({ kind: true }).extend({ sessionId: sessionIdSchema })
const singleDelete = deleteOperation.omit({ kind: true }).extend({ sessionId: sessionIdSchema })

export const bulkUpdateInput = selectionSchema.extend({ values: valuesSchema })

export const recordsChannels = {
  'records.page': channel<Page>()(pageInput),
  'records.count': channel<RowCount>()(countInput),
  'records.get': channel<Row>()(keyInput),
  'records.labels': channel<KeyLabels>()(labelsInput),
  'records.insert': channel<Row>()(singleInsert),
  'records.update': channel<Row>()(singleUpdate),
  'records.delete': channel<{ deleted: number }>()(singleDelete),
  /** Staged edits: every operation in one transaction, all or nothing. */
  'records.batch': channel<OperationResult[]>()(batchInput),
  /** The exact statements records.batch would run, found by a dry run that is rolled back (it fails as the batch would). */
  'records.preview': channel<BatchReview>()(batchInput),
  'records.bulkUpdate': channel<{ affected: number }>()(bulkUpdateInput),
  'records.bulkDelete': channel<{ affected: number }>()(selectionSchema),
}
