// PLACEHOLDER: being written; replace this whole file.
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../router'

const notYet = async (): Promise<never> => {
  throw new AppError({ code: 'INTERNAL', message: 'not implemented yet' })
}

export const migrationHandlers: Pick<Handlers, 'migrations.status' | 'migrations.plan' | 'migrations.up' | 'migrations.down'> = {
  'migrations.status': notYet,
  'migrations.plan': notYet,
  'migrations.up': notYet,
  'migrations.down': notYet,
}
