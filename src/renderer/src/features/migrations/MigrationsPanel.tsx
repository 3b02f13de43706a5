// INITIAL VERSION: replaced whole by the migrations feature.
export function MigrationsPanel(_props: { sessionId: string }) {
  return <div style={{ padding: 24 }} className="muted">Migrations</div>
}
