import type { Dialect } from '../../src/shared/connection-types'

/** The bench's command line (after `npm run bench -- <name>`). */
const ARGS = process.argv.slice(2)

/** The value after `--flag`, if given. */
export function flagValue(flag: string): string | undefined {
  const i = ARGS.indexOf(flag)
  return i >= 0 ? ARGS[i + 1] : undefined
}

/** Whether `--flag` is on the command line. */
export const hasFlag = (flag: string): boolean => ARGS.includes(flag)

/** `--only sqlite,postgres`: the databases to run, all three by default. */
export function onlyDialects(): Dialect[] {
  return (flagValue('--only')?.split(',') as Dialect[] | undefined) ?? ['sqlite', 'mysql', 'postgres']
}
