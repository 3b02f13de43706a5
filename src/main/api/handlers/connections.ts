// PLACEHOLDER: being written; replace this whole file.
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../router'

const notYet = async (): Promise<never> => {
  throw new AppError({ code: 'INTERNAL', message: 'not implemented yet' })
}

export const connectionHandlers: Pick<Handlers, 'connections.test' | 'connections.createDatabase' | 'sessions.open' | 'sessions.close' | 'sessions.list'> = {
  'connections.test': notYet,
  'connections.createDatabase': notYet,
  'sessions.open': notYet,
  'sessions.close': notYet,
  'sessions.list': notYet,
}
