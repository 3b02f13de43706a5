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

/** What the window opens with, asked once when it loads. */
export interface StartupOffer {
  /**
   * A connection to open at once instead of showing the connect screen: the sample database on the
   * very first start (it was just created and nothing is saved yet). Answered once per launch;
   * later calls (a reload, a second browser tab) answer null.
   */
  open: string | null
}

export const appChannels = {
  'app.info': channel<AppInfo>()(z.object({}).optional()),
  'app.startup': channel<StartupOffer>()(z.object({}).optional()),
}
