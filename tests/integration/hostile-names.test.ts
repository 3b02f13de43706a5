/**
 * Every channel that takes a table or column name, run over a corpus of hostile names
 * (hostile-names.ts) on each dialect: the named object, and only it, is read or changed. Decoys
 * such as `victim` (for vic`tim and vic"tim) and the column `ab` (for a`b, a"b) exist beside them
 * and must keep their contents. All tables are made in one setup per dialect.
 *
 * Not in the corpus: `__proto__` / `constructor` as column names; rows keyed by such names are
 * the subject of separate work (row objects, renderer, exports) and are tested there.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { describeDialects, type DialectContext } from './harness'
import { corpusFor, csvField, q } from './hostile-names'

const ID = 'id'
/** The corpus loops make some 1,000 calls per dialect: about 20 s alone, more on a busy machine. */
const CORPUS_TIMEOUT = 300_000
const TABLE_CHANNELS = [
  'schema.describe',
  'records.page (sort + filter)',
  'records.count',
  'records.get',
  'records.insert',
  'records.update',
  'records.batch',
  'records.preview',
  'records.bulkUpdate',
  'transfer.copyRows',
  'transfer.export',
  'transfer.inspect',
  'transfer.import',
  'records.bulkDelete',
  'records.delete',
]

/** The wide table: one column per corpus name. Its own name is hostile too. */
const WIDE = 'wide `"$1 ?:x @p'

/** One seed row per table: distinct values, so a read of the wrong table shows. */
const seed = (index: number) => [
  { [ID]: 1, value: `one-${index}` },
  { [ID]: 2, value: `two-${index}` },
]

async function rawRows(t: DialectContext, table: string, columns: string[]): Promise<Array<Record<string, string | null>>> {
  const list = columns.map(
    (c) =>
      (t.dialect === 'mysql' ? `CAST(${q(t.dialect, c)} AS CHAR)` : `CAST(${q(t.dialect, c)} AS TEXT)`) +
      ` AS ${q(t.dialect, `k${columns.indexOf(c)}`)}`,
  )
  const rows = (await t.raw(`SELECT ${list.join(', ')} FROM ${q(t.dialect, table)} ORDER BY ${q(t.dialect, ID)}`)) as Array<
    Record<string, unknown>
  >
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[`k${i}`] === null ? null : String(row[`k${i}`])])))
}

describeDialects('hostile names', (t) => {
  let sessionId = ''
  let names: string[] = []
  /** Columns of the wide table (names a dialect folds together by case appear once). */
  let wideColumns: string[] = []
  let dir = ''
  let job = 0

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rowboat-hostile-'))
    let mysqlTablesIgnoreCase = false
    if (t.dialect === 'mysql') {
      const [row] = (await t.raw('SELECT @@lower_case_table_names AS v')) as Array<{ v: unknown }>
      mysqlTablesIgnoreCase = String(row?.v) !== '0'
    }
    const corpus = corpusFor(t.dialect, mysqlTablesIgnoreCase)
    names = corpus.names
    for (const { name, why } of corpus.skipped) console.info(`[hostile names ${t.dialect}] left out ${JSON.stringify(name)}: ${why}`)
    // Column names ignore case on SQLite and MySQL: the wide table keeps the first of such a pair.
    const seen = new Set<string>()
    wideColumns = names.filter((n) => {
      const key = t.dialect === 'postgres' ? n : n.toLowerCase()
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    const text = t.dialect === 'mysql' ? 'VARCHAR(100)' : 'TEXT'
    const statements: string[] = []
    names.forEach((name, index) => {
      statements.push(`CREATE TABLE ${q(t.dialect, name)} (${q(t.dialect, ID)} INTEGER PRIMARY KEY, ${q(t.dialect, name)} ${text})`)
      const values = seed(index).map((r) => `(${r[ID]}, '${r.value}')`)
      statements.push(`INSERT INTO ${q(t.dialect, name)} (${q(t.dialect, ID)}, ${q(t.dialect, name)}) VALUES ${values.join(', ')}`)
    })
    const wideList = wideColumns.map((c) => `${q(t.dialect, c)} ${text}`).join(', ')
    statements.push(`CREATE TABLE ${q(t.dialect, WIDE)} (${q(t.dialect, ID)} INTEGER PRIMARY KEY, ${wideList})`)
    statements.push(
      `INSERT INTO ${q(t.dialect, WIDE)} (${q(t.dialect, ID)}, ${wideColumns.map((c) => q(t.dialect, c)).join(', ')}) VALUES (1, ${wideColumns.map((_, i) => `'w${i}'`).join(', ')})`,
    )
    if (t.dialect === 'sqlite') {
      for (const sql of statements) await t.raw(sql)
    } else {
      await t.raw(statements.join(';\n'))
    }
    sessionId = await t.open()
  })

  const wideRow = (overrides: Record<string, string> = {}) => ({
    [ID]: '1',
    ...Object.fromEntries(wideColumns.map((c, i) => [c, overrides[c] ?? `w${i}`])),
  })

  it('schema.tables lists every corpus table by its exact name', async () => {
    const tables = await t.call('schema.tables', { sessionId })
    const listed = tables.map((table) => table.name)
    expect(listed.length, `${names.length} corpus tables + the wide one`).toBe(names.length + 1)
    expect([...listed].sort()).toEqual([...names, WIDE].sort())
    for (const table of tables) expect(table.rowCount, table.name).toEqual({ value: table.name === WIDE ? 1 : 2, exact: true })
  })

  const planned = corpusFor(t.dialect).names.length
  it(
    `${planned} corpus tables × ${TABLE_CHANNELS.length} channels (${TABLE_CHANNELS.join(', ')})`,
    async () => {
      const failures: string[] = []
      for (const [index, name] of names.entries()) {
        try {
          await everyChannel(name, index)
        } catch (error) {
          failures.push(`${JSON.stringify(name)}: ${describeFailure(error)}`)
        }
      }
      console.info(
        `[hostile names ${t.dialect}] ${names.length} tables × ${TABLE_CHANNELS.length} channels = ${names.length * TABLE_CHANNELS.length} checks; ${failures.length} tables failed`,
      )
      expect(failures).toEqual([])
    },
    CORPUS_TIMEOUT,
  )

  /** The first line of a failure; for INTERNAL, the logged cause (the log goes with the temp folder). */
  function describeFailure(error: unknown): string {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    if (!(error instanceof AppError) || error.code !== 'INTERNAL') return message
    const lines = readFileSync(join(t.dir, 'logs', 'rowboat.log'), 'utf8')
      .trimEnd()
      .split('\n')
    const logged = lines.filter((line) => line.includes((error.message.match(/error (\w+)/) ?? [])[1] ?? '\u0000')).at(-1) ?? lines.at(-1)
    return `${message} ${logged?.slice(0, 600)}`
  }

  async function everyChannel(name: string, index: number): Promise<void> {
    const table = name
    const [one, two] = seed(index).map((r) => ({ [ID]: r[ID], [name]: r.value }))
    const describe = await t.call('schema.describe', { sessionId, table })
    expect(describe.name).toBe(name)
    expect(describe.columns.map((c) => c.name)).toEqual([ID, name])

    const page = await t.call('records.page', {
      sessionId,
      table,
      pageSize: 10,
      sort: [{ column: name, direction: 'desc' }],
      filters: [{ column: name, op: 'startsWith', value: 't' }],
    })
    expect(page.rows, 'page').toEqual([two])
    const all = await t.call('records.page', { sessionId, table, pageSize: 10, sort: [{ column: name, direction: 'asc' }] })
    expect(all.rows, 'page sorted').toEqual([one, two])
    expect(
      await t.call('records.count', { sessionId, table, filters: [{ column: name, op: 'eq', value: `one-${index}` }] }),
      'count',
    ).toEqual({ value: 1, exact: true })
    expect(await t.call('records.get', { sessionId, table, key: { [ID]: 2 } }), 'get').toEqual(two)

    expect(await t.call('records.insert', { sessionId, table, values: { [ID]: 3, [name]: 'three' } }), 'insert').toEqual({
      [ID]: 3,
      [name]: 'three',
    })
    expect(
      await t.call('records.update', { sessionId, table, key: { [ID]: 3 }, original: { [name]: 'three' }, values: { [name]: 'drei' } }),
      'update',
    ).toEqual({ [ID]: 3, [name]: 'drei' })
    const batch = await t.call('records.batch', {
      sessionId,
      operations: [
        { kind: 'insert', table, values: { [ID]: 4, [name]: 'four' } },
        { kind: 'update', table, key: { [ID]: 4 }, original: { [name]: 'four' }, values: { [name]: 'vier' } },
        { kind: 'delete', table, key: { [ID]: 3 }, original: { [name]: 'drei' } },
      ],
    })
    expect(batch, 'batch').toEqual([
      { kind: 'insert', row: { [ID]: 4, [name]: 'four' } },
      { kind: 'update', row: { [ID]: 4, [name]: 'vier' } },
      { kind: 'delete', deleted: 1 },
    ])
    const preview = await t.call('records.preview', {
      sessionId,
      operations: [{ kind: 'update', table, key: { [ID]: 4 }, original: { [name]: 'vier' }, values: { [name]: 'x' } }],
    })
    expect(preview.statements.join('\n'), 'preview').toContain(`UPDATE ${q(t.dialect, name)} SET ${q(t.dialect, name)} = `)
    expect(
      await t.call('records.bulkUpdate', {
        sessionId,
        table,
        filters: [{ column: name, op: 'eq', value: 'vier' }],
        values: { [name]: 'IV' },
      }),
      'bulkUpdate',
    ).toEqual({ affected: 1 })

    const copied = await t.call('transfer.copyRows', { sessionId, table, rows: [one], format: 'sql' })
    expect(copied.text, 'copyRows').toContain(
      `INSERT INTO ${q(t.dialect, name)} (${q(t.dialect, ID)}, ${q(t.dialect, name)}) VALUES (1, 'one-${index}')`,
    )

    const path = join(dir, `export-${index}.jsonl`)
    const grant = t.api.files.grantWrite(path)
    const exported = await t.call('transfer.export', {
      sessionId,
      table,
      sort: [{ column: name, direction: 'asc' }],
      filters: [{ column: name, op: 'ne', value: 'IV' }],
      format: { kind: 'jsonl' },
      destination: { file: grant.id },
      jobId: `export-${index}`,
    })
    expect(exported.rows, 'export').toBe(2)
    expect(
      readFileSync(path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      'export file',
    ).toEqual([one, two])

    const csv = `${csvField(ID)},${csvField(name)}\r\n5,five\r\n`
    const format = { delimiter: ',', quote: '"', header: true }
    // The CSV reader trims header names (` leading` reads as `leading`), so the mapping is given.
    const inspection = await t.call('transfer.inspect', { sessionId, table, source: { text: csv }, format, mapping: [ID, name] })
    expect(
      inspection.targetColumns.map((c) => c.name),
      'inspect',
    ).toEqual([ID, name])
    expect(
      inspection.preview.map((p) => p.values),
      'inspect preview',
    ).toEqual([{ [ID]: 5, [name]: 'five' }])
    const imported = await t.call('transfer.import', {
      sessionId,
      table,
      source: { text: csv },
      format,
      mapping: [ID, name],
      jobId: `import-${index}`,
    })
    expect(imported, 'import').toMatchObject({ outcome: 'committed', inserted: 1, failed: 0 })

    expect(
      await t.call('records.bulkDelete', { sessionId, table, filters: [{ column: name, op: 'eq', value: 'five' }] }),
      'bulkDelete',
    ).toEqual({ affected: 1 })
    expect(await t.call('records.delete', { sessionId, table, key: { [ID]: 4 }, original: { [name]: 'IV' } }), 'delete').toEqual({
      deleted: 1,
    })
    expect(await rawRows(t, name, [ID, name]), 'the table holds its seed again').toEqual(
      seed(index).map((r) => ({ [ID]: String(r[ID]), [name]: r.value })),
    )
  }

  it(
    `the wide table, ${planned} columns (fewer where names fold by case) × 4 channels: page (sort + filter), count, update and bulkUpdate of each column change that column only`,
    async () => {
      const failures: string[] = []
      for (const [index, column] of wideColumns.entries()) {
        try {
          const page = await t.call('records.page', {
            sessionId,
            table: WIDE,
            pageSize: 5,
            sort: [{ column, direction: 'desc' }],
            filters: [{ column, op: 'eq', value: `w${index}` }],
          })
          expect(page.rows.map((r) => r[column])).toEqual([`w${index}`])
          expect(
            await t.call('records.count', { sessionId, table: WIDE, filters: [{ column, op: 'contains', value: `w${index}` }] }),
          ).toEqual({ value: 1, exact: true })
          await t.call('records.update', {
            sessionId,
            table: WIDE,
            key: { [ID]: 1 },
            original: { [column]: `w${index}` },
            values: { [column]: `u${index}` },
          })
          expect(await rawRows(t, WIDE, [ID, ...wideColumns])).toEqual([wideRow({ [column]: `u${index}` })])
          expect(
            await t.call('records.bulkUpdate', {
              sessionId,
              table: WIDE,
              filters: [{ column, op: 'eq', value: `u${index}` }],
              values: { [column]: `w${index}` },
            }),
          ).toEqual({ affected: 1 })
          expect(await rawRows(t, WIDE, [ID, ...wideColumns])).toEqual([wideRow()])
        } catch (error) {
          failures.push(`${JSON.stringify(column)}: ${describeFailure(error)}`)
        }
      }
      console.info(
        `[hostile names ${t.dialect}] ${wideColumns.length} columns × 4 channels = ${wideColumns.length * 4} checks; ${failures.length} columns failed`,
      )
      expect(failures).toEqual([])
    },
    CORPUS_TIMEOUT,
  )

  it('the wide table: export, copyRows and import name every column exactly', async () => {
    const path = join(dir, 'wide.jsonl')
    const grant = t.api.files.grantWrite(path)
    await t.call('transfer.export', {
      sessionId,
      table: WIDE,
      columns: wideColumns,
      format: { kind: 'jsonl' },
      destination: { file: grant.id },
      jobId: `wide-export-${job++}`,
    })
    const [line] = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(JSON.parse(line)).toEqual(Object.fromEntries(wideColumns.map((c, i) => [c, `w${i}`])))

    const copied = await t.call('transfer.copyRows', {
      sessionId,
      table: WIDE,
      rows: [{ [ID]: 1, ...Object.fromEntries(wideColumns.map((c, i) => [c, `w${i}`])) }],
      format: 'sql',
    })
    expect(copied.text).toContain(
      `INSERT INTO ${q(t.dialect, WIDE)} (${[ID, ...wideColumns].map((c) => q(t.dialect, c)).join(', ')}) VALUES (1, `,
    )

    const header = [ID, ...wideColumns].map(csvField).join(',')
    const csv = `${header}\r\n2,${wideColumns.map((_, i) => `i${i}`).join(',')}\r\n`
    const imported = await t.call('transfer.import', {
      sessionId,
      table: WIDE,
      source: { text: csv },
      format: { delimiter: ',', quote: '"', header: true },
      mapping: [ID, ...wideColumns],
      jobId: `wide-import-${job++}`,
    })
    expect(imported).toMatchObject({ outcome: 'committed', inserted: 1, failed: 0 })
    expect(await rawRows(t, WIDE, [ID, ...wideColumns])).toEqual([
      wideRow(),
      { [ID]: '2', ...Object.fromEntries(wideColumns.map((c, i) => [c, `i${i}`])) },
    ])
    expect(await t.call('records.bulkDelete', { sessionId, table: WIDE, filters: [{ column: ID, op: 'eq', value: 2 }] })).toEqual({
      affected: 1,
    })
  })

  it('every corpus table still holds exactly its own seed rows (decoys untouched)', async () => {
    for (const [index, name] of names.entries()) {
      expect(await rawRows(t, name, [ID, name]), name).toEqual(seed(index).map((r) => ({ [ID]: String(r[ID]), [name]: r.value })))
    }
    expect(await rawRows(t, WIDE, [ID, ...wideColumns])).toEqual([wideRow()])
  })
})
