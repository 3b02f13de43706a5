// Keeps the bundles lean: reads out/ after `npm run build` and fails when the preload has grown past
// its budget or when the renderer's first-view code contains zod. The preload needs only the channel
// names (src/shared/contract/channel-names.ts) and the renderer never parses, so zod in either one
// means a run-time import of a zod-based module slipped in (an `import type` would have erased).
// Usage: node scripts/check-bundles.mjs [outDir]   (default: out)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Sizes in kB of 1,000 bytes, as Vite prints them. */
export const PRELOAD_BUDGET_BYTES = 10_000

/**
 * zod 4 names its base class with this string (`$constructor("$ZodType", …)` in zod/v4/core, kept
 * by minification because it is a value). Every zod schema class derives from it, so any bundled
 * schema brings it along. tests/unit/check-bundles.test.ts checks the installed zod still has it.
 */
export const ZOD_MARKER = '$ZodType'

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`

/** The module script index.html loads, relative to the renderer folder. */
function entryScript(rendererDir) {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const match = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/.exec(html)
  if (!match) throw new Error(`${join(rendererDir, 'index.html')} loads no module script`)
  return posix.normalize(match[1])
}

/** The entry chunk and every chunk it imports statically: the code parsed before the first view. */
function firstViewChunks(rendererDir, entry) {
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(join(rendererDir, file), 'utf8')
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
    for (const [, spec] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(posix.normalize(posix.join(posix.dirname(file), spec)))
    }
  }
  visit(entry)
  return [...seen]
}

/** Checks the build in `outDir`: what it measured, and why it fails (empty when it passes). */
export function checkBundles(outDir) {
  const preloadPath = join(outDir, 'preload', 'index.js')
  const rendererDir = join(outDir, 'renderer')
  for (const path of [preloadPath, join(rendererDir, 'index.html')]) {
    if (!existsSync(path)) return { lines: [], failures: [`${path} is missing: run \`npm run build\` first.`] }
  }
  const lines = []
  const failures = []
  const hasZod = (path) => readFileSync(path, 'utf8').includes(ZOD_MARKER)

  const preloadBytes = statSync(preloadPath).size
  lines.push(`preload          ${kB(preloadBytes).padStart(10)}  ${preloadPath}`)
  if (preloadBytes > PRELOAD_BUDGET_BYTES) {
    failures.push(
      `${preloadPath} is ${preloadBytes} bytes, over its budget of ${PRELOAD_BUDGET_BYTES} (${kB(PRELOAD_BUDGET_BYTES)})${hasZod(preloadPath) ? ' (it contains zod)' : ''}: ` +
        'the preload may import only zod-free modules at run time (channel names from src/shared/contract/channel-names.ts; types with `import type`).',
    )
  }

  const entry = entryScript(rendererDir)
  const firstView = firstViewChunks(rendererDir, entry)
  const assets = join(rendererDir, 'assets')
  const all = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => posix.join('assets', name))
    .sort()
  for (const file of [...firstView, ...all.filter((f) => !firstView.includes(f))]) {
    const path = join(rendererDir, file)
    const role = file === entry ? 'renderer entry' : firstView.includes(file) ? 'renderer (static)' : 'renderer lazy'
    const zod = hasZod(path)
    lines.push(`${role.padEnd(16)} ${kB(statSync(path).size).padStart(10)}  ${path}${zod ? '  (contains zod)' : ''}`)
    if (zod) {
      failures.push(
        `${path} (${role}) contains zod (found "${ZOD_MARKER}"): the renderer never parses, so import from zod-free modules ` +
          '(src/shared/cells.ts, src/shared/contract/csv-encodings.ts, …) and use `import type` for the contract.',
      )
    }
  }
  return { lines, failures }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { lines, failures } = checkBundles(process.argv[2] ?? 'out')
  for (const line of lines) console.log(line)
  if (failures.length > 0) {
    for (const failure of failures) console.error(`check:bundles: ${failure}`)
    process.exit(1)
  }
  console.log('check:bundles: ok')
}
