// INITIAL VERSION: replaced whole by the browse feature.
export function TableSidebar(_props: { sessionId: string }) {
  return <div style={{ padding: 24 }} className="muted">Tables</div>
}
