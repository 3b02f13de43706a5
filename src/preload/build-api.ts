// Only the zod-free list of names at run time: the contract itself would bundle zod into the preload.
import { channelNames } from '../shared/contract/channel-names'
import type { RowboatApi } from '../shared/contract'

/** Exactly the contract's channels, each forwarding to the channel of the same name. No more, no less. */
export function buildApi(invoke: (channel: string, input: unknown) => Promise<unknown>): RowboatApi {
  return Object.fromEntries(channelNames.map((name) => [name, (input: unknown) => invoke(name, input)])) as RowboatApi
}
