import { AppError } from '../../../../shared/errors'
import type { Direction, Target } from '../migrator'

/**
 * The migrations a run executes, in execution order, for sources whose migrations are an ordered
 * list of names. Up: pending ones through `to` (all when absent). Down: applied ones, newest first,
 * down to and including `to` (only the newest when absent; 0 = all).
 */
export function chooseMigrations(all: string[], applied: Set<string>, direction: Direction, to: Target): string[] {
  const limit = typeof to === 'string' ? all.indexOf(to) : undefined
  if (direction === 'up') {
    if (to === 0)
      throw new AppError({
        code: 'INVALID_INPUT',
        field: 'to',
        message: 'Applying takes the name of the last migration to apply, or nothing to apply them all.',
      })
    return all.filter((name, i) => !applied.has(name) && (limit === undefined || i <= limit))
  }
  const newestFirst = all.filter((name) => applied.has(name)).reverse()
  if (to === 0) return newestFirst
  if (limit === undefined) return newestFirst.slice(0, 1)
  return newestFirst.filter((name) => all.indexOf(name) >= limit)
}

export function unknownTarget(to: string, all: string[]): AppError {
  return new AppError({
    code: 'MIGRATION_NOT_FOUND',
    message: `There is no migration named "${to.slice(0, 200)}" in the project folder. The migrations are: ${all.join(', ').slice(0, 2000)}.`,
    hint: 'Pick one of the listed migrations (the folder may have changed: refresh).',
    field: 'to',
  })
}
