import type { ExplainPlan, PlanNode } from '../../../shared/explain-plan'
import { parseMysqlPlan, parsePostgresPlan, parseSqlitePlan } from '../../../shared/explain-parsers'
import { AppError } from '../../../shared/errors'
import type { Session } from '../connection/sessions'
import type { Engine } from '../engine'
import { statementError } from './errors'
import { openRunner } from './open-runner'
import { splitStatements, statementsInRange } from './split'
import type { TabConnection } from './tab-connections'

const EXPLAIN = {
  postgres: (sql: string) => `EXPLAIN (FORMAT JSON) ${sql}`,
  // MariaDB has had FORMAT=JSON since 10.1, MySQL since 5.6.
  mysql: (sql: string) => `EXPLAIN FORMAT=JSON ${sql}`,
  sqlite: (sql: string) => `EXPLAIN QUERY PLAN ${sql}`,
} as const

/**
 * The plan of one statement (the one the range touches first, or the text's first), from the
 * dialect's EXPLAIN, which plans without running it. Read on the tab's own connection when it holds
 * one (so the plan sees its transaction), else on one the pool lends; read-only sessions stay so.
 */
export async function explainStatement(
  engine: Engine,
  session: Session,
  input: { sql: string; range?: { from: number; to: number } },
  held?: TabConnection,
): Promise<ExplainPlan> {
  const dialect = session.config.dialect
  const all = splitStatements(input.sql, dialect)
  const statement = (input.range ? statementsInRange(all, input.range) : all)[0]
  if (!statement) throw new AppError({ code: 'VALIDATION', message: 'There is no statement to explain here.', field: 'sql' })
  const runner = held?.runner ?? (await openRunner(session, engine.baseDir))
  try {
    if (session.readOnly) await runner.enforceReadOnly()
    const output = await runner.run(EXPLAIN[dialect](statement.sql), 10_000).catch((error: unknown) => {
      const failure = statementError(error, dialect, statement, input.sql, (text) => engine.scrubPasswords(text))
      throw new AppError({
        code: failure.code,
        message: `EXPLAIN failed: ${failure.message}`,
        ...(failure.hint ? { hint: failure.hint } : {}),
      })
    })
    await output.more?.close()
    const raw = dialect === 'sqlite' ? output.rows.map((row) => row.join(' | ')).join('\n') : String(output.rows[0]?.[0] ?? '')
    let nodes: PlanNode[]
    try {
      nodes = dialect === 'postgres' ? parsePostgresPlan(raw) : dialect === 'mysql' ? parseMysqlPlan(raw) : parseSqlitePlan(output.rows)
    } catch {
      throw new AppError({ code: 'QUERY_FAILED', message: 'The database answered EXPLAIN with something Rowboat cannot read as a plan.' })
    }
    return { statement: statement.sql, nodes, raw }
  } finally {
    if (!held) await runner.release()
  }
}
