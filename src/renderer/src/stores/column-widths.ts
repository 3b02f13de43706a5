import { cleanOrder } from '../features/browse/column-order'
import { clampWidth } from '../features/browse/grid-layout'

/**
 * Column widths and the column order a person set, remembered per saved connection and table in the
 * renderer's own storage (names and numbers only). A session from a typed URL keeps them for the
 * session only (the browser store), as nothing names it the next time.
 */

const PREFIX = 'rowboat.widths.v1.'
const ORDER_PREFIX = 'rowboat.order.v1.'
const keyOf = (connectionId: string, table: string, prefix = PREFIX) => prefix + JSON.stringify([connectionId, table])

/** Only finite numbers, clamped: anything else stored (a hand edit, an older build) is dropped. */
export function cleanWidths(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  // fromEntries defines own properties, so a column named __proto__ is a width like any other.
  return Object.fromEntries(
    Object.entries(value).flatMap(([column, width]) =>
      typeof width === 'number' && Number.isFinite(width) ? [[column, clampWidth(width)]] : [],
    ),
  )
}

export function rememberedWidths(connectionId: string, table: string): Record<string, number> {
  try {
    const text = globalThis.localStorage?.getItem(keyOf(connectionId, table))
    return text ? cleanWidths(JSON.parse(text)) : {}
  } catch {
    return {}
  }
}

export function rememberWidths(connectionId: string, table: string, widths: Record<string, number>): void {
  try {
    globalThis.localStorage?.setItem(keyOf(connectionId, table), JSON.stringify(cleanWidths(widths)))
  } catch {
    // Full or disabled storage: the widths last for this session.
  }
}

export function rememberedOrder(connectionId: string, table: string): string[] {
  try {
    const text = globalThis.localStorage?.getItem(keyOf(connectionId, table, ORDER_PREFIX))
    return text ? cleanOrder(JSON.parse(text)) : []
  } catch {
    return []
  }
}

export function rememberOrder(connectionId: string, table: string, order: readonly string[]): void {
  try {
    globalThis.localStorage?.setItem(keyOf(connectionId, table, ORDER_PREFIX), JSON.stringify(cleanOrder(order)))
  } catch {
    // Full or disabled storage: the order lasts for this session.
  }
}

/** "Reset columns": the table's widths and order are forgotten, here and in storage. */
export function forgetColumns(connectionId: string, table: string): void {
  try {
    globalThis.localStorage?.removeItem(keyOf(connectionId, table))
    globalThis.localStorage?.removeItem(keyOf(connectionId, table, ORDER_PREFIX))
  } catch {
    // Disabled storage held nothing.
  }
}
