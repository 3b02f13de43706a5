import { join } from 'node:path'
import { app, BrowserWindow, dialog, session, shell, type IpcMainInvokeEvent } from 'electron'
import { createApi, type Api } from '../../api'
import { electronCipher } from './safe-storage-cipher'
import { prepareDataDir } from '../first-start'
import { isOwnPage } from './own-page'
import { bindIpc, sendEvent } from './ipc'
import { dialogFilePicker } from '../dialog-picker'
import { bundledFiles } from '../bundled-files'
import { grantsPermission, isSafeExternal, mayNavigate, rendererUrlFor, sqliteBaseDir } from './window-policy'

let window: BrowserWindow | null = null
let api: Api | null = null

// The dev server only in a development build (window-policy.ts): a packaged app ignores the variable.
const RENDERER_URL = rendererUrlFor({
  packaged: app.isPackaged,
  devBuild: import.meta.env.DEV,
  envUrl: process.env.ELECTRON_RENDERER_URL,
  bundledFile: join(__dirname, '../renderer/index.html'),
})
const rendererUrl = (): string => RENDERER_URL

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
  // Navigation, server redirects and frame navigation all stay on the app's own page.
  win.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, rendererUrl())) event.preventDefault()
  })
  win.webContents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, rendererUrl())) event.preventDefault()
  })
  win.webContents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url, rendererUrl())) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  void win.loadURL(rendererUrl())
  return win
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })

  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Nothing else would say why the window never came: tell the user, log it, and quit.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      api?.engine.log.error({ err: error instanceof Error ? error : new Error(message) }, 'Rowboat could not start')
      console.error(`Rowboat could not start: ${message}`)
      dialog.showErrorBox('Rowboat could not start', error instanceof Error ? error.message : message)
      app.exit(1)
    })

  async function start(): Promise<void> {
    // No web permission is ever granted, asked or checked (camera, notifications, …).
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(grantsPermission(permission)))
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => grantsPermission(permission))
    // ROWBOAT_DATA_DIR lets tests (and people with several profiles) use another folder.
    const dataDir = process.env.ROWBOAT_DATA_DIR || app.getPath('userData')
    const downloads = app.getPath('downloads')
    api = createApi({
      // A packaged app's working directory is / or its install folder: never resolve against it.
      baseDir: sqliteBaseDir({ packaged: app.isPackaged, cwd: process.cwd(), dataDir }),
      dataDir,
      cipher: electronCipher,
      host: { kind: 'electron', exportDir: downloads, uploads: false },
      // Files cross only as grants from the native Open/Save dialogs (dialog-picker.ts).
      picker: (grants) =>
        dialogFilePicker(
          grants,
          {
            open: (options) =>
              window
                ? dialog.showOpenDialog(window, { ...options, properties: ['openFile'] })
                : dialog.showOpenDialog({ ...options, properties: ['openFile'] }),
            openFolder: (options) =>
              window
                ? dialog.showOpenDialog(window, { ...options, properties: ['openDirectory'] })
                : dialog.showOpenDialog({ ...options, properties: ['openDirectory'] }),
            save: (options) =>
              window
                ? dialog.showSaveDialog(window, { ...options, properties: ['showOverwriteConfirmation', 'createDirectory'] })
                : dialog.showSaveDialog({ ...options, properties: ['showOverwriteConfirmation', 'createDirectory'] }),
          },
          downloads,
        ),
      ...bundledFiles(__dirname),
    })
    api.engine.log.info({ host: 'electron', version: app.getVersion(), dataDir }, 'Rowboat started')
    // A packaged app has no terminal: what the first start has to say goes to the log.
    for (const line of (await prepareDataDir(api, dataDir)).messages) api.engine.log.info(line)
    api.engine.emit = (event, payload) => {
      if (window) sendEvent(window.webContents, event, payload)
    }
    bindIpc(api.router, isAppFrame)
    window = createWindow()
  }

  app.on('window-all-closed', () => app.quit())

  // Close every database session cleanly before the process goes.
  let closing = false
  app.on('before-quit', (event) => {
    if (closing || !api) return
    closing = true
    event.preventDefault()
    // The log is closed last, so what it still buffers reaches the file before the process goes.
    const { engine, log, files } = api
    // Ends every file grant (files from the Open dialog are the user's own and are left alone).
    files.releaseAll()
    void engine.shutdown().finally(() => log.close().finally(() => app.quit()))
  })
}
