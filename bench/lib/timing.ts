import { readFileSync } from 'node:fs'

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

/** CPU seconds (user + system) this process spent while `work` ran: every thread, SQLite's worker threads included. */
export async function cpuSeconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage()
  await work()
  const used = process.cpuUsage(started)
  return (used.user + used.system) / 1e6
}

/**
 * CPU seconds of the child processes this process waited for while `work` ran (Linux: /proc's
 * cutime + cstime, in clock ticks of 1/100 s); null elsewhere.
 */
export async function childCpuSeconds(work: () => Promise<unknown>): Promise<number | null> {
  const read = (): number | null => {
    try {
      // The fields after the command name (which may hold spaces) start at the 3rd; cutime and cstime are the 16th and 17th.
      const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
      return (Number(fields[13]) + Number(fields[14])) / 100
    } catch {
      return null
    }
  }
  const before = read()
  await work()
  const after = read()
  return before === null || after === null ? null : after - before
}
