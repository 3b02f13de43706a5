import { useId } from 'react'
import { Field } from '../../components/Field'
import { ColourPicker } from './ColourPicker'

export interface SaveSettings {
  name: string
  color: string | null
  readOnly: boolean
  rememberPassword: boolean
}

export interface SaveOptionsProps {
  settings: SaveSettings
  onChange: (settings: SaveSettings) => void
  nameError?: string | null
  /** Servers only: SQLite has no password. */
  showRemember: boolean
  /** From connections.list: how a remembered password is protected here. */
  passwordProtection: string
}

/** What is stored with a saved connection besides its connection string. */
export function SaveOptions({ settings, onChange, nameError, showRemember, passwordProtection }: SaveOptionsProps) {
  const rememberHelpId = useId()
  const readOnlyHelpId = useId()
  const set = (patch: Partial<SaveSettings>) => onChange({ ...settings, ...patch })
  return (
    <fieldset className="conn-save">
      <legend>Save as</legend>
      <div className="conn-save-row">
        <div className="grow">
          <Field label="Name" error={nameError}>
            <input
              type="text"
              maxLength={100}
              placeholder="e.g. Blog (production)"
              value={settings.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
        </div>
        <ColourPicker value={settings.color} onChange={(color) => set({ color })} />
      </div>
      <div className="conn-checks">
        <label className="check">
          <input
            type="checkbox"
            checked={settings.readOnly}
            aria-describedby={readOnlyHelpId}
            onChange={(e) => set({ readOnly: e.target.checked })}
          />
          Read-only
        </label>
        <span id={readOnlyHelpId} className="field-help">
          Sessions opened from it refuse every change and migration.
        </span>
        {showRemember && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.rememberPassword}
                aria-describedby={rememberHelpId}
                onChange={(e) => set({ rememberPassword: e.target.checked })}
              />
              Remember password
            </label>
            <span id={rememberHelpId} className="field-help">
              {passwordProtection || 'A remembered password is stored encrypted.'} Unticked, the password is kept in memory only, until
              Rowboat quits.
            </span>
          </>
        )}
      </div>
    </fieldset>
  )
}
