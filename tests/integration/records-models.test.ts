import { beforeAll, expect, it } from 'vitest'
import type { Row } from '../../src/shared/values'
import { describeDialects } from './harness'

/** The app's own tables, created by the app's migrations, written through the Sequelize models. */
describeDialects('records: users, posts and notes', (t) => {
  let sessionId = ''
  let alice: Row
  let bob: Row

  beforeAll(async () => {
    sessionId = await t.open()
    await t.call('migrations.up', { sessionId })
    alice = await t.call('records.insert', {
      sessionId,
      table: 'users',
      values: { username: 'alice', email: 'alice@example.com', bio: 'Rows daily 🚣' },
    })
    bob = await t.call('records.insert', { sessionId, table: 'users', values: { username: 'bob', email: 'bob@example.com' } })
  })

  it('inserts through the model: defaults and timestamps are set, the row comes back as stored', async () => {
    expect(alice).toMatchObject({
      id: expect.any(Number),
      username: 'alice',
      email: 'alice@example.com',
      bio: 'Rows daily 🚣',
      is_active: true,
      score: 0,
    })
    expect(alice.created_at).toEqual(expect.any(String))
    expect(alice.updated_at).toEqual(expect.any(String))
    const note = await t.call('records.insert', { sessionId, table: 'notes', values: { title: 'Launch checklist' } })
    expect(note).toMatchObject({ title: 'Launch checklist', content: '' })
  })

  it('answers VALIDATION per field: bad email, empty username', async () => {
    const answer = await t.result('records.insert', { sessionId, table: 'users', values: { username: '', email: 'not-an-email' } })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('VALIDATION')
    expect(answer.error.field).toBe('username')
    expect(answer.error.details?.fields).toEqual(
      expect.arrayContaining([
        { field: 'username', message: 'Username is required', rule: 'notEmpty' },
        { field: 'email', message: 'Email must be a valid email address', rule: 'isEmailAddress' },
      ]),
    )
    expect((await t.call('records.count', { sessionId, table: 'users' })).value).toBe(2)
  })

  it('answers VALIDATION for a too-long title and a missing one', async () => {
    const long = await t.result('records.insert', { sessionId, table: 'posts', values: { title: 'x'.repeat(201), user_id: alice.id! } })
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'title', details: { fields: [{ field: 'title', rule: 'len' }] } },
    })
    const missing = await t.result('records.insert', { sessionId, table: 'notes', values: { content: 'no title' } })
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'title', details: { fields: [{ field: 'title', rule: 'notNull' }] } },
    })
    // An update validates only what it changes, and says the same.
    const update = await t.result('records.update', {
      sessionId,
      table: 'users',
      key: { id: alice.id! },
      original: { email: alice.email! },
      values: { email: 'nope' },
    })
    expect(update).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } })
  })

  it('a post without an author says the author is required (not that it must be a whole number)', async () => {
    for (const user_id of ['', '  ', null]) {
      const answer = await t.result('records.insert', { sessionId, table: 'posts', values: { title: 'No author', user_id } })
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'user_id' } })
      if (!answer.ok) expect(answer.error.details?.fields?.map((f) => f.message)).toEqual(['Author is required'])
    }
    const word = await t.result('records.insert', { sessionId, table: 'posts', values: { title: 'Bad author', user_id: 'alice' } })
    if (!word.ok) expect(word.error.details?.fields?.map((f) => f.message)).toEqual(['Author must be a whole number'])
    expect(word.ok).toBe(false)
  })

  it('answers UNIQUE_VIOLATION naming the username', async () => {
    const answer = await t.result('records.insert', {
      sessionId,
      table: 'users',
      values: { username: 'alice', email: 'other@example.com' },
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'UNIQUE_VIOLATION', field: 'username', details: { columns: ['username'], values: { username: 'alice' } } },
    })
    if (!answer.ok) expect(answer.error.message).toBe("username 'alice' is already taken.")
    const rename = await t.result('records.update', {
      sessionId,
      table: 'users',
      key: { id: bob.id! },
      original: { username: 'bob' },
      values: { username: 'alice' },
    })
    expect(rename).toMatchObject({ ok: false, error: { code: 'UNIQUE_VIOLATION', details: { columns: ['username'] } } })
  })

  it('answers FK_VIOLATION for a post whose user does not exist', async () => {
    const answer = await t.result('records.insert', { sessionId, table: 'posts', values: { title: 'Orphan', user_id: 999 } })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'FK_VIOLATION',
        field: 'user_id',
        details: { relation: { table: 'posts', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] } },
      },
    })
    if (!answer.ok) expect(answer.error.message).toBe('There is no users row with id 999.')
    expect((await t.call('records.count', { sessionId, table: 'posts' })).value).toBe(0)
  })

  it('refuses to delete a user who has posts, saying how many', async () => {
    for (const title of ['First', 'Second', 'Third']) {
      await t.call('records.insert', { sessionId, table: 'posts', values: { title, content: 'Rowing', user_id: bob.id! } })
    }
    const current = await t.call('records.get', { sessionId, table: 'users', key: { id: bob.id! } })
    const answer = await t.result('records.delete', { sessionId, table: 'users', key: { id: bob.id! }, original: current })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'FK_VIOLATION',
        details: { dependentRows: 3, relation: { table: 'posts', columns: ['user_id'], referencedTable: 'users' } },
      },
    })
    if (!answer.ok) expect(answer.error.message).toBe('This users row has 3 posts that refer to it (posts.user_id).')
    expect(await t.call('records.get', { sessionId, table: 'users', key: { id: bob.id! } })).toEqual(current)
    // Moving a post to a user who does not exist is refused the same way as inserting one.
    const post = (await t.call('records.page', { sessionId, table: 'posts', pageSize: 1 })).rows[0]
    const move = await t.result('records.update', {
      sessionId,
      table: 'posts',
      key: { id: post.id! },
      original: { user_id: bob.id! },
      values: { user_id: 999 },
    })
    expect(move).toMatchObject({
      ok: false,
      error: { code: 'FK_VIOLATION', message: 'There is no users row with id 999.', field: 'user_id' },
    })
    const bulk = await t.result('records.bulkDelete', {
      sessionId,
      table: 'users',
      filters: [{ column: 'username', op: 'eq', value: 'bob' }],
    })
    expect(bulk).toMatchObject({ ok: false, error: { code: 'FK_VIOLATION', details: { dependentRows: 3 } } })
  })

  it('updates through the model: the changed column and updated_at', async () => {
    // An old updated_at, so the change is visible even where DATETIME keeps whole seconds (MySQL).
    await t.raw(`UPDATE users SET updated_at = '2000-01-01 00:00:00' WHERE id = ${String(alice.id)}`)
    const before = await t.call('records.get', { sessionId, table: 'users', key: { id: alice.id! } })
    expect(before.updated_at).toMatch(/^2000-01-01/)
    const after = await t.call('records.update', {
      sessionId,
      table: 'users',
      key: { id: alice.id! },
      original: { bio: before.bio! },
      values: { bio: 'Coxswain', score: 0.1, is_active: false },
    })
    expect(after).toMatchObject({
      id: alice.id,
      bio: 'Coxswain',
      score: 0.1,
      is_active: false,
      username: 'alice',
      created_at: before.created_at,
    })
    expect(after.updated_at).not.toMatch(/^2000-01-01/)
  })

  it('bulk-updates model rows after validating the new values with the model', async () => {
    const bad = await t.result('records.bulkUpdate', { sessionId, table: 'users', values: { email: 'broken' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } })
    const good = await t.call('records.bulkUpdate', { sessionId, table: 'users', search: 'example.com', values: { is_active: true } })
    expect(good).toEqual({ affected: 2 })
    const page = await t.call('records.page', { sessionId, table: 'users', filters: [{ column: 'is_active', op: 'eq', value: true }] })
    expect(page.rows).toHaveLength(2)
  })

  it('deletes a post through the model', async () => {
    const posts = await t.call('records.page', { sessionId, table: 'posts', sort: [{ column: 'title', direction: 'asc' }] })
    const first = posts.rows[0]
    expect(first.title).toBe('First')
    expect(await t.call('records.delete', { sessionId, table: 'posts', key: { id: first.id! }, original: first })).toEqual({ deleted: 1 })
    expect((await t.call('records.count', { sessionId, table: 'posts' })).value).toBe(2)
  })
})
