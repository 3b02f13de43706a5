import { beforeAll, expect, it } from 'vitest'
import type { ColumnInfo } from '../../src/shared/contract'
import type { Cell, Row } from '../../src/shared/values'
import { describeDialects } from './harness'
import { FAMILIES, familyStatements, type Family } from './paging-exact'
import { rawAll, readAll } from './records-fixtures'

/**
 * Differential paging: for every column type each dialect offers, the pages `records.page` hands
 * out (both directions, page sizes 1, 7 and 100) concatenate to exactly one plain-driver
 * `ORDER BY column, id` of the whole table — same rows, same order, none twice — or the column is
 * reported not sortable, with the reason. An equals filter with each value as the grid shows it
 * finds exactly the rows showing that value, or the column is reported not filterable by equality.
 */
const PAGE_SIZES = [1, 7, 100]
const DIRECTIONS = ['asc', 'desc'] as const
const shown = (cell: Cell | undefined): string => JSON.stringify(cell ?? null)

describeDialects('records: exact paging and equality on every type', (t) => {
  let sessionId = ''
  const skipped = new Map<string, string>()

  beforeAll(async () => {
    for (const [index, family] of FAMILIES[t.dialect].entries()) {
      try {
        await rawAll(t, [...(family.setup ?? []), ...familyStatements(t.dialect, family, `f${index}`)])
      } catch (error) {
        // Under CI every family must be there: a type the server cannot create fails, not skips.
        if (process.env.CI === 'true') throw error
        skipped.set(family.name, (error as Error).message)
      }
    }
    sessionId = await t.open()
  })

  FAMILIES[t.dialect].forEach((family: Family, index: number) => {
    const table = `f${index}`
    const count = `${family.columns.length} types × ${DIRECTIONS.length} directions × ${PAGE_SIZES.length} page sizes`

    it(`${family.name}: pages equal one ORDER BY (${count})`, async (context) => {
      if (skipped.has(family.name)) return context.skip(`${family.name} could not be created: ${skipped.get(family.name)}`)
      const info = await t.call('schema.describe', { sessionId, table })
      const failures: string[] = []
      for (const column of info.columns.filter((c) => c.name !== 'id')) {
        for (const direction of DIRECTIONS) {
          const sort = [{ column: column.name, direction }]
          if (column.sortRefusal) {
            const answer = await t.result('records.page', { sessionId, table, sort })
            expect(answer, column.name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: column.sortRefusal } })
            continue
          }
          const expected = await plainOrder(table, column, direction)
          for (const pageSize of PAGE_SIZES) {
            const got = await readAll(t, sessionId, table, { sort, pageSize }).then(
              (r) => r.rows.map((row) => Number(row.id)),
              (e: Error) => e.message,
            )
            if (JSON.stringify(got) !== JSON.stringify(expected)) {
              failures.push(
                `${column.name} (${column.type}) ${direction} by ${pageSize}: ${typeof got === 'string' ? got : `${got.length} rows ${JSON.stringify(got)}`}; expected ${JSON.stringify(expected)}`,
              )
            }
          }
        }
      }
      expect(failures).toEqual([])
    })

    it(`${family.name}: an equals filter with each value as shown finds exactly its rows (${family.columns.length} types)`, async (context) => {
      if (skipped.has(family.name)) return context.skip(`${family.name} could not be created: ${skipped.get(family.name)}`)
      const info = await t.call('schema.describe', { sessionId, table })
      const all = (await t.call('records.page', { sessionId, table, pageSize: 5000 })).rows
      const failures: string[] = []
      for (const column of info.columns.filter((c) => c.name !== 'id')) {
        const values = [...new Map(all.map((row) => [shown(row[column.name]), row[column.name] ?? null])).values()]
        for (const value of values) {
          const filters = [{ column: column.name, op: 'eq' as const, value }]
          const answer = await t.result('records.page', { sessionId, table, pageSize: 5000, filters })
          if (column.equalityRefusal && value !== null) {
            expect(answer, column.name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: column.equalityRefusal } })
            continue
          }
          // The rows showing the value, and those the database itself counts equal to one of them
          // (a case-insensitive collation, 0 = 0.0, '1 day' = '24 hours'); a date alone on a SQLite
          // DATETIME column also names the rows at midnight of that day, however their text spells it.
          const showing = all.filter((row) => shown(row[column.name]) === shown(value))
          const expectedSet = new Set([...ids(showing), ...(await databaseEqual(table, column, Number(showing[0].id)))])
          if (t.dialect === 'sqlite' && column.kind === 'datetime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
            const midnight = new RegExp(`^${value}[ T]00:00(:00(\\.0+)?)?( ?(Z|[+-]\\d{2}:\\d{2}))?$`)
            for (const row of all)
              if (typeof row[column.name] === 'string' && midnight.test(row[column.name] as string)) expectedSet.add(Number(row.id))
          }
          const expected = ids(all).filter((id) => expectedSet.has(id))
          const got = answer.ok ? ids(answer.value.rows) : answer.error.message
          if (JSON.stringify(got) !== JSON.stringify(expected))
            failures.push(`${column.name} (${column.type}) = ${shown(value)}: ${JSON.stringify(got)}; expected ${JSON.stringify(expected)}`)
        }
      }
      expect(failures).toEqual([])
    })
  })

  const ids = (rows: Row[]) => rows.map((row) => Number(row.id))

  /** Rows the database counts equal to the stored value of row `id` (none when the type has no `=`). */
  async function databaseEqual(table: string, column: ColumnInfo, id: number): Promise<number[]> {
    const q = (name: string) => (t.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const c = q(column.name)
    const sql = `SELECT a.id FROM ${q(table)} a JOIN ${q(table)} b ON (a.${c} = b.${c} OR (a.${c} IS NULL AND b.${c} IS NULL)) WHERE b.id = ${id}`
    const rows = (await t.raw(sql).catch(() => [])) as Array<{ id: unknown }>
    return rows.map((r) => Number(r.id))
  }

  /** The plain driver's order: NULLs first ascending and last descending (the app's one rule), id breaking ties. */
  async function plainOrder(table: string, column: ColumnInfo, direction: 'asc' | 'desc'): Promise<number[]> {
    const q = (name: string) => (t.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const nulls = t.dialect === 'postgres' ? (direction === 'asc' ? ' NULLS FIRST' : ' NULLS LAST') : ''
    const rows = (await t.raw(
      `SELECT id FROM ${q(table)} ORDER BY ${q(column.name)} ${direction.toUpperCase()}${nulls}, id ASC`,
    )) as Array<{ id: unknown }>
    return rows.map((r) => Number(r.id))
  }
})

describeDialects('records: search and filter limits', (t) => {
  let sessionId = ''
  beforeAll(async () => {
    await rawAll(t, [
      'CREATE TABLE words (id INTEGER PRIMARY KEY, w VARCHAR(20))',
      "INSERT INTO words (id, w) VALUES (1, 'öl'), (2, 'ÖL'), (3, 'ol'), (4, 'Öl'), (5, 'Kelvin_50%'), (6, 'kelvinx50!')",
    ])
    sessionId = await t.open()
  })

  it('searches and filters ignoring case beyond ASCII (Ö finds ö)', async () => {
    // MariaDB's default collation also ignores accents (ö = o): there 'ol' is found too.
    const expected = t.dialect === 'mysql' ? [1, 2, 3, 4] : [1, 2, 4]
    const search = await t.call('records.page', { sessionId, table: 'words', search: 'Ö' })
    expect(search.rows.map((r) => r.id)).toEqual(expected)
    const contains = await t.call('records.page', { sessionId, table: 'words', filters: [{ column: 'w', op: 'startsWith', value: 'öL' }] })
    expect(contains.rows.map((r) => r.id)).toEqual(expected)
  })

  it('searches and filters ignoring ASCII case, with the wildcards taken literally (SQLite by LIKE)', async () => {
    const search = await t.call('records.page', { sessionId, table: 'words', search: 'KELVIN_50%' })
    expect(search.rows.map((r) => r.id)).toEqual([5])
    const contains = await t.call('records.page', { sessionId, table: 'words', filters: [{ column: 'w', op: 'contains', value: 'L' }] })
    expect(contains.rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6])
    const count = await t.call('records.count', {
      sessionId,
      table: 'words',
      filters: [{ column: 'w', op: 'startsWith', value: 'kELVIN' }],
      exact: true,
    })
    expect(count).toEqual({ value: 2, exact: true })
  })

  it('refuses a filter value longer than the cap with INVALID_INPUT, before the database', async () => {
    const answer = await t.result('records.page', {
      sessionId,
      table: 'words',
      filters: [{ column: 'w', op: 'contains', value: 'x'.repeat(2_000_000) }],
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('at most 10,000 characters') },
    })
  })
})
