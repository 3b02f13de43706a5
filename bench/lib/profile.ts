import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

/**
 * Runs `work` under the V8 sampling profiler and writes the profile to `file` (a .cpuprofile that
 * Chrome DevTools and speedscope open): the `--cpu-prof` of one operation, without the data
 * generation and loading around it.
 */
export async function profiled(file: string, work: () => Promise<unknown>): Promise<void> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
    await session.post('Profiler.start')
    await work()
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(file, JSON.stringify(profile))
  } finally {
    session.disconnect()
  }
}
