// `npm start`: the desktop window when Electron's binary is installed; otherwise one clear line
// saying so, then the browser host (the same app in a browser, on 127.0.0.1).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** Electron's binary path, without triggering its download (require('electron') would). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
    const binary = join(dir, 'dist', relative)
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const here = dirname(fileURLToPath(import.meta.url))
const child = binary
  ? spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(here, '..') })
  : (console.log(
      "Rowboat: Electron's binary is not installed on this machine, so the desktop window cannot open (fetch it with `npx install-electron`). Starting the browser host instead:",
    ),
    spawn(process.execPath, [join(here, '../out/main/serve.js'), ...process.argv.slice(2)], { stdio: 'inherit' }))

// Ctrl+C reaches the child through the terminal; wait for it to close its sessions and exit.
process.on('SIGINT', () => undefined)
process.on('SIGTERM', () => child.kill('SIGTERM'))
child.on('exit', (code) => process.exit(code ?? 0))
