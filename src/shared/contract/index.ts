import type { z } from 'zod'
import type { Result } from '../result'
import type { Channel } from './define'
import { channelNames, type ChannelName } from './channel-names'
import { appChannels } from './app'
import { connectionChannels } from './connections'
import { consoleChannels } from './console'
import { filesChannels } from './files'
import { migrationChannels } from './migrations'
import { queryChannels } from './query'
import { recordsChannels } from './records'
import { savedConnectionChannels } from './saved-connections'
import { schemaChannels } from './schema'
import { transferChannels } from './transfer'

/** Every channel the API has. The preload, both hosts and the renderer client derive from this. */
export const contract = {
  ...appChannels,
  ...connectionChannels,
  ...savedConnectionChannels,
  ...schemaChannels,
  ...recordsChannels,
  ...migrationChannels,
  ...transferChannels,
  ...filesChannels,
  ...queryChannels,
  ...consoleChannels,
} as const

export type Contract = typeof contract
export { channelNames, type ChannelName }

/**
 * Compile-time proof that channel-names.ts lists exactly the contract's channels, both ways.
 * A mismatch fails the build with the offending name: "Type '"x.y"' does not satisfy the constraint 'never'".
 */
type NoneOf<T extends never> = T
export type ChannelNamesMatchContract = [
  /** Channels in the contract but missing from channel-names.ts. */
  NoneOf<Exclude<keyof Contract, ChannelName>>,
  /** Names in channel-names.ts that the contract lacks. */
  NoneOf<Exclude<ChannelName, keyof Contract>>,
]

/** What a caller sends (defaults still optional). */
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>
/** What a handler receives (after parsing: defaults filled in). */
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>
export type OutputOf<C extends ChannelName> = Contract[C] extends Channel<z.ZodType, infer O> ? O : never

/** The shape of `window.rowboat` and of the HTTP client: one function per channel. */
export type RowboatApi = {
  [C in ChannelName]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>
}

export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(contract, name)

export * from './app'
export * from './connections'
export * from './console'
export * from './define'
export * from './events'
export * from './files'
export * from './migrations'
export * from './query'
export * from './records'
export * from './saved-connections'
export * from './schema'
export * from './transfer'
