import type { Cell } from '../../../shared/values'

/**
 * Rows a driver pushes one by one (pg's 'row', mysql2's 'result') turned into rows read a page at a
 * time: once a page and one row more are in hand, the driver's transport is paused, so the server
 * waits (TCP backpressure) instead of the rows piling up here. What the driver had already parsed
 * when paused still arrives, so the queue holds a page plus at most one network read.
 */
export class PushedRows {
  private queue: Cell[][] = []
  /** Rows wanted before the reader wakes (a page and one more, to know whether more exist). */
  private want: number
  private paused = false
  private discarding = false
  private ended = false
  private failure: { error: unknown } | null = null
  private wake: (() => void) | null = null
  /** Settles when the statement has ended, by its end or its error. */
  readonly finished: Promise<void>
  private finish!: () => void

  constructor(
    private readonly transport: { pause(): void; resume(): void },
    firstPage: number,
  ) {
    this.want = firstPage + 1
    this.finished = new Promise((resolve) => (this.finish = resolve))
  }

  push(row: Cell[]): void {
    if (this.discarding) return
    this.queue.push(row)
    if (this.queue.length >= this.want) {
      if (!this.paused) {
        this.paused = true
        this.transport.pause()
      }
      this.notify()
    }
  }

  end(): void {
    this.ended = true
    this.settle()
  }

  fail(error: unknown): void {
    this.failure = { error }
    this.ended = true
    this.settle()
  }

  /**
   * The statement is over: its end can come in the same network read as the row that paused the
   * transport, and then no later take() waits (so none resumes). The transport is the connection's,
   * not this statement's: left paused, the next statement on it (a ROLLBACK, the pool's next user)
   * would never get its reply. Nothing more of this statement can arrive, so it is resumed now.
   */
  private settle(): void {
    this.resume()
    this.notify()
    this.finish()
  }

  get done(): boolean {
    return this.ended && this.queue.length === 0
  }

  /** Up to `count` rows; waits until there are `count` and one more, or the statement has ended. */
  async take(count: number): Promise<{ rows: Cell[][]; done: boolean }> {
    if (this.queue.length <= count && !this.ended) {
      this.want = count + 1
      await new Promise<void>((resolve) => {
        this.wake = resolve
        this.resume()
      })
    }
    if (this.failure) throw this.failure.error
    const rows = this.queue.splice(0, count)
    return { rows, done: this.done }
  }

  /** Drops what is queued and lets the rest of the statement flow past unkept until it ends. */
  async discard(): Promise<void> {
    this.discarding = true
    this.queue = []
    this.resume()
    await this.finished
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    this.transport.resume()
  }

  private notify(): void {
    const wake = this.wake
    this.wake = null
    wake?.()
  }
}
