import type { ColumnInfo } from '../../../../shared/contract'

/** Fixed sizes keep virtualisation exact: every row is one line tall. */
export const ROW_HEIGHT = 30
export const HEADER_HEIGHT = 34
export const SELECTOR_WIDTH = 56
export const MIN_COLUMN_WIDTH = 56
export const MAX_COLUMN_WIDTH = 1200

/** A first width that fits the kind of value (and the header's name). */
export function columnWidth(column: ColumnInfo): number {
  const byKind: Record<ColumnInfo['kind'], number> = {
    integer: 90,
    decimal: 120,
    float: 110,
    boolean: 90,
    text: column.maxLength !== null ? Math.min(240, Math.max(110, column.maxLength * 2)) : 260,
    date: 120,
    time: 130,
    datetime: 200,
    json: 260,
    binary: 150,
    uuid: 300,
    other: 160,
  }
  return clampWidth(Math.max(byKind[column.kind], column.name.length * 8 + 44))
}

export const clampWidth = (width: number): number => Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)))
