// `npm start`: the desktop window when Electron's binary is installed; otherwise says so plainly.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

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
if (binary) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('Rowboat: the Electron binary is not installed here (fetch it with `npx install-electron`), so the desktop window cannot open.')
  console.log('Rowboat: the browser host that serves the same app at http://127.0.0.1 arrives with the hosts issue; today `npm start` builds the app and `npm test` exercises the engine.')
}
