// `npm run bench -- <name> [options]`: bundles bench/<name>.ts for Node (scripts/node-bundle.mjs),
// then runs it in a fresh process so its memory figures are its own.
// Example: `npm run bench -- transfer --rows 100000`.
import { existsSync, readdirSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CSV_WORKER_ENTRY, buildForNode } from '../scripts/node-bundle.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [name, ...args] = process.argv.slice(2)
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`)
  process.exit(2)
}

const outDir = join(root, 'out', 'bench')
// The engine's CSV reading thread is a bundle of its own, as in the app.
await buildForNode(root, outDir, { [name]: join('bench', `${name}.ts`), 'csv-worker': CSV_WORKER_ENTRY })
const entry = join(outDir, `${name}.mjs`)
if (!existsSync(entry)) throw new Error(`the bench build did not produce ${entry}`)
const child = spawn(process.execPath, ['--expose-gc', entry, ...args], { stdio: 'inherit', cwd: root })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
