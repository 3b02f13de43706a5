import { useId } from 'react'
import type { ColumnMapping, DuplicateMode, ImportInspection, UniqueKey } from '../../../../shared/contract'
import { Field } from '../../components/Field'
import type { ImportDraft } from '../../stores/transfer'

const DUPLICATE_CHOICES: Array<{ mode: DuplicateMode; label: string; help: string }> = [
  { mode: 'skip', label: 'Insert only', help: 'skip rows already there' },
  { mode: 'update', label: 'Upsert', help: 'update rows already there' },
  { mode: 'fail', label: 'Fail on a duplicate', help: 'stop at the first one' },
]

/** By its columns: keys are listed once per column set, and index names are often generated noise. */
export const keyLabel = (key: UniqueKey): string => `${key.columns.join(', ')} (${key.primary ? 'primary key' : 'unique index'})`

export interface ImportOptionsProps {
  draft: ImportDraft
  inspection: ImportInspection
  mapping: ColumnMapping
  disabled: boolean
  onChange(change: Partial<ImportDraft>): void
}

/** How existing rows are recognised and treated, what happens to bad rows, and all-or-nothing. */
export function ImportOptions({ draft, inspection, mapping, disabled, onChange }: ImportOptionsProps) {
  const id = useId()
  const keys = inspection.uniqueKeys
  const key = keys.find((k) => k.name === draft.keyName) ?? null
  const hint = keyHint(key, inspection, mapping, draft.onDuplicate)
  return (
    <>
      <fieldset className="transfer-fieldset" disabled={disabled}>
        <legend>Rows already in the table</legend>
        {keys.length > 0 ? (
          <Field label="Recognise a row by">
            <select value={draft.keyName ?? ''} onChange={(event) => onChange({ keyName: event.target.value })}>
              {keys.map((k) => (
                <option key={k.name} value={k.name}>
                  {keyLabel(k)}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <p className="muted">This table has no primary key or unique index: every row is inserted as a new one.</p>
        )}
        <div role="radiogroup" aria-label="When a row is already there" className="transfer-radios">
          {DUPLICATE_CHOICES.map((choice) => (
            <label key={choice.mode}>
              <input
                type="radio"
                name={`${id}-dup`}
                checked={draft.onDuplicate === choice.mode}
                onChange={() => onChange({ onDuplicate: choice.mode })}
              />
              <span>
                <strong>{choice.label}</strong> <span className="muted">— {choice.help}</span>
              </span>
            </label>
          ))}
        </div>
        {hint && <p className={`transfer-hint ${hint.warn ? 'note note-warning' : 'muted'}`}>{hint.text}</p>}
      </fieldset>
      <fieldset className="transfer-fieldset" disabled={disabled}>
        <legend>Bad rows</legend>
        <div role="radiogroup" aria-label="When a row is bad" className="transfer-radios">
          <label>
            <input
              type="radio"
              name={`${id}-bad`}
              checked={draft.onInvalid === 'abort'}
              onChange={() => onChange({ onInvalid: 'abort' })}
            />
            <span>
              <strong>Stop</strong> <span className="muted">— at the first bad row (the rest is still checked)</span>
            </span>
          </label>
          <label>
            <input type="radio" name={`${id}-bad`} checked={draft.onInvalid === 'skip'} onChange={() => onChange({ onInvalid: 'skip' })} />
            <span>
              <strong>Skip bad rows</strong> <span className="muted">— import the good ones</span>
            </span>
          </label>
        </div>
        <label className="transfer-check">
          <input
            type="checkbox"
            checked={draft.atomic}
            aria-describedby={`${id}-atomic`}
            onChange={(event) => onChange({ atomic: event.target.checked })}
          />
          All or nothing
        </label>
        <span id={`${id}-atomic`} className="field-help">
          {draft.atomic
            ? 'One transaction: if it stops, nothing is written.'
            : 'Batches commit as they go: if it stops, what was written stays.'}
        </span>
      </fieldset>
    </>
  )
}

/** What the chosen key means for this mapping, in words. */
function keyHint(
  key: UniqueKey | null,
  inspection: ImportInspection,
  mapping: ColumnMapping,
  mode: DuplicateMode,
): { text: string; warn?: boolean } | null {
  if (!key) return null
  const mapped = new Set(mapping.filter((m): m is string => m !== null))
  const missing = key.columns.filter((c) => !mapped.has(c))
  if (missing.length === 0) return null
  const generated = missing.every((name) => inspection.targetColumns.find((c) => c.name === name)?.autoIncrement)
  const names = missing.join(', ')
  if (generated)
    return {
      text: `${names} is not in the file: the database numbers each row, so every row is new.${inspection.uniqueKeys.length > 1 ? ' Choose another key to match existing rows.' : ''}`,
    }
  if (mode === 'fail')
    return { text: `${names} is not in the file, so rows cannot be matched: every row is inserted, and the database refuses clashes.` }
  return {
    text: `${names} is not in the file, so existing rows cannot be recognised. Map it, choose another key, or choose "Fail on a duplicate".`,
    warn: true,
  }
}
