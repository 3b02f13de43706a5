import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { AppError } from '../../src/shared/errors'
import { describeDialects } from './harness'
import { transfer, transferResult, withProgress, writeGrant } from './transfer-support'

const PEOPLE = [
  [1, 'Ann', 'Paris', 34],
  [2, 'Bob', 'Rome', 25],
  [3, 'Dana', 'Oslo', 41],
  [4, 'Ivan', 'Paris', 30],
  [5, 'Joan', null, 52],
  [6, 'Zed', 'Lima', 19],
] as const

describeDialects('transfer export', (t) => {
  let sessionId = ''
  let dir = ''
  beforeAll(async () => {
    await t.raw('CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, city VARCHAR(40), age INTEGER)')
    await t.raw('CREATE TABLE log (at VARCHAR(20), message VARCHAR(40))')
    await t.raw('CREATE TABLE many (id INTEGER PRIMARY KEY, label VARCHAR(40))')
    await t.raw('CREATE TABLE bigs (id BIGINT PRIMARY KEY, score BIGINT)')
    sessionId = await t.open()
    const people = PEOPLE.map((p) => p.map((v) => (v === null ? '' : v)).join(',')).join('\n')
    await transfer(t, 'transfer.import', {
      sessionId,
      table: 'people',
      source: { text: `id,name,city,age\n${people}\n` },
      jobId: 'seed-people',
    })
    const log = Array.from({ length: 4500 }, (_, i) => `t${i % 1500},${i % 3 === 0 ? 'same' : `m${i}`}`).join('\n')
    await transfer(t, 'transfer.import', { sessionId, table: 'log', source: { text: `at,message\n${log}\n` }, jobId: 'seed-log' })
    const many = Array.from({ length: 50_000 }, (_, i) => `${i + 1},label ${i + 1}`).join('\n')
    await transfer(t, 'transfer.import', { sessionId, table: 'many', source: { text: `id,label\n${many}\n` }, jobId: 'seed-many' })
    // Keys whose text order differs from their numeric order, and a sort column with NULLs.
    const bigs = Array.from({ length: 4500 }, (_, i) => `${(i + 1) * 7},${i % 10 === 0 ? '' : (i * 7919) % 5000}`).join('\n')
    await transfer(t, 'transfer.import', { sessionId, table: 'bigs', source: { text: `id,score\n${bigs}\n` }, jobId: 'seed-bigs' })
    dir = join(t.dir, 'exports')
    mkdirSync(dir)
  })

  const exportTo = (name: string, input: Record<string, unknown>) =>
    transfer(t, 'transfer.export', {
      sessionId,
      table: 'people',
      format: { kind: 'csv' },
      destination: writeGrant(t, join(dir, name)),
      jobId: `x-${name}`,
      ...input,
    })

  it('exports the filtered, searched and sorted view, as records.page selects it', async () => {
    const result = await exportTo('view.csv', {
      filters: [{ column: 'age', op: 'gte', value: 25 }],
      search: 'AN',
      sort: [{ column: 'name', direction: 'desc' }],
    })
    // "an" in name or city, any case; age ≥ 25; name descending.
    expect(result.rows).toBe(4)
    expect(readFileSync(join(dir, 'view.csv'), 'utf8')).toBe(
      'id,name,city,age\r\n5,Joan,,52\r\n4,Ivan,Paris,30\r\n3,Dana,Oslo,41\r\n1,Ann,Paris,34\r\n',
    )
  })

  it('exports chosen columns, without a header, tab-separated', async () => {
    await exportTo('cols.tsv', {
      columns: ['age', 'name'],
      format: { kind: 'csv', delimiter: '\t', header: false },
      sort: [{ column: 'age', direction: 'asc' }],
    })
    expect(readFileSync(join(dir, 'cols.tsv'), 'utf8').split('\r\n').slice(0, 2)).toEqual(['19\tZed', '25\tBob'])
  })

  it('pages through big tables in key order, every row once', async () => {
    const path = join(dir, 'many.jsonl')
    const { value, events } = await withProgress(t, () =>
      transfer(t, 'transfer.export', {
        sessionId,
        table: 'many',
        format: { kind: 'jsonl' },
        destination: writeGrant(t, path),
        jobId: 'x-many',
      }),
    )
    expect(value?.rows).toBe(50_000)
    const ids = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: number }).id)
    expect(ids).toEqual(Array.from({ length: 50_000 }, (_, i) => i + 1))
    expect(events.at(-1)).toMatchObject({ kind: 'export', phase: 'done', rows: 50_000, percent: 100 })
  })

  it('pages by value, not by text, over bigint keys and a sort column with NULLs', async () => {
    const path = join(dir, 'bigs.jsonl')
    const read = () =>
      readFileSync(path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: number; score: number | null })
    await transfer(t, 'transfer.export', {
      sessionId,
      table: 'bigs',
      format: { kind: 'jsonl' },
      destination: writeGrant(t, path),
      jobId: 'x-bigs',
    })
    expect(read().map((r) => r.id)).toEqual(Array.from({ length: 4500 }, (_, i) => (i + 1) * 7))
    await transfer(t, 'transfer.export', {
      sessionId,
      table: 'bigs',
      sort: [{ column: 'score', direction: 'desc' }],
      format: { kind: 'jsonl' },
      destination: writeGrant(t, path, true),
      jobId: 'x-bigs-sorted',
    })
    const rows = read()
    const expected = [...rows].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.id - b.id)
    expect(rows).toHaveLength(4500)
    expect(rows).toEqual(expected)
    expect(rows.at(-1)!.score).toBeNull() // NULL is the smallest value: last when descending
  })

  it('keeps identical rows of a table without a primary key', async () => {
    const path = join(dir, 'log.csv')
    expect(
      (
        await transfer(t, 'transfer.export', {
          sessionId,
          table: 'log',
          format: { kind: 'csv' },
          destination: writeGrant(t, path),
          jobId: 'x-log',
        })
      ).rows,
    ).toBe(4500)
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n').slice(1)
    expect(lines).toHaveLength(4500)
    expect(lines.filter((l) => l.endsWith(',same'))).toHaveLength(1500)
  })

  it('cancel stops the export and leaves no file behind', async () => {
    const path = join(dir, 'cancelled.csv')
    let cancel: Promise<unknown> | null = null
    const { error } = await withProgress(
      t,
      () =>
        transfer(t, 'transfer.export', {
          sessionId,
          table: 'many',
          format: { kind: 'csv' },
          destination: writeGrant(t, path),
          jobId: 'x-cancel',
        }),
      (event) => {
        if (event.phase === 'running' && !cancel) cancel = transfer(t, 'transfer.cancel', { jobId: 'x-cancel' })
      },
    )
    // Set inside the progress callback, which TypeScript's narrowing does not follow.
    expect(await (cancel as Promise<unknown> | null)).toEqual({ cancelled: true })
    expect((error as AppError).code).toBe('CANCELLED')
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([])
  })

  it('says so when the folder does not exist, or the column is unknown', async () => {
    // A folder that is not there cannot even be granted (the Save dialog would not offer it).
    expect(() => t.api.files.grantWrite(join(dir, 'no', 'such.csv'))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'file' }),
    )
    const column = await transferResult(t, 'transfer.export', {
      sessionId,
      table: 'people',
      columns: ['nope'],
      format: { kind: 'jsonl' },
      destination: writeGrant(t, join(dir, 'x.jsonl')),
      jobId: 'x-col',
    })
    expect(column).toMatchObject({ ok: false, error: { code: 'COLUMN_NOT_FOUND', field: 'columns.0' } })
  })
})
