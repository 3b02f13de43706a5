import { useEffect, useId, useState } from 'react'
import type { Row } from '../../../../../shared/cells'
import { api } from '../../../api'
import { Button } from '../../../components/Button'
import { ErrorNote } from '../../../components/ErrorNote'
import { Spinner } from '../../../components/Spinner'
import { useFormStore, type FormTarget } from '../../../stores/forms'
import { ColumnField, TimestampFields } from './FormFields'
import type { RecordForm } from './useRecordForm'

export interface RecordFormProps {
  form: RecordForm
  /** Opens another record's form (the host asks first when this one has unsaved changes). */
  onOpenRecord(target: FormTarget): void
}

export function UserForm({ form, onOpenRecord }: RecordFormProps) {
  return (
    <>
      <div className="form-grid">
        <ColumnField form={form} name="username" label="Username" autoFocus />
        <ColumnField form={form} name="email" label="Email" inputType="email" />
        <ColumnField form={form} name="score" label="Score" />
        <ColumnField form={form} name="is_active" label="Active" />
      </div>
      <ColumnField form={form} name="bio" label="Bio" multiline />
      <TimestampFields form={form} />
      {form.row && <UserPosts form={form} onOpenRecord={onOpenRecord} />}
    </>
  )
}

const POSTS_SHOWN = 50

/** The user's posts (posts.user_id = this user), each opening its own form. */
function UserPosts({ form, onOpenRecord }: RecordFormProps) {
  const { sessionId } = form.target
  const userId = form.row?.id ?? null
  const savedAt = useFormStore((s) => s.savedAt)
  const [posts, setPosts] = useState<{ rows: Row[]; more: boolean } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const headingId = useId()

  useEffect(() => {
    if (userId === null) return
    let live = true
    api
      .call('records.page', {
        sessionId,
        table: 'posts',
        filters: [{ column: 'user_id', op: 'eq', value: userId }],
        sort: [{ column: 'id', direction: 'asc' }],
        pageSize: POSTS_SHOWN,
      })
      .then(
        (page) => {
          if (!live) return
          setPosts({ rows: page.rows, more: page.nextCursor !== null })
          setError(null)
        },
        (e: unknown) => live && setError(e),
      )
    return () => {
      live = false
    }
  }, [sessionId, userId, savedAt])

  return (
    <section className="form-related" aria-labelledby={headingId}>
      <h3 id={headingId}>Posts{posts ? ` (${posts.rows.length}${posts.more ? '+' : ''})` : ''}</h3>
      {error !== null && <ErrorNote error={error} title="Could not load this user’s posts" />}
      {posts === null && error === null && <Spinner label="Loading posts" />}
      {posts && posts.rows.length === 0 && <p className="muted">No posts yet.</p>}
      {posts && posts.rows.length > 0 && (
        <ul className="form-related-list" aria-label="Posts by this user">
          {posts.rows.map((post) => (
            <li key={String(post.id)}>
              <Button variant="ghost" small onClick={() => onOpenRecord({ sessionId, table: 'posts', key: { id: post.id ?? null } })}>
                {String(post.title ?? `Post #${String(post.id)}`)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {posts?.more && <p className="muted">Showing the first {POSTS_SHOWN}; filter the posts table by user_id for all of them.</p>}
    </section>
  )
}
