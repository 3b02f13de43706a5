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
  return clampWidth(Math.max(byKind[column.kind], column.name.length * 8 + 44, hintWidth(fullHint(column, false)) + HEADER_PADDING))
}

/** Estimated widths (px) of the header's text: the hint is ~11px text, the name ~14px semi-bold. */
const HINT_CHAR = 6.4
const HEADER_PADDING = 24
const SORT_MARK = 16
const hintWidth = (hint: string): number => Math.ceil(hint.length * HINT_CHAR)

/** The header's hint in full: keys, then the type as declared. */
export function fullHint(column: ColumnInfo, foreignKey: boolean): string {
  return `${column.primaryKey ? 'PK ' : ''}${foreignKey ? 'FK ' : ''}${column.type.toLowerCase()}`
}

/**
 * The hint shown under a column's name at this width: in full when it fits, else shorter forms
 * (the type alone, the type without its size, nothing) — never a type cut to "varch…". The header's
 * tooltip always has all of it (columnDescription).
 */
export function typeHint(column: ColumnInfo, foreignKey: boolean, width: number, sorted: boolean): string {
  const room = width - HEADER_PADDING - (sorted ? SORT_MARK : 0)
  const type = column.type.toLowerCase()
  const base = type.replace(/\s*\(.*$/, '')
  const candidates = [fullHint(column, foreignKey), type, base]
  return candidates.find((hint) => hintWidth(hint) <= room) ?? ''
}

/** Everything about a column, for the header's tooltip: type, nullability, default, keys. */
export function columnDescription(
  column: ColumnInfo,
  foreignKey: { referencedTable: string; referencedColumns: string[] } | undefined,
): string {
  const keys = [
    column.primaryKey ? 'primary key' : null,
    column.unique ? 'unique' : null,
    column.autoIncrement ? 'auto-increment' : null,
    foreignKey ? `references ${foreignKey.referencedTable}(${foreignKey.referencedColumns.join(', ')})` : null,
  ].filter(Boolean)
  return [column.name, column.type, column.nullable ? 'null allowed' : 'not null', `default ${column.default ?? 'none'}`, ...keys].join(
    ' · ',
  )
}

/** Whether a cell's text may be wider than its column (digits are ~8px at the grid's size): then it carries a tooltip. */
export function mayBeCut(text: string, width: number): boolean {
  return text.length * 8 > width - 16
}

export const clampWidth = (width: number): number => Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)))

/**
 * The scroll offset that shows a span [start, start + size) of the content inside a viewport whose
 * first `sticky` pixels are covered (the sticky header or row selector): unchanged when it is shown,
 * else the least move, its start first when it does not fit.
 */
export function scrollToShow(start: number, size: number, scroll: number, viewport: number, sticky: number): number {
  if (start - sticky < scroll) return Math.max(0, start - sticky)
  if (start + size > scroll + viewport) return Math.min(start - sticky, start + size - viewport)
  return scroll
}
