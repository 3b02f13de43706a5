import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import { layers } from './layers.mjs'

// Lints one line as if it stood in a file of that folder, with the layer rules alone (no type
// information needed), and answers the rules it broke.
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...layers],
})

async function brokenRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

const forbidden: Array<[string, string]> = [
  ['src/main/engine/records/read.ts', "import { app } from 'electron'"],
  ['src/main/engine/records/read.ts', "import { createApi } from '../../api'"],
  ['src/main/engine/connection/connect.ts', "import { startHttpHost } from '../../host/browser/server'"],
  ['src/main/store/secrets.ts', "import { electronCipher } from '../host/electron/safe-storage-cipher'"],
  ['src/main/api/handlers/records.ts', "import { ipcMain } from 'electron'"],
  ['src/main/api/router.ts', "import { prepareDataDir } from '../host/first-start'"],
  ['src/main/host/browser/server.ts', "import { shell } from 'electron'"],
  ['src/main/host/first-start.ts', "import { app } from 'electron'"],
  ['src/shared/values.ts', "import { readFileSync } from 'node:fs'"],
  ['src/shared/values.ts', "import { Sequelize } from 'sequelize'"],
  ['src/shared/errors.ts', "import { Engine } from '../main/engine/engine'"],
  ['src/shared/errors.ts', 'export const here = window.location.href'],
  ['src/renderer/src/api.ts', "import { Engine } from '../../main/engine/engine'"],
  ['src/renderer/src/api.ts', "import { ipcRenderer } from 'electron'"],
  ['src/renderer/src/features/browse/DataGrid.tsx', "import { Sequelize } from 'sequelize'"],
  ['src/preload/index.ts', "import { z } from 'zod'"],
  ['tests/integration/harness.ts', "import { app } from 'electron'"],
]

const allowed: Array<[string, string]> = [
  ['src/main/host/electron/main.ts', "import { app } from 'electron'"],
  ['src/preload/index.ts', "import { contextBridge } from 'electron'"],
  ['src/main/engine/records/read.ts', "import { Sequelize } from 'sequelize'"],
  ['src/main/engine/records/read.ts', "import { AppError } from '../../../shared/errors'"],
  ['src/main/api/handlers/records.ts', "import { readPage } from '../../engine/records/read'"],
  ['src/main/host/browser/serve.ts', "import { createApi } from '../../api'"],
  ['src/renderer/src/api.ts', "import type { RowboatApi } from '../../shared/contract'"],
]

describe(`the layer rules (${forbidden.length} forbidden imports, ${allowed.length} allowed)`, () => {
  it.each(forbidden)('%s may not: %s', async (file, code) => {
    const rules = await brokenRules(file, code)
    expect(rules.length).toBe(1)
    expect(rules[0]).toMatch(/^no-restricted-(imports|globals)$/)
  })

  it.each(allowed)('%s may: %s', async (file, code) => {
    expect(await brokenRules(file, code)).toEqual([])
  })
})
