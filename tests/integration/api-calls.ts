/**
 * Router calls for a file that makes its own Api (its own options: a known_hosts file, a log, no
 * database of its own) rather than a describeDialects suite (harness.ts). `api` is read at each call,
 * so a beforeAll may make it after the calls are declared.
 */
import type { Api } from '../../src/main/api'
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract'
import type { AppErrorData } from '../../src/shared/errors'
import type { Result } from '../../src/shared/result'

export function apiCalls(api: () => Api) {
  /** The raw Result. */
  const invoke = <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> =>
    api().router.invoke(channel, input) as Promise<Result<OutputOf<C>>>
  /** The value; a failure throws, naming the channel and the error's code. */
  const value = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const answer = await invoke(channel, input)
    if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`)
    return answer.value
  }
  return { invoke, value }
}

/** The error of a Result expected to fail; a success throws. */
export function failure(result: Result<unknown>): AppErrorData {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}
