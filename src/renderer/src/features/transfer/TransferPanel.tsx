// INITIAL VERSION: replaced whole by the transfer feature.
export function TransferPanel(_props: { sessionId: string; table: string | null }) {
  return <div style={{ padding: 24 }} className="muted">Import and export</div>
}
