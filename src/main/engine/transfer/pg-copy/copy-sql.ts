import { duplicateClause, type InsertShape } from '../import/upsert-sql'

/**
 * The statements of PostgreSQL's COPY import path (copy-writer.ts). Rows are copied into a
 * staging table and merged into the target with one INSERT … SELECT per batch, which carries the
 * same duplicate clause the INSERT path uses (upsert-sql.ts), so duplicates are handled and
 * counted the same way.
 */

/** Temporary, so it is private to the connection; gone at the end of the transaction either way. */
export const STAGING_TABLE = '"rowboat_import_staging"'

/**
 * The staging table: the written columns of the target with their exact types (varchar length,
 * numeric precision, timestamp precision…, so COPY parses each value as binding it would), and
 * nothing else: no NOT NULL, no checks, no indexes. Constraints are the target's business, at
 * the merge. Made from the target itself, so no type name is ever spelt out here.
 */
export function createStagingSql(shape: Pick<InsertShape, 'table' | 'columns'>): string {
  return `CREATE TEMPORARY TABLE ${STAGING_TABLE} ON COMMIT DROP AS SELECT ${shape.columns.join(', ')} FROM ${shape.table} WITH NO DATA`
}

/** Text format: tab-separated, `\N` for NULL (copy-text.ts writes it). */
export const COPY_SQL = `COPY ${STAGING_TABLE} FROM STDIN (FORMAT text)`

export const EMPTY_STAGING_SQL = `TRUNCATE ${STAGING_TABLE}`

/**
 * The merge, answering one row of counts:
 * - fail, skip: the INSERT's own row count is the rows inserted (skip: the rest were duplicates);
 * - update: RETURNING (xmax = 0) tells each inserted row from each updated one; they are
 *   counted inside the statement so a batch's worth of flags never crosses the wire.
 */
export function mergeSql(shape: InsertShape): string {
  const insert = `INSERT INTO ${shape.table} (${shape.columns.join(', ')}) SELECT ${shape.columns.join(', ')} FROM ${STAGING_TABLE}${duplicateClause(shape)}`
  if (shape.mode !== 'update' || shape.key.length === 0) return insert
  return `WITH merged AS (${insert}) SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) AS written FROM merged`
}
