import { existsSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import type { CsvFormat } from '../../../../shared/contract/transfer'
import { threadRecordChunks } from './csv-thread'
import type { CsvRecord } from './csv-reader'
import { dataRecordChunks } from './record-stream'
import { openSource, type SourceInput } from './source'

const worker = inject('csvWorker')
const format: CsvFormat = { delimiter: ',', quote: '"', header: true, encoding: 'utf8' }

async function collect(chunks: AsyncIterable<CsvRecord[]>): Promise<CsvRecord[]> {
  const rows: CsvRecord[] = []
  for await (const chunk of chunks) rows.push(...chunk)
  return rows
}

function csvFile(text: string | Buffer): SourceInput {
  const path = join(mkdtempSync(join(tmpdir(), 'rowboat-csv-thread-')), 'data.csv')
  writeFileSync(path, text)
  return { path }
}

describe('the CSV reading thread', () => {
  it('gives the same rows as reading on the engine thread, across many chunks, and counts every byte', async () => {
    const lines = ['id,name,note']
    for (let i = 0; i < 20_000; i++)
      lines.push(`${i},"name ${i}, with comma",${i % 7 === 0 ? '' : i % 5 === 0 ? '""' : `"multi\nline ${i} 🚣"`}`)
    const source = csvFile(lines.join('\n') + '\n')
    let bytes = 0
    const threaded = await collect(threadRecordChunks(worker, source, format, 3, (n) => (bytes += n)))
    const local = await collect(dataRecordChunks(await openSource(source), format, 3))
    expect(threaded).toHaveLength(20_000)
    expect(threaded).toEqual(local)
    expect(threaded[7]).toEqual(['7', 'name 7, with comma', null])
    expect(threaded[5]).toEqual(['5', 'name 5, with comma', ''])
    expect(bytes).toBe((await openSource(source)).bytes)
  })

  it('reads pasted text too', async () => {
    expect(await collect(threadRecordChunks(worker, { text: 'a,b\n1,2\n' }, format, 2))).toEqual([['1', '2']])
  })

  it('reports a broken file with the same error, code and hint as on the engine thread', async () => {
    const source = csvFile('a,b\n1,"never closed\n2,3\n')
    const error = await collect(threadRecordChunks(worker, source, format, 2)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('INVALID_INPUT')
    expect((error as AppError).message).toMatch(/never closed/)
    const latin = csvFile(Buffer.from([0x61, 0x0a, 0xe9, 0x0a]))
    const notUtf8 = await collect(threadRecordChunks(worker, latin, { ...format, header: false }, 1)).catch((e: unknown) => e)
    expect((notUtf8 as AppError).message).toMatch(/not valid UTF-8/)
    expect((notUtf8 as AppError).field).toBe('format.encoding')
  })

  // The thread holds the file open while it reads ahead; Linux lists a process's open files.
  it.runIf(existsSync('/proc/self/fd'))('stops the thread, and so closes the file, when the reader stops early', async () => {
    const lines = ['n']
    for (let i = 0; i < 200_000; i++) lines.push(String(i))
    const source = csvFile(lines.join('\n'))
    const path = 'path' in source ? source.path : ''
    const openCopies = () => readdirSync('/proc/self/fd').filter((fd) => readlinkSafe(`/proc/self/fd/${fd}`) === path).length
    const chunks = threadRecordChunks(worker, source, format, 1)
    const first = await chunks.next()
    expect(first.done).toBe(false)
    expect(openCopies()).toBe(1) // read-ahead is bounded, so the thread is still part-way through
    // return() runs the generator's finally, which ends the thread.
    await expect(chunks.return(undefined)).resolves.toEqual({ done: true, value: undefined })
    expect(openCopies()).toBe(0)
  })
})

function readlinkSafe(path: string): string | null {
  try {
    return readlinkSync(path)
  } catch {
    return null // closed between the listing and the look
  }
}
