import type { ExplainPlan, PlanNode } from '../../../../shared/explain-plan'

/** A query plan as a tree: each step expands and collapses (native <details>), with its type, table, cost and rows. */
export function ExplainView({ plan, onClose }: { plan: ExplainPlan; onClose(): void }) {
  return (
    <section className="query-plan" aria-label="Query plan">
      <div className="row query-plan-head">
        <strong>Plan</strong>
        <code className="query-result-sql grow" title={plan.statement}>
          {plan.statement}
        </code>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          Close plan
        </button>
      </div>
      {plan.nodes.length === 0 ? <p className="muted">The database gave no steps for this statement.</p> : <PlanTree nodes={plan.nodes} />}
    </section>
  )
}

function PlanTree({ nodes }: { nodes: PlanNode[] }) {
  return (
    <ul className="plan-tree" role="tree">
      {nodes.map((node, i) => (
        <PlanStep key={i} node={node} />
      ))}
    </ul>
  )
}

const figure = (n: number) => (Number.isInteger(n) ? n.toLocaleString() : n.toLocaleString(undefined, { maximumFractionDigits: 2 }))

function PlanStep({ node }: { node: PlanNode }) {
  const summary = (
    <>
      <span className="plan-type">{node.type}</span>
      {node.relation && <span className="plan-relation"> on {node.relation}</span>}
      {node.cost !== undefined && (
        <span className="muted">
          {' '}
          · cost {node.startupCost !== undefined ? `${figure(node.startupCost)}..` : ''}
          {figure(node.cost)}
        </span>
      )}
      {node.rows !== undefined && <span className="muted"> · rows {figure(node.rows)}</span>}
    </>
  )
  const hasMore = node.children.length > 0 || node.details.length > 0
  return (
    <li role="treeitem" aria-selected={false} className="plan-step">
      {hasMore ? (
        <details open>
          <summary>{summary}</summary>
          {node.details.length > 0 && (
            <ul className="plan-details">
              {node.details.map((detail, i) => (
                <li key={i}>{detail}</li>
              ))}
            </ul>
          )}
          {node.children.length > 0 && <PlanTree nodes={node.children} />}
        </details>
      ) : (
        <div className="plan-leaf">{summary}</div>
      )}
    </li>
  )
}
