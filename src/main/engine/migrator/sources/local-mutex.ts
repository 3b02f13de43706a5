/**
 * One run at a time per database inside this process. Project migrations on SQLite cannot run
 * inside the run lock's write transaction (the project's code opens its own statements, as it does
 * under sequelize-cli), so this mutex is what keeps two windows of this app from running at once.
 */
const tails = new Map<string, Promise<void>>()

export async function withLocalMutex<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((resolve) => (done = resolve))
  const tail = before.then(() => mine)
  tails.set(key, tail)
  await before
  try {
    return await work()
  } finally {
    done()
    if (tails.get(key) === tail) tails.delete(key)
  }
}
