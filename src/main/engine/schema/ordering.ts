/**
 * Which columns rows can be sorted and equality-filtered by, per dialect. The grid shows the reason
 * in the column's header and does not offer sorting; the records engine refuses with the same reason.
 * A column is sortable only when the records engine can continue a page exactly in the order the
 * database's own ORDER BY uses (records/order-terms.ts); everything else is refused, never guessed.
 */
import type { Dialect } from '../../../shared/connection-types'
import type { ColumnInfo } from '../../../shared/contract'

const MYSQL_SPATIAL = /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/i

/** PostgreSQL types outside the common kinds that have a b-tree ordering spelled with < and >. */
const PG_ORDERED = /^(money|interval|inet|cidr|macaddr8?|tsvector|tsquery|bit( varying)?(\(\d+\))?|oid|pg_lsn|"char"|name)$/
/** Element types of arrays PostgreSQL orders element by element with < and >. */
const PG_ORDERED_ELEMENT =
  /^(smallint|integer|bigint|numeric(\(\d+(,\d+)?\))?|real|double precision|boolean|text|character varying(\(\d+\))?|character(\(\d+\))?|date|time(\(\d\))? without time zone|timestamp(\(\d\))? with(out)? time zone|uuid|jsonb|bytea)$/

/** Why rows cannot be sorted by this column, or null when they can. */
export function sortRefusal(dialect: Dialect, column: ColumnInfo): string | null {
  if (column.kind === 'binary') return `Rows cannot be sorted by ${column.name}: it holds binary data.`
  if (dialect === 'mysql' && MYSQL_SPATIAL.test(column.type)) {
    return `Rows cannot be sorted by ${column.name}: the database orders ${column.type} values by their internal bytes, not by anything shown here.`
  }
  if (dialect !== 'postgres') return null
  if (column.kind === 'json' && column.type === 'json') {
    return `Rows cannot be sorted by ${column.name}: PostgreSQL has no order for json (jsonb has one).`
  }
  if (column.kind !== 'other' || PG_ORDERED.test(column.type)) return null
  const element = /^(.*)\[\]$/.exec(column.type)?.[1]
  if (element !== undefined && (PG_ORDERED_ELEMENT.test(element) || PG_ORDERED.test(element))) return null
  return `Rows cannot be sorted by ${column.name}: PostgreSQL cannot compare ${column.type} values with < and >, so pages could not continue in order.`
}

/** Why an equals filter cannot find this column's values as shown, or null when it can. */
export function equalityRefusal(dialect: Dialect, column: ColumnInfo): string | null {
  if (dialect === 'mysql' && MYSQL_SPATIAL.test(column.type)) {
    return `${column.name} cannot be filtered by equality: ${column.type} values are not compared as they are shown.`
  }
  return null
}

/** The column with its refusals filled in (absent when sorting and equality both work). */
export function withOrdering(dialect: Dialect, column: ColumnInfo): ColumnInfo {
  const sort = sortRefusal(dialect, column)
  const equality = equalityRefusal(dialect, column)
  return { ...column, ...(sort ? { sortRefusal: sort } : {}), ...(equality ? { equalityRefusal: equality } : {}) }
}
