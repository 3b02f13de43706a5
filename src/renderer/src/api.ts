/**
 * The renderer's one API client. Components call `api.call(channel, input)`; this file picks the
 * transport: Electron's preload (`window.rowboat`) when present, else the browser host over HTTP
 * with the per-launch token. Failures come back as a typed AppError.
 */
import type { ChannelName, EventMap, EventName, InputOf, OutputOf, RowboatApi } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { Result } from '../../shared/result'

interface RowboatEvents {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}

declare global {
  interface Window {
    rowboat?: RowboatApi
    rowboatEvents?: RowboatEvents
  }
}

const TOKEN_KEY = 'rowboat.token'

/** Takes `#token=…` from the address once, keeps it for this tab, and removes it from view. */
export function browserToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]))
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

async function overHttp(channel: string, input: unknown): Promise<Result<unknown>> {
  const token = browserToken()
  if (!token) {
    return {
      ok: false,
      error: {
        code: 'PERMISSION_DENIED',
        message: 'This page has no Rowboat token.',
        hint: 'Open the address Rowboat printed when it started (it ends in #token=…).',
      },
    }
  }
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    })
    if (response.status === 403) {
      return {
        ok: false,
        error: {
          code: 'PERMISSION_DENIED',
          message: 'Rowboat refused this page’s token.',
          hint: 'Rowboat was restarted: open the new address it printed.',
        },
      }
    }
    return (await response.json()) as Result<unknown>
  } catch {
    return {
      ok: false,
      error: {
        code: 'CONNECTION_LOST',
        message: 'Rowboat is not answering.',
        hint: 'Is the Rowboat process still running? Start it again with npm start.',
      },
    }
  }
}

export async function call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = window.rowboat
    ? ((await window.rowboat[channel](input)) as Result<OutputOf<C>>)
    : ((await overHttp(channel, input)) as Result<OutputOf<C>>)
  if (!result.ok) throw new AppError(result.error)
  return result.value
}

export const api = { call }

/** Browser host only: fetches a finished export (by its file name in the export folder) and saves it. */
export async function downloadExport(name: string): Promise<void> {
  const token = browserToken()
  if (!token) throw new AppError({ code: 'PERMISSION_DENIED', message: 'This page has no Rowboat token.' })
  const response = await fetch(`/api/exports/${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new AppError({ code: 'NOT_FOUND', message: `The export ${name} is not there any more.`, hint: 'Export again.' })
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
