import { beforeAll, expect, it } from 'vitest'
import { describeDialects } from './harness'

describeDialects('records.preview and read-only sessions', (t) => {
  let sessionId: string
  let alice: { id: number; bio: string }

  beforeAll(async () => {
    sessionId = await t.open()
    await t.call('migrations.up', { sessionId })
    const row = await t.call('records.insert', {
      sessionId,
      table: 'users',
      values: { username: 'alice', email: 'alice@example.com', bio: 'before' },
    })
    alice = { id: row.id as number, bio: row.bio as string }
  })

  it('shows the exact statements a batch would run, values written in, and changes nothing', async () => {
    const { statements } = await t.call('records.preview', {
      sessionId,
      operations: [
        { kind: 'update', table: 'users', key: { id: alice.id }, original: { bio: 'before' }, values: { bio: "it's after" } },
        { kind: 'insert', table: 'notes', values: { title: 'Preview me', content: 'x' } },
      ],
    })
    expect(statements[0]).toMatch(/^BEGIN/)
    expect(statements.at(-1)).toBe('COMMIT')
    const text = statements.join('\n')
    expect(text).toMatch(/SELECT[\s\S]*users[\s\S]*/i) // the conflict check reads the row first
    expect(text).toMatch(/UPDATE\s+[`"]users[`"]\s+SET[\s\S]*bio/i)
    expect(text).toMatch(/'it(''|\\')s after'/)
    expect(text).toMatch(/INSERT INTO\s+[`"]notes[`"]/i)
    expect(text).not.toMatch(/\$\d|\?/) // no unrendered placeholders

    const rows = await t.raw(`SELECT bio FROM users WHERE id = ${alice.id}`)
    expect(rows).toEqual([{ bio: 'before' }])
    expect(await t.raw("SELECT COUNT(*) AS n FROM notes WHERE title = 'Preview me'")).toEqual([{ n: t.dialect === 'sqlite' ? 0 : '0' }])
  })

  it('an operation the database would refuse is named by operation and column; the others still show their SQL', async () => {
    const review = await t.call('records.preview', {
      sessionId,
      operations: [
        { kind: 'update', table: 'users', key: { id: alice.id }, original: { bio: 'before' }, values: { bio: 'first' } },
        { kind: 'update', table: 'users', key: { id: alice.id }, original: { bio: 'first' }, values: { email: 'not-an-email' } },
        { kind: 'insert', table: 'notes', values: { title: 'Still shown', content: 'x' } },
      ],
    })
    expect(review.problems).toEqual([
      { operationIndex: 1, table: 'users', column: 'email', message: 'Email must be a valid email address' },
    ])
    const writes = review.statements.filter((_, i) => review.kinds[i] === 'write')
    expect(writes).toHaveLength(2)
    expect(writes[0]).toMatch(/^UPDATE\s+[`"]users[`"][\s\S]*'first'/i)
    expect(writes[1]).toMatch(/^INSERT INTO\s+[`"]notes[`"][\s\S]*'Still shown'/i)
    expect(review.statements.join('\n')).not.toMatch(/not-an-email/)
    expect(review.kinds[0]).toBe('transaction')
    expect(review.kinds.at(-1)).toBe('transaction')
    expect(review.kinds).toContain('check')
    expect(await t.raw(`SELECT bio FROM users WHERE id = ${alice.id}`)).toEqual([{ bio: 'before' }])
  })

  it('fails as the batch would: a conflict shows at review time', async () => {
    await t.raw(`UPDATE users SET bio = 'changed behind your back' WHERE id = ${alice.id}`)
    const answer = await t.result('records.preview', {
      sessionId,
      operations: [{ kind: 'update', table: 'users', key: { id: alice.id }, original: { bio: 'before' }, values: { bio: 'mine' } }],
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { operationIndex: 0, current: { bio: 'changed behind your back' } } },
    })
  })

  it('refuses every change in a read-only session, but reads', async () => {
    const saved = await t.call('connections.save', { name: 'read-only', url: t.url, readOnly: true })
    const readOnly = await t.call('connections.open', { id: saved.id })
    expect(readOnly.readOnly).toBe(true)
    const id = readOnly.sessionId
    expect((await t.call('records.page', { sessionId: id, table: 'users' })).rows.length).toBeGreaterThan(0)

    const attempts = [
      t.result('records.insert', { sessionId: id, table: 'notes', values: { title: 'nope' } }),
      t.result('records.update', { sessionId: id, table: 'users', key: { id: alice.id }, original: {}, values: { bio: 'nope' } }),
      t.result('records.delete', { sessionId: id, table: 'users', key: { id: alice.id }, original: {} }),
      t.result('records.batch', { sessionId: id, operations: [{ kind: 'insert', table: 'notes', values: { title: 'nope' } }] }),
      t.result('records.bulkDelete', { sessionId: id, table: 'notes' }),
      t.result('migrations.down', { sessionId: id }),
    ]
    for (const answer of await Promise.all(attempts)) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    }
    const status = await t.call('migrations.status', { sessionId: id })
    expect(status.migrations.every((m) => m.state === 'applied')).toBe(true)
    expect(await t.raw("SELECT COUNT(*) AS n FROM notes WHERE title = 'nope'")).toEqual([{ n: t.dialect === 'sqlite' ? 0 : '0' }])
    await expect(t.call('sessions.close', { sessionId: id })).resolves.toEqual({ closed: true })
  })
})
