import { maskPasswordIn } from '../../../shared/connection-url'

/**
 * The passwords the engine has been given lately (connection tests, created databases, opened
 * sessions), so log lines can be scrubbed of them. A log line about a failed test may be written
 * after the test has finished, so they are kept for a while rather than forgotten at once;
 * the list is bounded so a long-running host does not hoard them.
 */
export class KnownPasswords {
  private readonly recent: string[] = []

  constructor(private readonly limit = 50) {}

  remember(password: string | null | undefined): void {
    if (!password) return
    const at = this.recent.indexOf(password)
    if (at >= 0) this.recent.splice(at, 1)
    this.recent.push(password)
    if (this.recent.length > this.limit) this.recent.shift()
  }

  /** Masks every remembered password, and any `also` given (the open sessions'). */
  scrub(text: string, also: Iterable<string | null> = []): string {
    const all = new Set<string>(this.recent)
    for (const password of also) if (password) all.add(password)
    // Longest first, so a password that contains another is masked whole.
    let out = text
    for (const password of [...all].sort((a, b) => b.length - a.length)) out = maskPasswordIn(out, password)
    return out
  }
}
