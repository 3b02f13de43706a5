import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The browser host's default data folder: the same place Electron's `userData` resolves to for an
 * app named "Rowboat", so both hosts share saved connections and the sample database.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Rowboat')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Rowboat')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Rowboat')
}
