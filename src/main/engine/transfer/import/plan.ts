import type { Dialect } from '../../../../shared/connection-types'
import type { ColumnInfo, ColumnKind, TableInfo } from '../../../../shared/contract'
import type { DuplicateMode } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import { normalizeDecimal } from '../../records/value-codec'
import { isRequired } from './mapping'
import type { ModelRules } from './model-rules'
import type { WriteMode } from './upsert-sql'
import { USE_DEFAULT, converterFor, type Converter } from './validate'

/**
 * What an import writes, worked out once before the first row: the columns in bind order, where
 * each value comes from (a CSV position, or a constant the model fills), how it is converted,
 * and which written columns form the key duplicates are recognised by.
 */
export interface ImportPlan {
  dialect: Dialect
  table: TableInfo
  /** Fields per CSV row. */
  csvWidth: number
  /** Written columns, in bind order. */
  columns: ColumnInfo[]
  /** Per written column: its CSV position, or -1 for a constant. */
  sources: number[]
  /** Per written column: the converter (CSV columns) or null (constants). */
  converters: Array<Converter | null>
  /** Per written column: the constant (model-filled columns). */
  constants: unknown[]
  /** Positions (in `columns`) of the key, or null when rows are not matched to existing ones. */
  keyPositions: number[] | null
  mode: WriteMode
  model: ModelRules | null
}

export function buildPlan(options: {
  dialect: Dialect
  table: TableInfo
  mapped: Array<ColumnInfo | null>
  key: ColumnInfo[] | null
  mode: DuplicateMode
  model: ModelRules | null
  /** False for previews: a required column left unmapped is reported, not fatal. */
  checkRequired?: boolean
}): ImportPlan {
  const { dialect, table, mapped, key, model } = options
  const columns: ColumnInfo[] = []
  const sources: number[] = []
  const converters: Array<Converter | null> = []
  const constants: unknown[] = []
  mapped.forEach((column, position) => {
    if (!column) return
    columns.push(column)
    sources.push(position)
    converters.push(converterFor(column, dialect))
    constants.push(undefined)
  })
  for (const constant of model?.constants ?? []) {
    columns.push(constant.column)
    sources.push(-1)
    converters.push(null)
    constants.push(constant.value)
  }
  const problem = unmappedRequired(table, columns)
  if (problem && options.checkRequired !== false) throw problem
  const keyPositions = key ? key.map((k) => columns.findIndex((c) => c.name === k.name)) : null
  return {
    dialect,
    table,
    csvWidth: mapped.length,
    columns,
    sources,
    converters,
    constants,
    keyPositions: keyPositions && keyPositions.every((p) => p >= 0) ? keyPositions : null,
    mode: keyPositions ? options.mode : 'fail',
    model,
  }
}

/** Required columns (NOT NULL, no default) that nothing writes, as the error an import would stop with. */
export function unmappedRequired(table: TableInfo, written: readonly ColumnInfo[]): AppError | null {
  const names = new Set(written.map((c) => c.name))
  const missing = table.columns.filter((c) => isRequired(c) && !names.has(c.name))
  if (missing.length === 0) return null
  const plural = missing.length > 1
  return new AppError({
    code: 'INVALID_INPUT',
    message: `${missing.map((c) => c.name).join(', ')} ${plural ? 'need values' : 'needs a value'}, but no CSV column is mapped to ${plural ? 'them' : 'it'}.`,
    hint: 'Map a CSV column to each required column.',
    field: 'mapping',
  })
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float'])
/** Integers already in their one spelling (the common case) need no normalising (BigInt's spelling). */
const CANONICAL_INTEGER = /^(0|-?[1-9]\d{0,14})$/

/**
 * A row's key for spotting the same key twice in one batch (PostgreSQL refuses to upsert a row
 * twice in one statement, and the counts would be off elsewhere). It errs on the side of "same":
 * text is compared without case or trailing blanks, as MySQL's usual collations do; numbers by
 * value. A false "same" costs only an earlier flush. Keys holding NULL or DEFAULT never clash.
 */
export function batchKey(values: readonly unknown[], offset: number, plan: ImportPlan): string | null {
  const positions = plan.keyPositions
  if (!positions) return null
  let key = ''
  for (const position of positions) {
    const value = values[offset + position]
    if (value === null || value === undefined || value === USE_DEFAULT) return null
    let part: string
    if (typeof value === 'string') {
      const kind = plan.columns[position].kind
      if (kind === 'integer') part = CANONICAL_INTEGER.test(value) ? value : BigInt(value.trim()).toString()
      else if (NUMERIC_KINDS.has(kind)) part = normalizeDecimal(value.trim())
      else part = value.toLowerCase().trimEnd()
    } else if (Buffer.isBuffer(value)) {
      part = value.toString('base64')
    } else {
      part = String(value)
    }
    key += `${part}\u0000`
  }
  return key
}
