import type { Sequelize } from 'sequelize'

/** Extra time past the driver's own connect timeout before the backstop fires, so the driver's
 * more precise error usually wins. */
export const BACKSTOP_GRACE_MS = 1000

/**
 * Settles with `work`, or rejects with `onTimeout()` after `ms`: a backstop for whatever the
 * drivers' own timeouts miss (a TLS handshake that stalls, a query stuck behind a lock). The
 * losing promise keeps running; the caller closes whatever it was using.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/**
 * Closes a Sequelize instance without ever hanging or throwing. It can hang: after a failed
 * SQLite open, sqlite3 never calls back the close of the half-made database handle.
 */
export async function closeQuietly(sequelize: Sequelize, ms = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
    timer.unref()
  })
  await Promise.race([sequelize.close().catch(() => undefined), gaveUp])
  clearTimeout(timer)
}
