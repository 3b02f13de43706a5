// PLACEHOLDER: being written; replace this whole file.
import type { ConnectionConfig } from '../../shared/connection-types'
import type { AppError } from '../../shared/errors'

export interface DiagnoseTarget {
  config: ConnectionConfig
  password: string | null
  baseDir: string
}

export function diagnoseError(_error: unknown, _target: DiagnoseTarget): AppError | null {
  return null
}
