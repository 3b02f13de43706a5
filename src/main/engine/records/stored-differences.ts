/**
 * Where the database itself rounds (DECIMAL scale, DATETIME without fraction, a DOUBLE's 17 digits,
 * a `timestamp` that drops an offset), the write succeeds and the value is not what was typed. The
 * Review shows each such value before Commit: the dry run reads every written row back inside the
 * rolled-back transaction, and here each typed value is compared with what came back, per kind.
 */
import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo, Operation, OperationResult, StoredDifference } from '../../../shared/contract'
import { cellOf, isBinaryCell, type Cell, type CellInput } from '../../../shared/values'
import { normalizeDecimal } from './value-codec'

export function storedDifferences(
  dialect: Dialect,
  operations: readonly Operation[],
  results: readonly OperationResult[],
  columnsOf: (table: string) => readonly ColumnInfo[],
): StoredDifference[] {
  const differences: StoredDifference[] = []
  operations.forEach((operation, operationIndex) => {
    const result = results[operationIndex]
    if (operation.kind === 'delete' || !result || result.kind === 'delete') return
    const columns = columnsOf(operation.table)
    for (const [name, typed] of Object.entries(operation.values)) {
      const column = columns.find((c) => c.name === name)
      const stored = cellOf(result.row, name)
      if (!column || stored === undefined || storedAsTyped(dialect, column, typed, stored)) continue
      differences.push({ operationIndex, table: operation.table, column: name, typed: shown(typed), stored: shown(stored) })
    }
  })
  return differences
}

/** Whether the stored cell is the typed value, as the column's kind reads it. */
export function storedAsTyped(dialect: Dialect, column: ColumnInfo, typed: CellInput, stored: Cell): boolean {
  if (typed === null || stored === null) return typed === stored
  if (typeof typed === 'object' || isBinaryCell(stored)) {
    if (typeof typed !== 'object' || !isBinaryCell(stored)) return false
    return stored.truncated || typed.base64.replace(/\s+/g, '') === stored.base64
  }
  if (typeof stored === 'boolean')
    return typeof typed === 'boolean' ? typed === stored : ['1', 'true'].includes(String(typed).trim().toLowerCase()) === stored
  const text = String(typed)
  const back = String(stored)
  switch (column.kind) {
    case 'integer':
    case 'decimal':
    case 'float':
      return normalizeDecimal(text.trim()) === normalizeDecimal(back)
    case 'date':
    case 'time':
    case 'datetime':
      // SQLite stores the text it is given (date-values.ts writes the column's own form): no rounding there.
      return dialect === 'sqlite' || sameMoment(text, back)
    case 'json':
      return sameJson(text, back)
    case 'uuid':
      return text.trim().toLowerCase() === back.toLowerCase()
    case 'other':
      return text.replace(/\s+/g, '') === back.replace(/\s+/g, '')
    default:
      // CHAR(n): PostgreSQL pads with spaces, MySQL strips them on read; neither is a change of the text typed.
      return /^(char|character)\b(?! varying)/i.test(column.type) ? text.trimEnd() === back.trimEnd() : text === back
  }
}

const MOMENT = /^(?:(-?\d{4,})-(\d{2})-(\d{2}))?(?:[ T]?(\d{1,3}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Date/time text compared as the moment it names: `2024-01-01` and `2024-01-01 00:00:00`, `10:00`
 * and `10:00:00.000`, `+02` and `+02:00` alike; an offset typed but not stored (a `timestamp`
 * column drops it) or a fraction cut (DATETIME without fraction) differ.
 */
function sameMoment(typed: string, stored: string): boolean {
  const a = MOMENT.exec(typed.trim())
  const b = MOMENT.exec(stored.trim())
  if (!a || !b || (a[1] === undefined) !== (b[1] === undefined)) return typed.trim() === stored.trim()
  const zoneA = offsetMinutes(a[8])
  const zoneB = offsetMinutes(b[8])
  if (zoneA !== null && zoneB === null) return false // the zone typed was dropped
  // Typed without a zone: the server read it in its own zone, so the wall time is what must match.
  const zoned = zoneA !== null && zoneB !== null
  return momentOf(a, zoned ? zoneA : 0) === momentOf(b, zoned ? zoneB : 0)
}

function momentOf(m: RegExpExecArray, offset: number): string {
  const days = m[1] === undefined ? 0 : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000
  const minutes = days * 1440 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0) - offset
  return `${minutes}:${m[6] ?? '00'}.${(m[7] ?? '').replace(/0+$/, '')}`
}

function offsetMinutes(text: string | undefined): number | null {
  if (!text) return null
  if (text.toUpperCase() === 'Z') return 0
  const sign = text.startsWith('-') ? -1 : 1
  const digits = text.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0))
}

function sameJson(typed: string, stored: string): boolean {
  try {
    return JSON.stringify(JSON.parse(typed)) === JSON.stringify(JSON.parse(stored))
  } catch {
    return typed === stored
  }
}

function shown(value: CellInput | Cell): string {
  if (value === null) return 'NULL'
  if (typeof value === 'object') return 'bytes' in value ? `${value.bytes} bytes` : `${Buffer.from(value.base64, 'base64').length} bytes`
  return String(value)
}
