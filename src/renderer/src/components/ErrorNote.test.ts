import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { describeError, ErrorNote } from './ErrorNote'

describe('ErrorNote', () => {
  const internal = new AppError({
    code: 'INTERNAL',
    message: 'Something went wrong inside Rowboat (error 3f9a0c1b). The log at /data/logs/rowboat.log has the details.',
    errorId: '3f9a0c1b',
  })

  it('shows the id of an INTERNAL error on a line of its own, so the user can quote it', () => {
    expect(describeError(internal).errorId).toBe('3f9a0c1b')
    const html = renderToStaticMarkup(createElement(ErrorNote, { error: internal }))
    expect(html).toContain('data-error-id="3f9a0c1b"')
    expect(html).toContain('Error id <code class="note-error-id">3f9a0c1b</code>')
  })

  it('shows no id line for an error without one', () => {
    const html = renderToStaticMarkup(createElement(ErrorNote, { error: new AppError({ code: 'TIMEOUT', message: 'Too slow.' }) }))
    expect(html).not.toContain('Error id')
    expect(html).not.toContain('data-error-id')
  })
})
