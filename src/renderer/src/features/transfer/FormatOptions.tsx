import { useId } from 'react'
import type { ImportInspection } from '../../../../shared/contract'
import { CSV_ENCODINGS, type CsvEncoding } from '../../../../shared/contract/csv-encodings'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import type { CsvOverrides } from '../../stores/transfer'
import { DELIMITERS, ENCODING_LABELS, QUOTES, delimiterLabel, quoteLabel } from './transfer-format'

export interface FormatOptionsProps {
  inspection: ImportInspection
  overrides: CsvOverrides
  /** The source reached the engine as text: its encoding was settled before. */
  decoded: boolean
  disabled: boolean
  onChange(overrides: CsvOverrides): void
}

/** What detection found, each choice open to override (every change inspects the source again). */
export function FormatOptions({ inspection, overrides, decoded, disabled, onChange }: FormatOptionsProps) {
  const id = useId()
  const { format, detected } = inspection
  const delimiters = DELIMITERS.some((d) => d.value === format.delimiter)
    ? DELIMITERS
    : [...DELIMITERS, { value: format.delimiter, label: delimiterLabel(format.delimiter) }]
  const quotes = QUOTES.some((q) => q.value === format.quote)
    ? QUOTES
    : [...QUOTES, { value: format.quote, label: quoteLabel(format.quote) }]
  const overridden = Object.values(overrides).some((v) => v !== undefined)

  return (
    <fieldset className="transfer-fieldset" disabled={disabled}>
      <legend>Format</legend>
      <div className="transfer-format-grid">
        <Field label="Delimiter" help={`Detected: ${delimiterLabel(detected.delimiter)}`}>
          <select value={format.delimiter} onChange={(event) => onChange({ ...overrides, delimiter: event.target.value })}>
            {delimiters.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Quote character" help={`Detected: ${quoteLabel(detected.quote)}`}>
          <select value={format.quote} onChange={(event) => onChange({ ...overrides, quote: event.target.value })}>
            {quotes.map((q) => (
              <option key={q.value} value={q.value}>
                {q.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Encoding" help={decoded ? 'Text is read as it was decoded' : `Detected: ${ENCODING_LABELS[detected.encoding]}`}>
          <select
            value={format.encoding}
            disabled={decoded}
            onChange={(event) => onChange({ ...overrides, encoding: event.target.value as CsvEncoding })}
          >
            {CSV_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {ENCODING_LABELS[encoding]}
              </option>
            ))}
          </select>
        </Field>
        <div className="field">
          <label className="transfer-check">
            <input
              type="checkbox"
              checked={format.header}
              aria-describedby={`${id}-header`}
              onChange={(event) => onChange({ ...overrides, header: event.target.checked })}
            />
            First row holds column names
          </label>
          <span id={`${id}-header`} className="field-help">
            Detected: {detected.header ? 'a header row' : 'no header row'}
          </span>
        </div>
      </div>
      {overridden && (
        <Button small variant="ghost" onClick={() => onChange({})}>
          Use the detected format
        </Button>
      )}
    </fieldset>
  )
}
