import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkBundles, PRELOAD_BUDGET_BYTES, ZOD_MARKER } from '../../scripts/check-bundles.mjs'

/** A built out/ folder in miniature: the preload, index.html loading `entry`, and the renderer's chunks. */
function writeBuild(out: string, { preload, chunks }: { preload: string; chunks: Record<string, string> }) {
  mkdirSync(join(out, 'preload'), { recursive: true })
  mkdirSync(join(out, 'renderer', 'assets'), { recursive: true })
  writeFileSync(join(out, 'preload', 'index.js'), preload)
  writeFileSync(join(out, 'renderer', 'index.html'), '<script type="module" crossorigin src="./assets/index-a1.js"></script>')
  for (const [name, code] of Object.entries(chunks)) writeFileSync(join(out, 'renderer', 'assets', name), code)
}

const lean = {
  preload: 'require("electron").contextBridge.exposeInMainWorld("rowboat",{})',
  chunks: {
    'index-a1.js': 'import{a as b}from"./vendor-b2.js";const l=()=>import("./TransferPanel-c3.js");',
    'vendor-b2.js': 'export const a=1',
    'TransferPanel-c3.js': 'import{a}from"./index-a1.js";export const T=a',
  },
}

describe('check-bundles', () => {
  let out: string
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'rowboat-bundles-'))
  })
  afterEach(() => rmSync(out, { recursive: true, force: true }))

  it('passes a lean build and lists the preload, the first-view chunks and the lazy ones with their sizes', () => {
    writeBuild(out, lean)
    const { lines, failures } = checkBundles(out)
    expect(failures).toEqual([])
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^preload +0\.07 kB +.*index\.js$/)
    expect(lines[1]).toMatch(/^renderer entry +0\.\d\d kB +.*index-a1\.js$/)
    expect(lines[2]).toMatch(/^renderer \(static\) .*vendor-b2\.js$/)
    expect(lines[3]).toMatch(/^renderer lazy .*TransferPanel-c3\.js$/)
  })

  it('fails when the preload is over its budget', () => {
    writeBuild(out, { ...lean, preload: 'x'.repeat(PRELOAD_BUDGET_BYTES + 1) })
    const { failures } = checkBundles(out)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/preload.index\.js is 10001 bytes, over its budget of 10000 \(10\.00 kB\)/)
  })

  it('fails when zod is in the entry chunk or in a chunk it imports statically, and names the chunk', () => {
    writeBuild(out, { ...lean, chunks: { ...lean.chunks, 'vendor-b2.js': `export const a=$c("${ZOD_MARKER}")` } })
    const { failures } = checkBundles(out)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/vendor-b2\.js \(renderer \(static\)\) contains zod/)
  })

  it('fails when zod is in a lazy chunk too: the renderer never parses', () => {
    writeBuild(out, { ...lean, chunks: { ...lean.chunks, 'TransferPanel-c3.js': `$c("${ZOD_MARKER}")` } })
    expect(checkBundles(out).failures[0]).toMatch(/TransferPanel-c3\.js \(renderer lazy\) contains zod/)
  })

  it('says to build first when there is no build', () => {
    expect(checkBundles(join(out, 'nothing')).failures[0]).toMatch(/is missing: run `npm run build` first/)
  })

  it('looks for a marker the installed zod really has', () => {
    const zodDir = dirname(createRequire(import.meta.url).resolve('zod/package.json'))
    expect(readFileSync(join(zodDir, 'v4', 'core', 'schemas.js'), 'utf8')).toContain(`"${ZOD_MARKER}"`)
  })
})
