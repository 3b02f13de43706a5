// INITIAL VERSION: replaced whole by the connect feature.
export function ConnectScreen() {
  return <div style={{ padding: 24 }} className="muted">Connections</div>
}
