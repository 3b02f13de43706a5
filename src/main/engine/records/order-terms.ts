import { z } from 'zod'
import type { ColumnInfo } from '../../../shared/contract'
import type { BindParams } from './sql'
import { columnRef, type SqlTarget } from './target'

/**
 * How one column takes part in ORDER BY and in the keyset seek — one definition for both, so
 * "rows after the cursor" is always exactly "the rows ORDER BY puts after it" (design.md §4).
 *
 * The cursor does not carry the cell as the grid shows it (which may be rounded, or a text form
 * the database compares differently): it carries the term's own value, read from the row by `read`
 * in a form that binds back to the very same value, storage class included.
 */
export interface OrderTerm {
  /** The expression ORDER BY sorts on, and the left side of every seek comparison. */
  sql: string
  /** A SELECT expression that gives the term's value exactly (see `keyValueOf`). */
  read: string
  /** The cursor's value, placed opposite `sql` in a comparison. */
  bind(value: KeyValue, params: BindParams): string
}

/**
 * A term's value as the cursor keeps it (JSON-safe): text as the driver gave it, or a JS number as
 * its round-trip spelling (`String(n)`, which keeps `Infinity`), or null. SQLite values carry their
 * storage class as a prefix (`i`, `t`, `b`; reals are numbers) because SQLite orders by class first.
 */
export type KeyValue = string | { n: string } | null
export const keyValueSchema = z.union([z.string(), z.object({ n: z.string() }), z.null()])

/** A driver value of a term's `read` expression → its KeyValue. */
export function keyValueOf(raw: unknown): KeyValue {
  if (raw === null || raw === undefined) return null
  if (typeof raw === 'number') return { n: String(raw) }
  if (typeof raw === 'string') return raw
  if (typeof raw === 'bigint') return raw.toString()
  // Never reached: sortable columns' terms read as numbers or text (binary is not sortable).
  throw new Error(`a sort key read as ${typeof raw}`)
}

export function orderTerm(target: SqlTarget, column: ColumnInfo): OrderTerm {
  const quoted = columnRef(target, column)
  if (target.dialect === 'postgres') return postgresTerm(quoted)
  if (target.dialect === 'mysql') return mysqlTerm(quoted, column)
  return sqliteTerm(quoted)
}

/** Text binds back to the same value of the column's own type (float text has round-trip digits). */
function postgresTerm(quoted: string): OrderTerm {
  return { sql: quoted, read: `${quoted}::text`, bind: (value, params) => params.add(plain(value)) }
}

function mysqlTerm(quoted: string, column: ColumnInfo): OrderTerm {
  const type = column.type.toLowerCase()
  // ENUM sorts by member position, SET by its bit value, BIT by its number: compare those numbers.
  if (/^(enum|set|bit)\b/.test(type)) {
    return { sql: `${quoted}+0`, read: `${quoted}+0`, bind: (value, params) => `CAST(${params.add(plain(value))} AS UNSIGNED)` }
  }
  // FLOAT is sent as text with 6 significant digits; `+0` reads the exact stored value as a double.
  if (/^float\b/.test(type)) return { sql: quoted, read: `${quoted}+0`, bind: (value, params) => params.add(numeric(value)) }
  if (/^(double|real)\b/.test(type)) return { sql: quoted, read: quoted, bind: (value, params) => params.add(numeric(value)) }
  // A string compared with a number column is compared as a double: keep integers and decimals exact.
  if (column.kind === 'integer') {
    const cast = /unsigned/.test(type) ? 'UNSIGNED' : 'SIGNED'
    return { sql: quoted, read: quoted, bind: (value, params) => `CAST(${params.add(plain(value))} AS ${cast})` }
  }
  const decimal = /^(decimal|numeric)\((\d+),\s*(\d+)\)/.exec(type)
  if (decimal) {
    return {
      sql: quoted,
      read: quoted,
      bind: (value, params) => `CAST(${params.add(plain(value))} AS DECIMAL(${decimal[2]},${decimal[3]}))`,
    }
  }
  return { sql: quoted, read: quoted, bind: (value, params) => params.add(plain(value)) }
}

/**
 * SQLite orders NULL < numbers < text < blobs, whatever the column's declared type, and compares a
 * bound value by its own storage class: so the cursor keeps the class, and binds each class as
 * itself. Integers are written as literals (64-bit exact, and a literal has no affinity that could
 * convert the column's text), reals as doubles (±Infinity as ±9e999, which SQLite reads as such).
 */
function sqliteTerm(quoted: string): OrderTerm {
  const read = `CASE typeof(${quoted}) WHEN 'integer' THEN 'i' || CAST(${quoted} AS TEXT) WHEN 'text' THEN 't' || ${quoted} WHEN 'blob' THEN 'b' || hex(${quoted}) ELSE ${quoted} END`
  return {
    sql: quoted,
    read,
    bind(value, params) {
      if (value !== null && typeof value === 'object') {
        const n = Number(value.n)
        if (n === Infinity) return '9e999'
        if (n === -Infinity) return '-9e999'
        return params.add(n)
      }
      const text = value ?? ''
      const body = text.slice(1)
      if (text.startsWith('i') && /^-?\d{1,19}$/.test(body)) return body
      if (text.startsWith('t')) return params.add(body)
      if (text.startsWith('b') && /^[0-9A-F]*$/.test(body)) return params.add(Buffer.from(body, 'hex'))
      throw new Error('a SQLite sort key of unknown class')
    },
  }
}

function plain(value: KeyValue): string {
  return value !== null && typeof value === 'object' ? value.n : (value ?? '')
}

function numeric(value: KeyValue): number | string {
  return value !== null && typeof value === 'object' ? Number(value.n) : (value ?? '')
}
