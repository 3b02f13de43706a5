/**
 * The browser host: `npm run serve`. Serves the built renderer and the same API as the Electron
 * window over HTTP on 127.0.0.1, guarded by a fresh token per launch.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createApi } from '../../api'
import { defaultDataDir } from '../data-dir'
import { prepareDataDir } from '../first-start'
import { startHttpHost } from './server'
import { browserFilePicker } from './export-picker'
import { EXPORTS, UPLOADS } from '../data-folder'
import { bundledFiles } from '../bundled-files'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  })
  if (values.help) {
    console.log('Usage: npm run serve -- [--port N] [--data-dir PATH]')
    return
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Rowboat: --port must be a whole number from 0 to 65535 (got "${values.port}").`)
    process.exit(2)
  }
  const dataDir = values['data-dir'] ?? defaultDataDir()
  const uploadDir = join(dataDir, UPLOADS)
  const exportDir = join(dataDir, EXPORTS)
  const api = createApi({
    baseDir: process.cwd(),
    dataDir,
    host: { kind: 'browser', exportDir, uploads: true },
    // Exports go to files the server names in its exports folder; imports come only as uploads.
    picker: (grants) => browserFilePicker(grants, exportDir),
    ...bundledFiles(__dirname),
  })
  const firstStart = await prepareDataDir(api, dataDir)
  for (const line of firstStart.messages) {
    console.log(`Rowboat: ${line}`)
    api.engine.log.info(line)
  }

  const files = { uploadDir, exportDir, maxUploadBytes: 4 * 1024 ** 3, grants: api.files }
  const host = await startHttpHost({ router: api.router, staticDir: join(__dirname, '../renderer'), port, files })
  api.engine.emit = host.emit
  // The address carries the launch token: the terminal gets it, the log only the port.
  api.engine.log.info({ host: 'browser', port: new URL(host.url).port, dataDir }, 'Rowboat started')
  console.log(`Rowboat is running at ${host.url}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('Rowboat: closing database sessions…')
    await host.close()
    await api.engine.shutdown()
    // Ends every grant: the uploads still waiting for an import are deleted.
    api.files.releaseAll()
    api.engine.log.info('Rowboat stopped')
    await api.log.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(`Rowboat could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
