import { z } from 'zod'
import { channel } from './define'

export interface AppInfo {
  name: 'Rowboat'
  version: string
  /** Which host answers: the Electron main process or the browser host. */
  host: 'electron' | 'browser' | 'test'
  dialects: Array<'sqlite' | 'mysql' | 'postgres'>
  /** Where exports are written (the browser host then offers them as downloads); null: none set. */
  exportDir: string | null
  /** Whether the host accepts streamed file uploads (the browser host: POST /api/upload). */
  uploads: boolean
}

export const appChannels = {
  'app.info': channel<AppInfo>()(z.object({}).optional()),
}
