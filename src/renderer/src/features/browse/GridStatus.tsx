import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'
import type { GridData } from '../../stores/browser'
import { formatCount } from './TableSidebar'
import { plural } from '../../text/plural'

/** Over the grid: the first page loading, or why there are no rows. */
export function GridOverlay({ grid, empty }: { grid: GridData | null; empty: boolean }) {
  if (grid && !grid.loaded) {
    return (
      <div className="grid-overlay">
        <Spinner label="Loading rows" /> Loading rows…
      </div>
    )
  }
  if (!grid?.loaded || grid.error != null || !empty) return null
  const filtered = grid.query.filters.length > 0 || grid.query.search
  return <div className="grid-overlay muted">{filtered ? 'No rows match the filters.' : 'This table has no rows yet.'}</div>
}

/** The rows in view, 1-based, of how many the grid spans (without new rows). */
export interface Shown {
  first: number
  last: number
  of: number
}

/**
 * Under the grid: how many rows are loaded of how many (the estimate at once, "≈", then the exact
 * count), a failed page with Try again, and the last commit.
 */
export function GridStatus({
  grid,
  shown,
  committed,
  onRetry,
}: {
  grid: GridData | null
  shown: Shown | null
  committed: number | null
  onRetry(): void
}) {
  const total = grid?.total
  return (
    <>
      {grid?.error != null && (
        <div className="row grid-error">
          <ErrorNote error={grid.error} title="Could not load the rows" />
          <Button small onClick={onRetry}>
            Try again
          </Button>
        </div>
      )}
      <div className="grid-status">
        <span role="status">
          {grid?.loaded ? `Showing ${grid.rows.length.toLocaleString()}` : 'Loading'}
          {total ? ` of ${formatCount(total, false)} rows` : ' rows'}
          {grid?.counting && (
            <>
              {' '}
              <Spinner label="Counting rows" /> counting…
            </>
          )}
          {grid?.loading && grid.loaded && ' · loading more…'}
        </span>
        {grid?.loaded && shown && shown.first >= 1 && shown.last >= shown.first && (
          <span className="grid-position">
            rows {shown.first.toLocaleString()}–{shown.last.toLocaleString()} of {total?.exact || grid.atEnd ? '' : '≈'}
            {shown.of.toLocaleString()}
          </span>
        )}
        {committed !== null && (
          <span className="grid-committed" role="status">
            Committed {plural(committed, 'change')}.
          </span>
        )}
      </div>
    </>
  )
}
