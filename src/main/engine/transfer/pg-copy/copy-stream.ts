import type { Writable } from 'node:stream'

/**
 * Feeds chunks of COPY data into a `COPY … FROM STDIN` stream (pg-copy-streams) with backpressure: the
 * next chunk is produced only once the stream has taken the previous one, so memory holds one
 * chunk however many rows go through. Resolves when PostgreSQL has taken everything (the stream's
 * 'finish' comes after the server's ReadyForQuery); rejects with the server's error.
 *
 * Two things about pg-copy-streams that this is careful of:
 * - once the server has answered with an error the stream has no connection any more, and
 *   writing to it (or destroying it) would throw from inside a socket callback: nothing more is
 *   written after 'error', and the 'error' listener stays on for good;
 * - destroying the stream before end() sends CopyFail, and the server abandons the COPY and
 *   answers with an error. That is how `signal` (Cancel) and a failing chunk source stop a COPY
 *   half-way. After end() everything has been sent: the COPY is left to finish.
 */
export function pumpCopy(stream: Writable, chunks: Iterable<Uint8Array>, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const source = chunks[Symbol.iterator]()
    let settled = false
    let ended = false
    let sourceFailure: { error: unknown } | null = null

    const finish = (error?: unknown) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', abandon)
      stream.off('drain', pump)
      if (error === undefined) resolve()
      else reject(asError(sourceFailure ? sourceFailure.error : error))
    }
    const abandon = () => {
      if (!settled && !ended && !stream.destroyed) stream.destroy(new Error('the import was cancelled'))
    }
    function pump(): void {
      if (settled) return
      try {
        for (;;) {
          if (signal?.aborted) return abandon()
          const next = source.next()
          if (next.done) {
            ended = true
            stream.end()
            return
          }
          if (!stream.write(next.value)) {
            stream.once('drain', pump)
            return
          }
        }
      } catch (error) {
        // The rows could not be turned into text (a bug): abandon the COPY, report that error.
        sourceFailure = { error }
        abandon()
      }
    }

    stream.on('error', (error: unknown) => finish(error ?? new Error('COPY failed')))
    stream.once('finish', () => finish())
    signal?.addEventListener('abort', abandon, { once: true })
    pump()
  })
}

/** Streams fail with Errors; anything else is wrapped so callers can rely on one. */
function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure))
}
