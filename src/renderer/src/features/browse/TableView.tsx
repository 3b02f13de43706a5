// INITIAL VERSION: replaced whole by the browse feature.
export function TableView(_props: { sessionId: string; table: string; tab: 'data' | 'structure' }) {
  return <div style={{ padding: 24 }} className="muted">Table</div>
}
