import { useEffect, useId, useRef, type ReactNode } from 'react'

export interface DialogProps {
  title: ReactNode
  open: boolean
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  /** For tests and screen readers: what this dialog is. */
  label?: string
  wide?: boolean
}

/** A modal on the native <dialog>: focus is trapped and Esc closes it, as browsers do. */
export function Dialog({ title, open, onClose, children, footer, label, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-label={label}
      style={wide ? { maxWidth: 'min(1100px, 95vw)' } : undefined}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  )
}
