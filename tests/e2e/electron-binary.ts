import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Electron's binary, found without `require('electron')` (which would try to download it). */
export function electronBinary(): string | null {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
