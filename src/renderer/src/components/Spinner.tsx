export function Spinner({ label = 'Working…' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />
}
