import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { basename } from 'node:path'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import type { CsvEncoding } from '../../../../shared/contract/transfer'
import { AppError } from '../../../../shared/errors'

/**
 * Read size. csv-parse parses each chunk in one go, blocking the event loop meanwhile; 64 KiB
 * (about one batch of rows) keeps those pauses short, so the next batch reaches the database
 * as soon as the previous one is done (256 KiB chunks left the database idle a third of the time).
 */
const CHUNK_BYTES = 64 * 1024

/** An import's bytes: a file read in chunks, or pasted text. Never read whole. */
export interface OpenedSource {
  bytes: number
  /** The first `size` bytes (less when the source is shorter). */
  head(size: number): Promise<Buffer>
  /** The bytes from the start, in chunks. */
  stream(): Readable
}

/**
 * What the engine reads: a file the handler resolved from a grant (src/main/api/file-grants.ts),
 * never a path the page sent, or pasted text.
 */
export type SourceInput = { path: string } | { text: string }

export async function openSource(source: SourceInput): Promise<OpenedSource> {
  if ('text' in source) return textSource(source.text)
  const path = source.path
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw unreadable(path, 'it is not a file')
    size = info.size
  } catch (error) {
    if (error instanceof AppError) throw error
    throw unreadable(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it cannot be read')
  }
  return {
    bytes: size,
    async head(length) {
      const handle = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(Math.min(length, size))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
    },
    stream: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }),
  }
}

function textSource(text: string): OpenedSource {
  const buffer = Buffer.from(text, 'utf8')
  return {
    bytes: buffer.length,
    head: async (length) => buffer.subarray(0, length),
    stream: () =>
      Readable.from(
        (function* chunks() {
          for (let at = 0; at < buffer.length; at += CHUNK_BYTES) yield buffer.subarray(at, at + CHUNK_BYTES)
        })(),
        { objectMode: false },
      ),
  }
}

function unreadable(path: string, why: string): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: `Rowboat cannot read ${basename(path)}: ${why}.`,
    hint: 'Choose the file again; it may have been moved, or it needs read permission.',
    field: 'source.file',
  })
}

/**
 * The decoding step between the file and the CSV parser, which always reads UTF-8:
 * UTF-8 is checked (a stray Latin-1 byte would otherwise become U+FFFD without a word),
 * Latin-1 is converted (as Windows-1252, its superset, which is what such files usually are).
 */
export function decoderFor(encoding: CsvEncoding): Transform {
  return encoding === 'latin1' ? new Windows1252ToUtf8() : new Utf8Guard()
}

/** Passes UTF-8 through unchanged, failing at the first byte sequence that is not UTF-8. */
export class Utf8Guard extends Transform {
  private carry: Buffer = Buffer.alloc(0)
  private offset = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk
    const complete = completeUtf8Length(data)
    const body = data.subarray(0, complete)
    if (!isUtf8(body)) return callback(notUtf8(this.offset))
    this.offset += complete
    this.carry = Buffer.from(data.subarray(complete))
    callback(null, body)
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry.length > 0 && !isUtf8(this.carry)) return callback(notUtf8(this.offset))
    callback(null, this.carry)
  }
}

class Windows1252ToUtf8 extends Transform {
  private readonly decoder = new TextDecoder('windows-1252')

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'))
  }

  override _flush(callback: TransformCallback): void {
    callback(null, Buffer.from(this.decoder.decode(), 'utf8'))
  }
}

function notUtf8(offset: number): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: `The file is not valid UTF-8 (after byte ${offset.toLocaleString('en')}).`,
    hint: 'Choose the Latin-1 encoding, or save the file as UTF-8.',
    field: 'format.encoding',
  })
}

/** How many leading bytes of `data` end on a whole UTF-8 character (a cut one at the end is left out). */
export function completeUtf8Length(data: Buffer): number {
  const end = data.length
  // A character is at most 4 bytes: look back at most 3 for the start of a cut one.
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = data[end - back]
    if ((byte & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needed > back ? end - back : end
  }
  return end
}

/** Decodes a sample for detection; a character cut at the sample's end is dropped. */
export function decodeSample(sample: Buffer, encoding: CsvEncoding): string {
  if (encoding === 'latin1') return new TextDecoder('windows-1252').decode(sample)
  const text = sample.subarray(0, completeUtf8Length(sample)).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
