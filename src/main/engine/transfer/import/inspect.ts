import type { z } from 'zod'
import type { ColumnInfo } from '../../../../shared/contract'
import type { ImportInspection, PreviewRow, inspectInput } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import type { Cell } from '../../../../shared/values'
import type { Session } from '../../connection/sessions'
import { toCell } from '../../records/value-codec'
import { resolveMapping, targetColumns, uniqueKeys } from './mapping'
import { modelRulesFor } from './model-rules'
import { buildPlan, unmappedRequired, type ImportPlan } from './plan'
import { prepareImport } from './prepare'
import { dataRecords } from '../csv/record-stream'
import type { SourceInput } from '../csv/source'
import { convertRecord, modelIssues } from './convert-record'
import { USE_DEFAULT } from './validate'

export type InspectRequest = Omit<z.output<typeof inspectInput>, 'source'> & { source: SourceInput }

/**
 * Everything the import screen shows before anything is written: the detected format, the CSV's
 * columns, a suggested mapping, the table's columns and keys, and the first rows converted and
 * checked exactly as the import would (model rules included).
 */
export async function inspectImport(session: Session, request: InspectRequest): Promise<ImportInspection> {
  const prepared = await prepareImport(session, request)
  const { table, csvColumns } = prepared
  const warnings: string[] = []
  let preview: PreviewRow[] = []
  const mapped =
    csvColumns.length > 0 ? resolveMapping(padded(prepared.mapping, csvColumns.length), csvColumns.length, table, { allowNone: true }) : []
  if (mapped.every((c) => c === null)) {
    if (csvColumns.length > 0) warnings.push('No CSV column is mapped to a table column yet.')
  } else {
    const names = new Set(mapped.flatMap((c) => (c ? [c.name] : [])))
    const model = modelRulesFor(session, table, names, new Date())
    const plan = buildPlan({ dialect: session.config.dialect, table, mapped, key: null, mode: 'fail', model, checkRequired: false })
    const missing = unmappedRequired(table, plan.columns)
    if (missing) warnings.push(missing.message)
    preview = await previewRows(plan, prepared, request.previewRows)
  }
  return {
    detected: prepared.detected,
    format: prepared.format,
    csvColumns,
    mapping: padded(prepared.mapping, csvColumns.length),
    targetColumns: targetColumns(table),
    uniqueKeys: uniqueKeys(table),
    preview,
    model: table.model,
    bytes: prepared.source.bytes,
    warnings,
  }
}

function padded(mapping: ReadonlyArray<string | null>, width: number): Array<string | null> {
  return Array.from({ length: width }, (_, i) => mapping[i] ?? null)
}

async function previewRows(plan: ImportPlan, prepared: Awaited<ReturnType<typeof prepareImport>>, limit: number): Promise<PreviewRow[]> {
  const rows: PreviewRow[] = []
  if (limit === 0) return rows
  let rowNumber = 0
  try {
    for await (const record of dataRecords(prepared.source, prepared.format, plan.csvWidth)) {
      rowNumber++
      const converted: unknown[] = []
      const problems = convertRecord(plan, record, converted, 0) ?? (await modelIssues(plan, converted, 0))
      rows.push({ row: rowNumber, ...asCells(plan.columns, converted), issues: (problems ?? []).map((p) => ({ row: rowNumber, ...p })) })
      if (rows.length >= limit) break
    }
  } catch (error) {
    // A file that breaks further down still previews its first rows; the import will report the rest.
    if (!(error instanceof AppError) || rows.length === 0) throw error
  }
  return rows
}

function asCells(columns: ColumnInfo[], converted: readonly unknown[]): Pick<PreviewRow, 'values' | 'defaults'> {
  const defaults = columns.filter((_, c) => converted[c] === USE_DEFAULT).map((column) => column.name)
  // Object.fromEntries, not `values[name] = …`: a column called __proto__ stays a column.
  const values = Object.fromEntries(
    columns.map((column, c): [string, Cell] => [column.name, converted[c] === USE_DEFAULT ? null : toCell(converted[c], column)]),
  )
  return { values, defaults }
}
