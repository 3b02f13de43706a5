import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { completeUtf8Length, decodeSample, decoderFor, openSource } from './source'

async function through(encoding: 'utf8' | 'latin1', chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = []
  await pipeline(Readable.from(chunks), decoderFor(encoding), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk)
  })
  return Buffer.concat(out).toString('utf8')
}

describe('decoding', () => {
  it('finds where whole UTF-8 characters end', () => {
    const emoji = Buffer.from('a😀', 'utf8') // 1 + 4 bytes
    expect(completeUtf8Length(emoji)).toBe(5)
    expect(completeUtf8Length(emoji.subarray(0, 3))).toBe(1)
    expect(completeUtf8Length(Buffer.from('é', 'utf8').subarray(0, 1))).toBe(0)
  })

  it('passes UTF-8 through even when a character is split between chunks', async () => {
    const bytes = Buffer.from('café 😀 ok', 'utf8')
    expect(await through('utf8', [bytes.subarray(0, 4), bytes.subarray(4, 7), bytes.subarray(7)])).toBe('café 😀 ok')
  })

  it('stops at bytes that are not UTF-8 instead of replacing them', async () => {
    await expect(through('utf8', [Buffer.from('ok\n'), Buffer.from('caf\xe9\n', 'latin1')])).rejects.toThrow(/not valid UTF-8/)
  })

  it('reads Latin-1 as Windows-1252', async () => {
    expect(await through('latin1', [Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80])])).toBe('café €')
    expect(decodeSample(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'utf8-bom')).toBe('a')
  })

  it('streams pasted text in chunks and reports its size in bytes', async () => {
    const source = await openSource({ text: 'é'.repeat(200_000) })
    expect(source.bytes).toBe(400_000)
    const chunks: Buffer[] = []
    for await (const chunk of source.stream()) chunks.push(chunk as Buffer)
    expect(chunks.length).toBeGreaterThan(1)
    expect(Buffer.concat(chunks).toString('utf8')).toBe('é'.repeat(200_000))
  })

  it('explains a missing file', async () => {
    await expect(openSource({ path: '/nonexistent/rowboat.csv' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'source.file' })
  })
})
