import { Component, lazy, Suspense, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { ErrorNote } from '../../components/ErrorNote'
import { Spinner } from '../../components/Spinner'

/**
 * The screens that are not on the first view load on demand, each as its own chunk, so starting
 * the app parses none of their code. `preload` starts a download as soon as the pointer or the
 * keyboard reaches the button that opens the screen, so a click rarely sees the fallback.
 */
const loadTransfer = () => import('../transfer/TransferPanel')
const loadMigrations = () => import('../migrations/MigrationsPanel')
// The console brings CodeMirror (a few hundred kB): never part of the first view.
const loadQuery = () => import('../query/QueryPanel')

export const TransferPanel = lazy(() => loadTransfer().then((m) => ({ default: m.TransferPanel })))
export const MigrationsPanel = lazy(() => loadMigrations().then((m) => ({ default: m.MigrationsPanel })))
export const QueryPanel = lazy(() => loadQuery().then((m) => ({ default: m.QueryPanel })))

// A failed preload is not reported here: the render that needs the chunk loads it again and shows the failure.
export const preloadTransfer = () => void loadTransfer().catch(() => undefined)
export const preloadMigrations = () => void loadMigrations().catch(() => undefined)
export const preloadQuery = () => void loadQuery().catch(() => undefined)

/** Shows `children` once their chunk has loaded: a spinner until then, an error note if it cannot load. */
export function LazyPanel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense
        fallback={
          <div style={{ padding: 24 }}>
            <Spinner label={`Loading ${label}…`} />
          </div>
        }
      >
        {children}
      </Suspense>
    </ChunkBoundary>
  )
}

/**
 * Without it, a chunk that cannot load (the browser host rebuilt and restarted behind an open page)
 * would unmount the whole app. Leaving the screen unmounts the boundary, which clears the error.
 */
class ChunkBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null }

  static getDerivedStateFromError(error: unknown) {
    return { error }
  }

  override render() {
    if (this.state.error === null) return this.props.children
    return (
      <div style={{ padding: 24 }}>
        <ErrorNote error={this.state.error} title="Rowboat could not load this screen" />
        <Button onClick={() => window.location.reload()}>Reload the window</Button>
      </div>
    )
  }
}
