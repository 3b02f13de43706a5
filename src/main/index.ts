import { join } from 'node:path'
import { app, BrowserWindow, shell, type IpcMainInvokeEvent } from 'electron'
import { createApi } from './api'
import { bindIpc, sendEvent } from './ipc'

const api = createApi({ baseDir: app.getPath('userData') })
let window: BrowserWindow | null = null

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`
}

function isAppFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return !!window && event.sender === window.webContents && !!frame && frame.url.startsWith(new URL(rendererUrl()).origin === 'null' ? 'file://' : new URL(rendererUrl()).origin)
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Rowboat',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  })
  window.once('ready-to-show', () => window?.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl())) event.preventDefault()
  })
  void window.loadURL(rendererUrl())
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => window?.focus())
  void app.whenReady().then(() => {
    api.engine.emit = (event, payload) => {
      if (window) sendEvent(window.webContents, event, payload)
    }
    bindIpc(api.router, isAppFrame)
    createWindow()
  })
  app.on('window-all-closed', () => app.quit())
  let closing = false
  app.on('before-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void api.engine.shutdown().finally(() => app.quit())
  })
}
