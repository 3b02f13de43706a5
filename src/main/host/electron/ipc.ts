import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { channelNames, type EventMap, type EventName } from '../../../shared/contract'
import type { Router } from '../../api/router'

/** The IPC channel that carries main → renderer events. */
export const EVENT_CHANNEL = 'rowboat:event'

/**
 * The only file that touches ipcMain: one handler per contract channel, each refusing callers
 * that are not the app's own page (docs/architecture.md, "Hosts").
 */
export function bindIpc(router: Router, isAppFrame: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isAppFrame(event)) {
        return { ok: false, error: { code: 'PERMISSION_DENIED', message: 'This caller may not use the Rowboat API.' } }
      }
      return router.invoke(channel, input)
    })
  }
  return () => channelNames.forEach((channel) => ipcMain.removeHandler(channel))
}

export function sendEvent<E extends EventName>(target: WebContents, event: E, payload: EventMap[E]): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event, payload)
}
