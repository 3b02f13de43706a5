import { describe, expect, it } from 'vitest'
import { PushedRows } from './pushed-rows'

/** A stand-in transport that records pauses; the driver is played by calling push/end by hand. */
function transport() {
  const log: string[] = []
  return { log, pause: () => log.push('pause'), resume: () => log.push('resume') }
}

describe('pushed rows paged with backpressure', () => {
  it('pauses the transport once a page and one more row are in, and resumes for the next page', async () => {
    const t = transport()
    const rows = new PushedRows(t, 2)
    const first = rows.take(2)
    rows.push([1])
    rows.push([2])
    expect(t.log).toEqual([])
    rows.push([3])
    expect(t.log).toEqual(['pause'])
    rows.push([4]) // already parsed when the pause came: still kept
    expect(await first).toEqual({ rows: [[1], [2]], done: false })
    // two are queued: a page of one needs no resume
    expect(await rows.take(1)).toEqual({ rows: [[3]], done: false })
    expect(t.log).toEqual(['pause'])
    const next = rows.take(2)
    expect(t.log).toEqual(['pause', 'resume'])
    rows.push([5])
    rows.end()
    expect(await next).toEqual({ rows: [[4], [5]], done: true })
  })

  // Issue 12: on PostgreSQL the transport is the connection's socket. The rows of one network read after
  // the pausing row, then the statement's end, all arrive before the pause takes effect; no take() then
  // waits, so none resumed, and the connection's next statement (the export's ROLLBACK) never got its reply.
  it('an end in the same read as the pausing row leaves the transport flowing for the next statement', async () => {
    const t = transport()
    const rows = new PushedRows(t, 2)
    const first = rows.take(2)
    for (const n of [1, 2, 3, 4, 5]) rows.push([n])
    rows.end()
    expect(await first).toEqual({ rows: [[1], [2]], done: false })
    expect(await rows.take(2)).toEqual({ rows: [[3], [4]], done: false })
    expect(await rows.take(2)).toEqual({ rows: [[5]], done: true })
    expect(t.log).toEqual(['pause', 'resume'])
  })

  it('a failure in the same read as the pausing row leaves the transport flowing too', async () => {
    const t = transport()
    const rows = new PushedRows(t, 1)
    const first = rows.take(1)
    rows.push([1])
    rows.push([2])
    rows.fail(new Error('boom'))
    await expect(first).rejects.toThrow('boom')
    expect(t.log).toEqual(['pause', 'resume'])
  })

  it('a result that ends inside the first page is done at once', async () => {
    const rows = new PushedRows(transport(), 10)
    const page = rows.take(10)
    rows.push(['a'])
    rows.end()
    expect(await page).toEqual({ rows: [['a']], done: true })
  })

  it('a failure reaches the reader', async () => {
    const rows = new PushedRows(transport(), 1)
    const page = rows.take(1)
    rows.fail(new Error('boom'))
    await expect(page).rejects.toThrow('boom')
  })

  it('discarding drops what is queued, resumes and waits for the end', async () => {
    const t = transport()
    const rows = new PushedRows(t, 1)
    const page = rows.take(1)
    rows.push([1])
    rows.push([2])
    await page
    let ended = false
    const discarded = rows.discard().then(() => (ended = true))
    expect(t.log).toEqual(['pause', 'resume'])
    rows.push([3])
    await Promise.resolve()
    expect(ended).toBe(false)
    rows.end()
    await discarded
    expect(ended).toBe(true)
  })
})
