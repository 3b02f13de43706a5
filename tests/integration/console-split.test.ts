/** Scripts the splitter alone got wrong, run for real: each statement reaches the database whole (issue 12). */
import { beforeAll, expect, it } from 'vitest'
import { consoleRunner } from './console-support'
import { describeDialects } from './harness'

describeDialects('console splitting against the database', (t) => {
  let sessionId = ''
  const { run } = consoleRunner(t, () => sessionId, 'split')
  beforeAll(async () => {
    sessionId = await t.open()
  })

  it.runIf(t.dialect === 'postgres')('PostgreSQL E-strings holding an escaped quote and a semicolon', async () => {
    const result = await run("select E'a\\';b' AS s;\nselect /* x /* y; */ z; */ 2 AS n")
    expect(result.statements.map((s) => [s.outcome, s.rows])).toEqual([
      ['rows', [["a';b"]]],
      ['rows', [[2]]],
    ])
  })

  it.runIf(t.dialect === 'mysql')('MySQL # comments holding a semicolon or a quote', async () => {
    const result = await run("select 1 AS n # a;b ' c\n;\n# only; a comment\nselect '#;' AS s")
    expect(result.statements.map((s) => [s.outcome, s.rows])).toEqual([
      ['rows', [[1]]],
      ['rows', [['#;']]],
    ])
  })
})
