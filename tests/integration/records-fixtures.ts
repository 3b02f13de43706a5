/** Helpers shared by the records integration suites (not a suite itself). */
import type { Dialect } from '../../src/shared/connection-types'
import type { Filter, Sort } from '../../src/shared/contract'
import type { Row } from '../../src/shared/values'
import type { DialectContext } from './harness'

/** An auto-numbered primary key column, as each dialect spells it. */
export function autoId(dialect: Dialect): string {
  if (dialect === 'mysql') return 'id BIGINT AUTO_INCREMENT PRIMARY KEY'
  if (dialect === 'postgres') return 'id BIGSERIAL PRIMARY KEY'
  return 'id INTEGER PRIMARY KEY'
}

/** Runs statements one at a time (the SQLite raw helper runs one per call). */
export async function rawAll(t: DialectContext, statements: string[]): Promise<void> {
  for (const sql of statements) await t.raw(sql)
}

/** Every row of the selection, page by page through nextCursor. */
export async function readAll(
  t: DialectContext,
  sessionId: string,
  table: string,
  options: { sort?: Sort[]; filters?: Filter[]; search?: string; pageSize: number },
): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await t.call('records.page', {
      sessionId,
      table,
      pageSize: options.pageSize,
      sort: options.sort ?? [],
      filters: options.filters ?? [],
      search: options.search,
      cursor,
    })
    rows.push(...page.rows)
    pages++
    cursor = page.nextCursor ?? undefined
    if (pages > 1000) throw new Error('paging does not end')
  } while (cursor)
  return { rows, pages }
}
