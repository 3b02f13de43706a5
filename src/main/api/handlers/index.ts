import type { Handlers } from '../router'
import { appHandlers } from './app'
import { connectionHandlers } from './connections'
import { consoleHandlers } from './console'
import { fileHandlers } from './files'
import { migrationHandlers } from './migrations'
import { queryHandlers } from './query'
import { recordHandlers } from './records'
import { savedConnectionHandlers } from './saved-connections'
import { schemaHandlers } from './schema'
import { transferHandlers } from './transfer'

/** Every channel's handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...connectionHandlers,
  ...savedConnectionHandlers,
  ...schemaHandlers,
  ...recordHandlers,
  ...migrationHandlers,
  ...transferHandlers,
  ...fileHandlers,
  ...queryHandlers,
  ...consoleHandlers,
}
