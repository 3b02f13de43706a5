import type { AppErrorData } from './errors'

/** What every API call answers. Errors travel as values because IPC drops custom error fields. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error })
