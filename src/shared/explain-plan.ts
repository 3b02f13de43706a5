/**
 * A query plan as one tree, whatever the dialect: PostgreSQL's `EXPLAIN (FORMAT JSON)`, MySQL's and
 * MariaDB's `EXPLAIN FORMAT=JSON` and SQLite's `EXPLAIN QUERY PLAN` are parsed into it
 * (explain-parsers.ts). Zod-free and DOM-free: both processes use it.
 */
export interface PlanNode {
  /** What the step does, in the database's words: `Seq Scan`, `Hash Join`, `ALL`, `SCAN`, `SEARCH`. */
  type: string
  /** The table (or alias) the step reads, when it reads one. */
  relation?: string
  /** The rest of what the database says about the step: index, condition, join type, SQLite's detail text. */
  details: string[]
  /** The planner's cost estimate, in its own units (PostgreSQL startup..total; MySQL's query/read cost). */
  cost?: number
  startupCost?: number
  /** Rows the planner expects the step to produce (MySQL: rows examined per scan). */
  rows?: number
  children: PlanNode[]
}

export interface ExplainPlan {
  /** The statement explained, as sent. */
  statement: string
  /** Top-level steps (SQLite's plan may have several; the others one). */
  nodes: PlanNode[]
  /** What the database answered, as text, for whoever wants all of it. */
  raw: string
}
