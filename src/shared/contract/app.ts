import { z } from 'zod'
import { channel } from './define'

export interface AppInfo {
  name: 'Rowboat'
  version: string
  /** Which host answers: the Electron main process or the browser host. */
  host: 'electron' | 'browser' | 'test'
  dialects: Array<'sqlite' | 'mysql' | 'postgres'>
}

export const appChannels = {
  'app.info': channel<AppInfo>()(z.object({}).optional()),
}
