import type { TransferProgress } from '../../stores/transfer'
import { Button } from '../../components/Button'
import { progressDetail } from './transfer-format'

export interface JobProgressProps {
  /** What runs, for the bar's name: "Import progress". */
  label: string
  progress: TransferProgress | undefined
  cancelling: boolean
  cancelLabel: string
  onCancel(): void
}

/**
 * A running job: a bar (indeterminate until the total is known), rows, percent, speed and time left,
 * and Cancel. The announcement lives with the caller's status region; this detail is not live, since
 * it changes four times a second.
 */
export function JobProgress({ label, progress, cancelling, cancelLabel, onCancel }: JobProgressProps) {
  const percent = progress?.percent ?? null
  return (
    <div className="transfer-progress">
      <progress max={100} {...(percent !== null ? { value: percent } : {})} aria-label={label} />
      <div className="row">
        <span className="grow muted transfer-progress-detail">{progress ? progressDetail(progress) : 'Starting…'}</span>
        <Button small variant="danger" onClick={onCancel} disabled={cancelling}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  )
}
