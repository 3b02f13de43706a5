import { useId } from 'react'

/** A few presets are enough to tell production from development at a glance. */
export const COLOUR_PRESETS: { value: string | null; name: string }[] = [
  { value: null, name: 'No colour' },
  { value: '#1e6fd9', name: 'Blue' },
  { value: '#1f8a4c', name: 'Green' },
  { value: '#d97706', name: 'Orange' },
  { value: '#c93030', name: 'Red' },
  { value: '#7c3aed', name: 'Purple' },
]

/** Native radio buttons (arrow keys move between them), drawn as swatches. */
export function ColourPicker({ value, onChange }: { value: string | null; onChange: (colour: string | null) => void }) {
  const name = useId()
  const known = COLOUR_PRESETS.some((preset) => preset.value === value)
  const presets = known || value === null ? COLOUR_PRESETS : [...COLOUR_PRESETS, { value, name: `Current colour ${value}` }]
  return (
    <fieldset className="colour-picker">
      <legend>Colour</legend>
      <div className="colour-swatches">
        {presets.map((preset) => (
          <label key={preset.name} className="colour-swatch" title={preset.name}>
            <input
              type="radio"
              name={name}
              aria-label={preset.name}
              checked={preset.value === value}
              onChange={() => onChange(preset.value)}
            />
            <span
              className="colour-dot"
              data-none={preset.value === null || undefined}
              style={preset.value ? { background: preset.value } : undefined}
              aria-hidden
            />
          </label>
        ))}
      </div>
    </fieldset>
  )
}
