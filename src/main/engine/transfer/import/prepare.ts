import type { TableInfo } from '../../../../shared/contract'
import type { ColumnMapping, CsvFormat } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'
import { describeTable } from '../../schema'
import type { Session } from '../../connection/sessions'
import { SAMPLE_BYTES, detectFormat, sampleRecords } from '../csv/detect'
import { csvColumnNames, suggestMapping } from './mapping'
import { decodeSample, openSource, type OpenedSource, type SourceInput } from '../csv/source'

/** What inspect and import both work out first: the table, the source, its format and columns. */
export interface PreparedImport {
  table: TableInfo
  source: OpenedSource
  detected: CsvFormat
  format: CsvFormat
  csvColumns: string[]
  /** The given mapping, or the suggestion. */
  mapping: ColumnMapping
}

export interface PrepareRequest {
  table: string
  source: SourceInput
  format: Partial<CsvFormat>
  mapping?: ColumnMapping | undefined
}

export async function prepareImport(session: Session, request: PrepareRequest): Promise<PreparedImport> {
  const table = await describeTable(session, request.table)
  if (table.kind !== 'table') {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `"${table.name}" is a view; rows can only be imported into a table.`,
      hint: 'Choose the table the view reads from.',
      field: 'table',
    })
  }
  const source = await openSource(request.source)
  const head = await source.head(SAMPLE_BYTES)
  const complete = head.length >= source.bytes
  const names = table.columns.map((c) => c.name)
  const { detected, format } = await detectFormat(head, complete, names, request.format)
  const [first] = await sampleRecords(decodeSample(head, format.encoding), format.delimiter, format.quote, complete)
  const width = first?.length ?? 0
  const csvColumns = csvColumnNames(first, format.header, width)
  const mapping = request.mapping ?? suggestMapping(csvColumns, table, format.header)
  return { table, source, detected, format, csvColumns, mapping }
}
