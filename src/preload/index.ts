import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { EventMap, EventName } from '../shared/contract'
import { buildApi } from './build-api'

// Mirrors EVENT_CHANNEL in src/main/host/electron/ipc.ts (the preload may not import main-process code).
const EVENT_CHANNEL = 'rowboat:event'

export interface RowboatEvents {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}

const events: RowboatEvents = {
  on(event, listener) {
    const wrapped = (_sender: IpcRendererEvent, name: string, payload: unknown) => {
      // The main process sends each event with its own payload type (src/main/host/electron/ipc.ts sendEvent).
      if (name === event) listener(payload as EventMap[typeof event])
    }
    ipcRenderer.on(EVENT_CHANNEL, wrapped)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped)
  },
}

contextBridge.exposeInMainWorld(
  'rowboat',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input)),
)
contextBridge.exposeInMainWorld('rowboatEvents', events)
