import { AppError } from '../../../shared/errors'

/** Turns anything thrown into words for a person: an AppError's message and hint, never a stack. */
export function describeError(error: unknown): { message: string; hint?: string; code: string; errorId?: string } {
  if (error instanceof AppError) return { message: error.message, hint: error.hint, code: error.code, errorId: error.errorId }
  return { message: 'Something unexpected went wrong.', hint: 'Try again; if it keeps happening, the log has details.', code: 'INTERNAL' }
}

export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const { message, hint, code, errorId } = describeError(error)
  return (
    <div className="note note-error" role="alert" data-error-code={code} data-error-id={errorId}>
      {title && <div className="note-title">{title}</div>}
      <div>{message}</div>
      {hint && <div className="note-hint">{hint}</div>}
      {/* The id names the log entry with the full error: selectable, so it can be pasted into a report. */}
      {errorId && (
        <div className="note-hint">
          Error id <code className="note-error-id">{errorId}</code>
        </div>
      )}
    </div>
  )
}
