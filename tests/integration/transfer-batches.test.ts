import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { pumpCopy } from '../../src/main/engine/transfer/pg-copy/copy-stream'
import { CopyWriter } from '../../src/main/engine/transfer/pg-copy/copy-writer'
import { batchRows } from '../../src/main/engine/transfer/import/upsert-sql'
import { describeDialects, type DialectContext } from './harness'
import { rowCount, tableText, transfer, readGrant } from './transfer-support'

/**
 * Imports that span several full batches, with rows the database refuses deep inside them: on
 * PostgreSQL each batch goes by COPY and a refused one is taken apart by halves (copy-writer.ts),
 * elsewhere it is written again row by row. Either way the same rows must be reported and the
 * same counts come out.
 */
function csvFile(t: DialectContext, name: string, header: string, lines: string[]): string {
  const path = join(t.dir, name)
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`)
  return path
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describeDialects('transfer import across batches', (t) => {
  let sessionId = ''
  let size = 0
  beforeAll(async () => {
    await t.raw('CREATE TABLE checked (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL, n INTEGER CHECK (n >= 0))')
    await t.raw('CREATE TABLE counters (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL, hits INTEGER NOT NULL DEFAULT 7)')
    sessionId = await t.open()
    size = batchRows(t.dialect, 3, '3.45.0')
  })
  const run = (table: string, path: string, extra: Record<string, unknown> = {}) =>
    transfer(t, 'transfer.import', { sessionId, table, source: readGrant(t, path), jobId: `job-${Math.random()}`, ...extra })

  it('finds each refused row deep inside full batches, and keeps the rest (skip) or nothing (abort)', async () => {
    const total = size * 2 + 10
    const bad = new Set([3, size - 1, size + 5])
    const path = csvFile(
      t,
      'refused.csv',
      'id,label,n',
      range(1, total).map((i) => `${i},row ${i},${bad.has(i) ? -1 : i}`),
    )

    const skipped = await run('checked', path, { onInvalid: 'skip' })
    expect(skipped).toMatchObject({ outcome: 'committed', rows: total, inserted: total - 3, updated: 0, skipped: 0, failed: 3 })
    expect(skipped.issues.map((i) => i.row)).toEqual([...bad])
    for (const issue of skipped.issues) expect(issue.message).toMatch(/refused by the database/)
    expect(await rowCount(t, 'checked')).toBe(total - 3)

    await t.raw('DELETE FROM checked')
    const aborted = await run('checked', path, { onInvalid: 'abort' })
    expect(aborted).toMatchObject({ outcome: 'aborted', inserted: 0, failed: 1 })
    expect(aborted.issues[0]).toMatchObject({ row: 3, column: null })
    expect(await rowCount(t, 'checked')).toBe(0)
  })

  it('fail-on-duplicate names the row of a duplicate deep inside a batch and keeps nothing', async () => {
    await t.raw('DELETE FROM checked')
    const clash = size - 2
    await t.raw(`INSERT INTO checked (id, label, n) VALUES (${clash}, 'old', 1)`)
    const path = csvFile(
      t,
      'dupe.csv',
      'id,label,n',
      range(1, size + 10).map((i) => `${i},new ${i},${i}`),
    )
    const result = await run('checked', path, { onDuplicate: 'fail' })
    expect(result).toMatchObject({ outcome: 'aborted', inserted: 0, failed: 1, issueCount: 1 })
    expect(result.issues[0]).toMatchObject({ row: clash, column: null })
    expect(result.issues[0].message).toMatch(/duplicate/i)
    expect(await tableText(t, 'checked', ['id', 'label'])).toEqual([{ id: String(clash), label: 'old' }])
  })

  it('counts inserts, updates and skips exactly across batches', async () => {
    await t.raw('DELETE FROM checked')
    const first = size + 100
    const seed = csvFile(
      t,
      'seed.csv',
      'id,label,n',
      range(1, first).map((i) => `${i},seed,${i}`),
    )
    expect(await run('checked', seed)).toMatchObject({ outcome: 'committed', inserted: first, skipped: 0 })

    // 50 rows that exist, then a batch's worth of new ones.
    const lines = range(first - 49, first + size).map((i) => `${i},second,${i}`)
    const second = csvFile(t, 'second.csv', 'id,label,n', lines)
    expect(await run('checked', second, { onDuplicate: 'update' })).toMatchObject({ inserted: size, updated: 50, skipped: 0, failed: 0 })
    expect(await run('checked', second, { onDuplicate: 'skip' })).toMatchObject({ inserted: 0, updated: 0, skipped: size + 50 })
    const labels = await tableText(t, 'checked', ['id', 'label'])
    expect(labels).toHaveLength(first + size)
    expect(labels.filter((r) => r.label === 'second')).toHaveLength(size + 50)
    expect(labels.find((r) => r.id === String(first - 50))).toEqual({ id: String(first - 50), label: 'seed' })
  })

  it('writes a batch holding column defaults beside ordinary batches', async () => {
    // SQLite cannot use a default in a multi-row insert (the import refuses the row instead: see transfer-import).
    if (t.dialect === 'sqlite') return
    const total = size + 5
    const path = csvFile(
      t,
      'defaults.csv',
      'id,label,hits',
      range(1, total).map((i) => `${i},c${i},${i === 2 ? '' : i}`),
    )
    expect(await run('counters', path)).toMatchObject({ outcome: 'committed', inserted: total, failed: 0 })
    const rows = await tableText(t, 'counters', ['id', 'hits'])
    expect(rows).toHaveLength(total)
    expect(rows.find((r) => r.id === '2')).toEqual({ id: '2', hits: '7' })
    expect(rows.find((r) => r.id === String(total))).toEqual({ id: String(total), hits: String(total) })
  })
})

describeDialects(
  'transfer import by COPY',
  (t) => {
    let sessionId = ''
    beforeAll(async () => {
      await t.raw('CREATE TABLE hosts (id INTEGER PRIMARY KEY, addr INET)')
      await t.raw('CREATE TABLE numbers (n INTEGER NOT NULL)')
      sessionId = await t.open()
    })
    afterEach(() => vi.restoreAllMocks())

    it('goes by COPY, and a value only the database can read is reported at its row', async () => {
      const write = vi.spyOn(CopyWriter.prototype, 'writeOrPinpoint')
      const lines = range(1, 2000).map((i) => `${i},${i === 1500 ? 'not-an-address' : `10.0.${i >> 8}.${i & 255}`}`)
      const path = csvFile(t, 'hosts.csv', 'id,addr', lines)
      const result = await transfer(t, 'transfer.import', {
        sessionId,
        table: 'hosts',
        source: readGrant(t, path),
        onInvalid: 'skip',
        jobId: 'hosts',
      })
      expect(write).toHaveBeenCalled()
      expect(result).toMatchObject({ outcome: 'committed', inserted: 1999, failed: 1 })
      expect(result.issues[0]).toMatchObject({ row: 1500, column: null })
      expect(result.issues[0].message).toMatch(/refused by the database.*inet/)
      expect(await rowCount(t, 'hosts')).toBe(1999)
    })

    it('goes by INSERT when the user may not create temporary tables', async () => {
      const role = `rowboat_notemp_${Math.random().toString(36).slice(2, 8)}`
      const url = new URL(t.url)
      await t.raw('CREATE TABLE limited (id INTEGER PRIMARY KEY, label TEXT)')
      await t.raw(`CREATE ROLE ${role} LOGIN`)
      try {
        await t.raw(`REVOKE TEMPORARY ON DATABASE "${url.pathname.slice(1)}" FROM PUBLIC`)
        await t.raw(`GRANT SELECT, INSERT ON limited TO ${role}`)
        url.username = role
        const { sessionId: limitedSession } = await t.call('sessions.open', { url: url.toString() })
        const lines = range(1, 3000).map((i) => `${i},label ${i}`)
        const path = csvFile(t, 'limited.csv', 'id,label', lines)
        const input = { sessionId: limitedSession, table: 'limited', source: readGrant(t, path), jobId: 'limited' }
        expect(await transfer(t, 'transfer.import', input)).toMatchObject({ outcome: 'committed', inserted: 3000 })
        expect(await transfer(t, 'transfer.import', { ...input, jobId: 'limited-2' })).toMatchObject({ inserted: 0, skipped: 3000 })
        await t.call('sessions.close', { sessionId: limitedSession })
        expect(await rowCount(t, 'limited')).toBe(3000)
      } finally {
        await t.raw(`DROP OWNED BY ${role}`)
        await t.raw(`DROP ROLE ${role}`)
      }
    })

    /** A COPY into `numbers` inside a transaction on a plain client, fed `chunks`. */
    async function copyInto(chunks: Iterable<Uint8Array>, signal?: AbortSignal): Promise<{ error: unknown; client: pg.Client }> {
      const client = new pg.Client({ connectionString: t.url })
      await client.connect()
      await client.query('BEGIN')
      const error = await pumpCopy(client.query(copyFromStdin('COPY numbers FROM STDIN', { highWaterMark: 1 << 20 })), chunks, signal).then(
        () => null,
        (e: unknown) => e,
      )
      return { error, client }
    }

    it('stops a COPY half-way when cancelled, and the connection goes on', async () => {
      const controller = new AbortController()
      let sent = 0
      const endless = (function* () {
        for (;;) {
          sent++
          if (sent === 50) setTimeout(() => controller.abort(), 0)
          yield Buffer.from(`${range(1, 1000).join('\n')}\n`)
        }
      })()
      const { error, client } = await copyInto(endless, controller.signal)
      try {
        expect(error).toMatchObject({ code: '57014' }) // the server's answer to CopyFail
        expect(sent).toBeLessThan(10_000)
        await client.query('ROLLBACK')
        expect((await client.query('SELECT count(*)::int AS n FROM numbers')).rows[0]).toEqual({ n: 0 })
      } finally {
        await client.end()
      }
    })

    it('rejects with the server error when a row is refused mid-stream, writing nothing after it', async () => {
      const rows = range(1, 200_000).map((i) => (i === 100_000 ? 'x' : String(i)))
      const chunks = (function* () {
        for (let at = 0; at < rows.length; at += 5000) yield Buffer.from(`${rows.slice(at, at + 5000).join('\n')}\n`)
      })()
      const { error, client } = await copyInto(chunks)
      try {
        expect(error).toMatchObject({ code: '22P02' })
        await client.query('ROLLBACK')
        expect((await client.query('SELECT 1 AS ok')).rows[0]).toEqual({ ok: 1 })
      } finally {
        await client.end()
      }
    })

    it('hands back an error of the chunk source itself, abandoning the COPY', async () => {
      const failing = (function* () {
        yield Buffer.from('1\n2\n')
        throw new TypeError('no such value')
      })()
      const { error, client } = await copyInto(failing)
      try {
        expect(error).toBeInstanceOf(TypeError)
        await client.query('ROLLBACK')
        expect((await client.query('SELECT count(*)::int AS n FROM numbers')).rows[0]).toEqual({ n: 0 })
      } finally {
        await client.end()
      }
    })
  },
  ['postgres'],
)

describe('batch sizes', () => {
  it('PostgreSQL batches are one INSERT at most (the fallback for DEFAULT cells), and big', () => {
    expect(batchRows('postgres', 7) * 7).toBeLessThanOrEqual(65_535)
    expect(batchRows('postgres', 7)).toBeGreaterThan(5000)
  })
})
