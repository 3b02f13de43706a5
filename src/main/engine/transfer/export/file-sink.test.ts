import { mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openFileSink } from './file-sink'

const folder = (): string => realpathSync(mkdtempSync(join(tmpdir(), 'rowboat-sink-')))

describe('openFileSink', () => {
  it('writes to a hidden temporary file, counting bytes, and finish gives it its name', async () => {
    const dir = folder()
    let bytes = 0
    const sink = await openFileSink({ path: join(dir, 'out.csv'), replace: false }, (n) => (bytes += n))
    await sink.write('é,1\n')
    await sink.write(Buffer.from('b,2\n'))
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.out\.csv\.[0-9a-f]{8}\.part$/)])
    await sink.finish()
    expect(readdirSync(dir)).toEqual(['out.csv'])
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('é,1\nb,2\n')
    expect(bytes).toBe(9)
    if (process.platform !== 'win32') expect(statSync(join(dir, 'out.csv')).mode & 0o777).toBe(0o600)
  })

  it('abort removes the temporary file, even with a write in flight', async () => {
    const dir = folder()
    const sink = await openFileSink({ path: join(dir, 'out.csv'), replace: false })
    const pending = sink.write('x'.repeat(4 * 1024 * 1024)).catch(() => undefined)
    await sink.abort()
    await pending
    expect(readdirSync(dir)).toEqual([])
  })

  it('does not replace a file that appeared meanwhile unless told to', async () => {
    const dir = folder()
    const path = join(dir, 'out.csv')
    const refused = await openFileSink({ path, replace: false })
    await refused.write('new')
    writeFileSync(path, 'theirs')
    await expect(refused.finish()).rejects.toMatchObject({ code: 'FILE_EXISTS', field: 'destination.overwrite' })
    expect(readFileSync(path, 'utf8')).toBe('theirs')
    await refused.abort()
    expect(readdirSync(dir)).toEqual(['out.csv'])

    const replacing = await openFileSink({ path, replace: true })
    await replacing.write('new')
    await replacing.finish()
    expect(readFileSync(path, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['out.csv'])
  })

  it('refuses a folder that does not exist as a typed error', async () => {
    await expect(openFileSink({ path: join(folder(), 'no', 'out.csv'), replace: false })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'destination.file',
    })
  })
})
