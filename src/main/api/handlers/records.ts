// PLACEHOLDER: being written; replace this whole file.
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../router'

const notYet = async (): Promise<never> => {
  throw new AppError({ code: 'INTERNAL', message: 'not implemented yet' })
}

export const recordHandlers: Pick<Handlers, 'records.page' | 'records.count' | 'records.get' | 'records.insert' | 'records.update' | 'records.delete' | 'records.batch' | 'records.bulkUpdate' | 'records.bulkDelete'> = {
  'records.page': notYet,
  'records.count': notYet,
  'records.get': notYet,
  'records.insert': notYet,
  'records.update': notYet,
  'records.delete': notYet,
  'records.batch': notYet,
  'records.bulkUpdate': notYet,
  'records.bulkDelete': notYet,
}
