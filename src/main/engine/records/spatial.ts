/**
 * MySQL/MariaDB geometry columns (POINT, POLYGON, …) as text. mysql2 parses them into objects
 * (`{"x":1,"y":2}`), which cannot be written back; so they are read as WKT with ST_AsText, which
 * prints doubles with round-trip digits, and written with ST_GeomFromText. The stored value also
 * carries a spatial reference id, which WKT leaves out: a value with one reads as
 * `SRID=4326;POINT(1 2)` (the PostGIS "extended WKT" form) and is written with that id, so a value
 * written back unchanged is byte-identical. (One exception the server makes: ST_AsText prints a
 * coordinate of -0 as 0.)
 */
import type { ColumnInfo } from '../../../shared/contract'
import type { Dialect } from '../../../shared/connection-types'
import { AppError } from '../../../shared/errors'
import type { CellInput } from '../../../shared/values'

const MYSQL_GEOMETRY = /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection|geomcollection)\b/i

export const isMysqlGeometry = (dialect: Dialect, column: ColumnInfo): boolean => dialect === 'mysql' && MYSQL_GEOMETRY.test(column.type)

/** The SELECT expression of a geometry column (`q` is its quoted name): WKT, `SRID=n;` in front when n is not 0. */
export function geometryReadExpression(q: string): string {
  return `IF(ST_SRID(${q}) = 0, ST_AsText(${q}), CONCAT('SRID=', ST_SRID(${q}), ';', ST_AsText(${q})))`
}

// A geometry type word, then a parenthesis or EMPTY; the server checks the rest.
const WKT = /^\s*(SRID=(\d{1,10});)?\s*([A-Za-z]+\s*(\(|EMPTY\b)[\s\S]*)$/

/**
 * The SQL for a value written to a geometry column, its parameters added with `add` (which answers
 * each one's placeholder): ST_GeomFromText(text, srid), or NULL. Text that is not WKT is refused here,
 * as ST_GeomFromText would silently make it NULL.
 */
export function geometryWriteExpression(value: CellInput, column: ColumnInfo, add: (value: unknown) => string): string {
  if (value === null) return add(null)
  const match = typeof value === 'string' ? WKT.exec(value) : null
  if (!match) {
    const message = `"${column.name}" takes geometry as text (WKT), e.g. POINT(1 2) or SRID=4326;POINT(1 2).`
    throw new AppError({
      code: 'VALIDATION',
      message,
      field: column.name,
      details: { fields: [{ field: column.name, message, rule: 'geometry' }] },
    })
  }
  return `ST_GeomFromText(${add(match[3])}, ${add(Number(match[2] ?? 0))})`
}
