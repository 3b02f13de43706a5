import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { batchRows } from '../../src/main/engine/transfer/import/upsert-sql'
import type { AppError } from '../../src/shared/errors'
import { describeDialects, type DialectContext } from './harness'
import { rowCount, tableText, transfer, transferResult, withProgress, readGrant } from './transfer-support'

function file(t: DialectContext, name: string, content: string | Buffer): string {
  const path = join(t.dir, name)
  writeFileSync(path, content)
  return path
}

describeDialects('transfer import', (t) => {
  let sessionId = ''
  beforeAll(async () => {
    await t.raw('CREATE TABLE fruit (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, qty INTEGER)')
    await t.raw('CREATE TABLE stock (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL, qty INTEGER CHECK (qty >= 0), born DATE)')
    await t.raw('CREATE TABLE bulk (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL, n INTEGER)')
    await t.raw('CREATE TABLE words (id INTEGER PRIMARY KEY, word VARCHAR(40))')
    await t.raw(
      t.dialect === 'postgres'
        ? 'CREATE TABLE tags (id SERIAL PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE, uses INTEGER NOT NULL DEFAULT 0)'
        : t.dialect === 'mysql'
          ? 'CREATE TABLE tags (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE, uses INT NOT NULL DEFAULT 0)'
          : 'CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE, uses INTEGER NOT NULL DEFAULT 0)',
    )
    sessionId = await t.open()
  })

  const fruit = () => tableText(t, 'fruit', ['id', 'name', 'qty'])
  const run = (table: string, path: string, extra: Record<string, unknown> = {}) =>
    transfer(t, 'transfer.import', { sessionId, table, source: readGrant(t, path), jobId: `job-${Math.random()}`, ...extra })

  describe('duplicates', () => {
    it('insert-only skips and counts existing rows; the second run changes nothing', async () => {
      const a = file(t, 'a.csv', 'id,name,qty\n1,apple,1\n2,pear,2\n3,plum,3\n')
      expect(await run('fruit', a, { onDuplicate: 'skip' })).toMatchObject({
        outcome: 'committed',
        rows: 3,
        inserted: 3,
        updated: 0,
        skipped: 0,
      })
      expect(await run('fruit', a, { onDuplicate: 'skip' })).toMatchObject({
        outcome: 'committed',
        rows: 3,
        inserted: 0,
        updated: 0,
        skipped: 3,
      })
      expect(await fruit()).toEqual([
        { id: '1', name: 'apple', qty: '1' },
        { id: '2', name: 'pear', qty: '2' },
        { id: '3', name: 'plum', qty: '3' },
      ])
    })

    it('upsert updates existing rows and inserts new ones, and counts unchanged rows as updated', async () => {
      const b = file(t, 'b.csv', 'id,name,qty\n1,apple,10\n2,pear,20\n4,fig,4\n')
      expect(await run('fruit', b, { onDuplicate: 'update' })).toMatchObject({ inserted: 1, updated: 2, skipped: 0 })
      expect(await run('fruit', b, { onDuplicate: 'update' })).toMatchObject({ inserted: 0, updated: 3, skipped: 0 })
      expect(await fruit()).toEqual([
        { id: '1', name: 'apple', qty: '10' },
        { id: '2', name: 'pear', qty: '20' },
        { id: '3', name: 'plum', qty: '3' },
        { id: '4', name: 'fig', qty: '4' },
      ])
    })

    it('fail-on-duplicate stops at the first duplicate and leaves the table as it was', async () => {
      const before = await fruit()
      const c = file(t, 'c.csv', 'id,name,qty\n5,kiwi,5\n1,apple,99\n6,lime,6\n')
      const result = await run('fruit', c, { onDuplicate: 'fail' })
      expect(result).toMatchObject({ outcome: 'aborted', inserted: 0, failed: 1, issueCount: 1 })
      expect(result.issues[0]).toMatchObject({ row: 2, column: null })
      expect(result.issues[0].message).toMatch(/duplicate/i)
      expect(await fruit()).toEqual(before)
    })

    it('handles the same key twice in one file: the later row meets the earlier one', async () => {
      const d = file(t, 'd.csv', 'id,name,qty\n7,date,1\n7,date,2\n')
      expect(await run('fruit', d, { onDuplicate: 'skip' })).toMatchObject({ inserted: 1, skipped: 1 })
      expect((await fruit()).find((r) => r.id === '7')).toEqual({ id: '7', name: 'date', qty: '1' })
      const e = file(t, 'e.csv', 'id,name,qty\n8,lime,1\n8,lime,2\n')
      expect(await run('fruit', e, { onDuplicate: 'update' })).toMatchObject({ inserted: 1, updated: 1 })
      expect((await fruit()).find((r) => r.id === '8')).toEqual({ id: '8', name: 'lime', qty: '2' })
    })

    it('lists each skipped row with its reason: already in the table, or the same key as an earlier row of the file', async () => {
      // 1 is in the table; 20 comes twice in the file and 21 three times (the later ones meet the first).
      const f = file(t, 'f.csv', 'id,name,qty\n20,olive,1\n1,apple,2\n20,olive,3\n21,quince,1\n21,quince,2\n21,quince,3\n')
      const result = await run('fruit', f, { onDuplicate: 'skip' })
      expect(result).toMatchObject({ inserted: 2, skipped: 4 })
      expect(result.skippedRows).toEqual([
        { row: 2, sameAs: null },
        { row: 3, sameAs: 1 },
        { row: 5, sameAs: 4 },
        { row: 6, sameAs: 4 },
      ])
      // Upsert and fail modes skip nothing, so list nothing.
      expect((await run('fruit', f, { onDuplicate: 'update' })).skippedRows).toEqual([])
    })

    it('counts a one-row file right (MySQL reports no row counts for it)', async () => {
      const one = file(t, 'one.csv', 'id,name,qty\n9,yuzu,9\n')
      expect(await run('fruit', one, { onDuplicate: 'skip' })).toMatchObject({ inserted: 1, skipped: 0 })
      expect(await run('fruit', one, { onDuplicate: 'skip' })).toMatchObject({ inserted: 0, skipped: 1 })
      expect(await run('fruit', one, { onDuplicate: 'update' })).toMatchObject({ inserted: 0, updated: 1 })
    })

    it('recognises duplicates by a unique index, and fills an auto-increment key left out of the file', async () => {
      const tags = file(t, 'tags.csv', 'name,uses\nred,1\nblue,2\n')
      expect(await run('tags', tags, { key: ['name'], onDuplicate: 'update' })).toMatchObject({ inserted: 2, updated: 0 })
      const more = file(t, 'tags2.csv', 'name,uses\nred,5\ngreen,\n')
      // "green" has an empty uses: NOT NULL with a default (SQLite cannot use it in a multi-row insert).
      const result = await run('tags', more, { key: ['name'], onDuplicate: 'update', onInvalid: 'skip' })
      if (t.dialect === 'sqlite') {
        expect(result).toMatchObject({ inserted: 0, updated: 1, failed: 1 })
      } else {
        expect(result).toMatchObject({ inserted: 1, updated: 1, failed: 0 })
      }
      const rows = await tableText(t, 'tags', ['name', 'uses'])
      expect(rows.find((r) => r.name === 'red')).toEqual({ name: 'red', uses: '5' })
      if (t.dialect !== 'sqlite') expect(rows.find((r) => r.name === 'green')).toEqual({ name: 'green', uses: '0' })
    })

    it('a dry run counts what an import would do and keeps nothing', async () => {
      const before = await fruit()
      const f = file(t, 'f.csv', 'id,name,qty\n1,apple,1\n100,new,1\n')
      expect(await run('fruit', f, { onDuplicate: 'update', dryRun: true })).toMatchObject({ outcome: 'dry-run', inserted: 1, updated: 1 })
      expect(await fruit()).toEqual(before)
    })
  })

  describe('bad rows', () => {
    const content = 'id,name,qty,born\n1,a,1,2024-01-01\n2,b,2,2024-01-02\n3,c,x,2023-02-30\n4,d,4,\n5,e,5,2024-01-05\n'

    it('all-or-nothing: a bad row in the middle leaves the table unchanged, and the report names it', async () => {
      const result = await run('stock', file(t, 'bad.csv', content), { onInvalid: 'abort' })
      expect(result).toMatchObject({ outcome: 'aborted', rows: 5, inserted: 0, failed: 1, issueCount: 2 })
      expect(result.issues).toEqual([
        { row: 3, column: 'qty', message: 'qty is not a whole number: "x"' },
        { row: 3, column: 'born', message: 'born is not a real date: "2023-02-30"' },
      ])
      expect(await rowCount(t, 'stock')).toBe(0)
    })

    it('skip bad rows: only the good rows arrive', async () => {
      const result = await run('stock', file(t, 'bad.csv', content), { onInvalid: 'skip' })
      expect(result).toMatchObject({ outcome: 'committed', rows: 5, inserted: 4, failed: 1, issueCount: 2 })
      expect((await tableText(t, 'stock', ['id'])).map((r) => r.id)).toEqual(['1', '2', '4', '5'])
    })

    it('rows the database itself refuses are found one by one and reported', async () => {
      await t.raw('DELETE FROM stock')
      const refused = file(t, 'refused.csv', 'id,name,qty\n10,a,1\n11,b,-1\n12,c,3\n')
      const skipped = await run('stock', refused, { onInvalid: 'skip' })
      expect(skipped).toMatchObject({ outcome: 'committed', inserted: 2, failed: 1 })
      expect(skipped.issues[0]).toMatchObject({ row: 2, column: null })
      expect(skipped.issues[0].message).toMatch(/refused by the database/)
      await t.raw('DELETE FROM stock')
      const aborted = await run('stock', refused, { onInvalid: 'abort' })
      expect(aborted).toMatchObject({ outcome: 'aborted', inserted: 0, failed: 1 })
      expect(await rowCount(t, 'stock')).toBe(0)
    })

    it('rows with the wrong number of fields are reported, not guessed at', async () => {
      const result = await run('stock', file(t, 'ragged.csv', 'id,name,qty\n20,a,1\n21,b\n'), { onInvalid: 'skip' })
      expect(result).toMatchObject({ inserted: 1, failed: 1 })
      expect(result.issues[0]).toEqual({ row: 2, column: null, message: "has 2 fields; the file's rows have 3" })
    })

    it('batch by batch: a stop keeps the batches before it', async () => {
      const size = batchRows(t.dialect, 3, '3.45.0')
      const bad = size + 10
      const lines = ['id,label,n']
      for (let i = 1; i <= size * 2; i++) lines.push(`${i},row ${i},${i === bad ? 'bad' : i}`)
      const result = await run('bulk', file(t, 'batches.csv', `${lines.join('\n')}\n`), { atomic: false, onInvalid: 'abort' })
      expect(result).toMatchObject({ outcome: 'aborted', inserted: size, failed: 1 })
      expect(await rowCount(t, 'bulk')).toBe(size)
    })
  })

  it('cancel halfway rolls everything back', async () => {
    await t.raw('DELETE FROM bulk')
    const lines = ['id,label,n']
    for (let i = 1; i <= 150_000; i++) lines.push(`${i},label ${i},${i}`)
    const path = file(t, 'big.csv', `${lines.join('\n')}\n`)
    let cancelled: Promise<unknown> | null = null
    const { error, events } = await withProgress(
      t,
      () => run('bulk', path, { jobId: 'cancel-me' }),
      (event) => {
        // The first progress event comes after the first chunk of rows, so the cancel always
        // lands mid-way, however quick the machine (a row threshold could be passed by the end).
        if (event.phase === 'running' && event.rows > 0 && !cancelled) cancelled = transfer(t, 'transfer.cancel', { jobId: 'cancel-me' })
      },
    )
    // Set inside the progress callback, which TypeScript's narrowing does not follow.
    expect(await (cancelled as Promise<unknown> | null)).toEqual({ cancelled: true })
    // It was cancelled mid-way: rows had been read (and batches written inside the transaction).
    expect(events.some((e) => e.phase === 'running' && e.rows > 0 && (e.percent ?? 100) < 100)).toBe(true)
    expect((error as AppError).code).toBe('CANCELLED')
    expect(events.at(-1)?.phase).toBe('cancelled')
    expect(events[0]).toMatchObject({ jobId: 'cancel-me', kind: 'import', totalBytes: expect.any(Number) })
    expect(await rowCount(t, 'bulk')).toBe(0)
    expect(await transfer(t, 'transfer.cancel', { jobId: 'cancel-me' })).toEqual({ cancelled: false })
  })

  describe('encodings and delimiters', () => {
    const cases = [
      { name: 'utf8', bytes: Buffer.from('id;word\n1;café 😀\n', 'utf8'), encoding: 'utf8', delimiter: ';', word: 'café 😀' },
      {
        name: 'bom',
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,word\n2,naïve\n', 'utf8')]),
        encoding: 'utf8-bom',
        delimiter: ',',
        word: 'naïve',
      },
      { name: 'latin1', bytes: Buffer.from('id\tword\n3\tgarçon €\n', 'latin1'), encoding: 'latin1', delimiter: '\t', word: 'garçon ?' },
    ]
    // Buffer.from(…, 'latin1') cannot hold €; write Windows-1252's 0x80 for it instead.
    cases[2].bytes = Buffer.concat([Buffer.from('id\tword\n3\tgar\xe7on ', 'latin1'), Buffer.from([0x80, 0x0a])])
    cases[2].word = 'garçon €'

    it.each(cases)('$name: detected and decoded right', async ({ name, bytes, encoding, delimiter, word }) => {
      const path = file(t, `${name}.csv`, bytes)
      const inspection = await transfer(t, 'transfer.inspect', { sessionId, table: 'words', source: readGrant(t, path) })
      expect(inspection.detected).toEqual({ encoding, delimiter, quote: '"', header: true })
      expect(inspection.csvColumns).toEqual(['id', 'word'])
      expect(inspection.preview[0].values.word).toBe(word)
      await run('words', path)
      expect((await tableText(t, 'words', ['id', 'word'])).map((r) => r.word)).toContain(word)
    })

    it('refuses bytes that are not UTF-8 when told the file is UTF-8', async () => {
      const path = file(t, 'wrong.csv', Buffer.from('id,word\n9,caf\xe9\n', 'latin1'))
      const answer = await transferResult(t, 'transfer.import', {
        sessionId,
        table: 'words',
        source: readGrant(t, path),
        format: { encoding: 'utf8' },
        jobId: 'wrong-enc',
      })
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'format.encoding' } })
    })

    it('imports pasted text', async () => {
      const result = await transfer(t, 'transfer.import', {
        sessionId,
        table: 'words',
        source: { text: 'id,word\n50,"pasted, text"\n' },
        jobId: 'pasted',
      })
      expect(result).toMatchObject({ inserted: 1 })
    })
  })

  describe('inspect', () => {
    it('previews rows as they will be written, with the target columns and keys', async () => {
      const path = file(t, 'inspect.csv', 'Name,USES,extra\nred,,x\nteal,7,y\n')
      const inspection = await transfer(t, 'transfer.inspect', { sessionId, table: 'tags', source: readGrant(t, path), previewRows: 5 })
      expect(inspection.mapping).toEqual(['name', 'uses', null])
      expect(inspection.targetColumns.map((c) => [c.name, c.required, c.autoIncrement])).toEqual([
        ['id', false, true],
        ['name', true, false],
        ['uses', false, false],
      ])
      expect(inspection.uniqueKeys.map((k) => k.columns)).toEqual([['id'], ['name']])
      expect(inspection.preview).toHaveLength(2)
      expect(inspection.preview[1]).toMatchObject({ row: 2, values: { name: 'teal', uses: 7 }, issues: [] })
      if (t.dialect === 'sqlite') expect(inspection.preview[0].issues[0]).toMatchObject({ row: 1, column: 'uses' })
      else expect(inspection.preview[0]).toMatchObject({ defaults: ['uses'], issues: [] })
      expect(inspection.warnings).toEqual([])
    })

    it('warns when a required column is left unmapped, and accepts an edited mapping', async () => {
      const path = file(t, 'inspect2.csv', 'a,b\nx,1\n')
      const suggested = await transfer(t, 'transfer.inspect', { sessionId, table: 'tags', source: readGrant(t, path) })
      expect(suggested.warnings[0]).toMatch(/No CSV column is mapped/)
      const edited = await transfer(t, 'transfer.inspect', {
        sessionId,
        table: 'tags',
        source: readGrant(t, path),
        mapping: [null, 'uses'],
      })
      expect(edited.warnings[0]).toMatch(/name needs a value/)
      const answer = await transferResult(t, 'transfer.inspect', {
        sessionId,
        table: 'tags',
        source: readGrant(t, path),
        mapping: ['nope'],
      })
      expect(answer).toMatchObject({ ok: false, error: { code: 'COLUMN_NOT_FOUND', field: 'mapping.0' } })
    })
  })

  it('applies the app model rules to users', async () => {
    const ts = t.dialect === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME'
    const id = { sqlite: 'INTEGER PRIMARY KEY', mysql: 'INTEGER PRIMARY KEY AUTO_INCREMENT', postgres: 'SERIAL PRIMARY KEY' }[t.dialect]
    await t.raw(
      `CREATE TABLE users (id ${id}, username VARCHAR(80) NOT NULL UNIQUE, email VARCHAR(120) NOT NULL UNIQUE, bio TEXT, is_active BOOLEAN, score DOUBLE PRECISION, created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`,
    )
    const path = file(t, 'users.csv', 'username,email,score\nann,ann@example.com,1.5\nbob,not-an-email,2\n,empty@example.com,3\n')
    const result = await run('users', path, { onInvalid: 'skip' })
    expect(result).toMatchObject({ outcome: 'committed', inserted: 1, failed: 2 })
    expect(result.issues).toEqual([
      { row: 2, column: 'email', message: 'Email must be a valid email address' },
      { row: 3, column: 'username', message: expect.stringMatching(/required/i) },
    ])
    const [ann] = await tableText(t, 'users', ['username', 'is_active', 'created_at', 'updated_at'])
    expect(ann.username).toBe('ann')
    expect(ann.created_at).toBeTruthy()
    expect(ann.updated_at).toBe(ann.created_at)
    expect(['1', 'true']).toContain(ann.is_active) // the model's default
  })
})
