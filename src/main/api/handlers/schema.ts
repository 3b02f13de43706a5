// PLACEHOLDER: being written; replace this whole file.
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../router'

const notYet = async (): Promise<never> => {
  throw new AppError({ code: 'INTERNAL', message: 'not implemented yet' })
}

export const schemaHandlers: Pick<Handlers, 'schema.tables' | 'schema.describe'> = {
  'schema.tables': notYet,
  'schema.describe': notYet,
}
