import { join } from 'node:path'
import { app, BrowserWindow, shell, type IpcMainInvokeEvent } from 'electron'
import { createApi, type Api } from '../../api'
import { electronCipher } from './safe-storage-cipher'
import { prepareDataDir } from '../first-start'
import { isOwnPage } from './own-page'
import { bindIpc, sendEvent } from './ipc'

let window: BrowserWindow | null = null
let api: Api | null = null

const rendererUrl = (): string => process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`

function isAppFrame(event: IpcMainInvokeEvent): boolean {
  return !!window && event.sender === window.webContents && !!event.senderFrame && isOwnPage(event.senderFrame.url, rendererUrl())
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Rowboat',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternal(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, rendererUrl())) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  void win.loadURL(rendererUrl())
  return win
}

/** Only well-formed https links leave the app, and only to the system browser. */
function isSafeExternal(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname.length > 0 && !parsed.username && !parsed.password
  } catch {
    return false
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })

  void app.whenReady().then(async () => {
    // ROWBOAT_DATA_DIR lets tests (and people with several profiles) use another folder.
    const dataDir = process.env.ROWBOAT_DATA_DIR || app.getPath('userData')
    api = createApi({
      baseDir: process.cwd(),
      dataDir,
      cipher: electronCipher,
      host: { kind: 'electron', exportDir: app.getPath('downloads'), uploads: false },
      // Built beside this entry (electron.vite.config.ts).
      csvWorker: join(__dirname, 'csv-worker.js'),
    })
    api.engine.log.info({ host: 'electron', version: app.getVersion(), dataDir }, 'Rowboat started')
    // A packaged app has no terminal: what the first start has to say goes to the log.
    for (const line of (await prepareDataDir(api, dataDir)).messages) api.engine.log.info(line)
    api.engine.emit = (event, payload) => {
      if (window) sendEvent(window.webContents, event, payload)
    }
    bindIpc(api.router, isAppFrame)
    window = createWindow()
  })

  app.on('window-all-closed', () => app.quit())

  // Close every database session cleanly before the process goes.
  let closing = false
  app.on('before-quit', (event) => {
    if (closing || !api) return
    closing = true
    event.preventDefault()
    // The log is closed last, so what it still buffers reaches the file before the process goes.
    const { engine, log } = api
    void engine.shutdown().finally(() => log.close().finally(() => app.quit()))
  })
}
