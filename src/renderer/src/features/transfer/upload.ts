/**
 * Browser host: sends a chosen file up to the host (POST /api/upload) with upload progress.
 *
 * Why not fetch with a streamed body: Chromium sends streaming request bodies only over HTTP/2 or
 * QUIC, and against the host's plain HTTP/1.1 it fails at once (net::ERR_ALPN_NEGOTIATION_FAILED). An XMLHttpRequest with the File itself as the body is
 * streamed from disk by the browser (never read whole into the page) and reports its progress.
 */
import { AppError } from '../../../../shared/errors'
import type { PickedFile } from '../../../../shared/contract/files'
import type { Result } from '../../../../shared/result'
import { browserToken } from '../../api'

/** Answers a handle to the uploaded copy (the host never tells the page where it keeps it). */
export function sendFile(file: File, onProgress?: (sent: number) => void): Promise<PickedFile> {
  const token = browserToken()
  if (!token)
    return Promise.reject(
      new AppError({
        code: 'PERMISSION_DENIED',
        message: 'This page has no Rowboat token.',
        hint: 'Open the address Rowboat printed when it started (it ends in #token=…).',
      }),
    )
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`)
    request.setRequestHeader('authorization', `Bearer ${token}`)
    request.setRequestHeader('content-type', 'application/octet-stream')
    request.upload.onprogress = (event) => onProgress?.(event.loaded)
    request.onload = () => {
      if (request.status === 403) {
        reject(
          new AppError({
            code: 'PERMISSION_DENIED',
            message: 'Rowboat refused this page’s token.',
            hint: 'Rowboat was restarted: open the new address it printed.',
          }),
        )
        return
      }
      let result: Result<PickedFile>
      try {
        result = JSON.parse(request.responseText) as Result<PickedFile>
      } catch {
        reject(
          new AppError({
            code: 'INTERNAL',
            message: `The upload was answered with HTTP ${request.status}.`,
            hint: 'Try again; if it keeps happening, the log has details.',
          }),
        )
        return
      }
      if (result.ok) resolve(result.value)
      else reject(new AppError(result.error))
    }
    request.onerror = () =>
      reject(
        new AppError({
          code: 'CONNECTION_LOST',
          message: 'The upload did not reach Rowboat.',
          hint: 'Is the Rowboat process still running? Start it again with npm start.',
        }),
      )
    request.send(file)
  })
}
