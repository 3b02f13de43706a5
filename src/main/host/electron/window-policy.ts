/**
 * The desktop window's security decisions as plain functions (main.ts binds them to Electron), so
 * they are tested without the Electron binary.
 */
import { isOwnPage } from './own-page'

/**
 * The page the window loads. The dev server's address (ELECTRON_RENDERER_URL) is honoured only in
 * a development build: in a packaged app anyone able to set the variable could otherwise make any
 * origin "our page", with the whole API.
 */
export function rendererUrlFor(options: { packaged: boolean; devBuild: boolean; envUrl: string | undefined; bundledFile: string }): string {
  if (!options.packaged && options.devBuild && options.envUrl) {
    try {
      const url = new URL(options.envUrl)
      if ((url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
        return url.toString()
    } catch {
      // not a URL: fall through to the bundled page
    }
  }
  return `file://${options.bundledFile}`
}

/** Navigation, redirects and frame navigation may only stay on the app's own page. */
export function mayNavigate(url: string, rendererUrl: string): boolean {
  return isOwnPage(url, rendererUrl)
}

/** No web permission (camera, notifications, geolocation, clipboard read, …) is ever granted, whichever is asked. */
export const grantsPermission: (permission: string) => boolean = () => false

/** Only well-formed https links leave the app, and only to the system browser. */
export function isSafeExternal(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname.length > 0 && !parsed.username && !parsed.password
  } catch {
    return false
  }
}

/**
 * Where relative SQLite paths resolve. A packaged app's working directory is `/` (or the install
 * folder), so relative paths resolve in the data folder there, never against process.cwd().
 */
export function sqliteBaseDir(options: { packaged: boolean; cwd: string; dataDir: string }): string {
  return options.packaged ? options.dataDir : options.cwd
}
