/** How long `work` takes, in milliseconds (monotonic clock). */
export async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e6
}

/** How long `work` takes, in seconds. */
export async function elapsedSeconds(work: () => Promise<unknown>): Promise<number> {
  return (await elapsedMs(work)) / 1000
}
