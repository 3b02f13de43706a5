import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import { Button } from './Button'

export interface MenuChoice {
  key: string
  label: string
  onChoose(): void
}

/** For work a choice starts that ends later (a copy): its owner puts focus back on the menu's button. */
export interface MenuButtonHandle {
  focusButton(): void
}

export interface MenuButtonProps {
  /** The button's text ("Copy as ▾"). */
  label: string
  title: string
  disabled: boolean
  /** Names the open list, so a screen reader says what its choices are for. */
  listLabel: string
  choices: readonly MenuChoice[]
  ref?: Ref<MenuButtonHandle>
}

/** A toolbar button that drops down a list of choices; a choice, Escape or a click elsewhere closes it. */
export function MenuButton({ label, title, disabled, listLabel, choices, ref }: MenuButtonProps) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const focusButton = () => root.current?.querySelector('button')?.focus()
  useImperativeHandle(ref, () => ({ focusButton }))

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  return (
    <div
      className="menu"
      ref={root}
      onKeyDown={(event) => {
        // One Escape closes one thing: the open menu, not also whatever holds it.
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          setOpen(false)
          focusButton()
        }
      }}
    >
      <Button small aria-expanded={open} aria-haspopup="true" disabled={disabled} onClick={() => setOpen(!open)} title={title}>
        {label}
      </Button>
      {open && (
        <ul className="menu-list" aria-label={listLabel}>
          {choices.map((choice, index) => (
            <li key={choice.key}>
              <Button
                small
                variant="ghost"
                autoFocus={index === 0}
                onClick={() => {
                  setOpen(false)
                  choice.onChoose()
                }}
              >
                {choice.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
