import { beforeEach, describe, expect, it } from 'vitest'
import { unsavedElsewhere, useWorkspaceStore, type TabMemory, type WorkspaceView } from './workspace'
const queryView = { kind: 'query', tabId: 'q1', title: 'Query 1' } as const

const users: WorkspaceView = { kind: 'table', table: 'users', tab: 'data' }
const posts: WorkspaceView = { kind: 'table', table: 'posts', tab: 'data' }
const state = () => useWorkspaceStore.getState()
const titles = (sessionId = 's1') => state().strips[sessionId]?.tabs.map((t) => (t.view.kind === 'table' ? t.view.table : t.view.kind))

/** The renderer's storage, as a map the test can read. */
function memory(): TabMemory & { kept: Map<string, unknown> } {
  const kept = new Map<string, unknown>()
  return { kept, read: (id) => structuredClone(kept.get(id) ?? null), write: (id, saved) => void kept.set(id, structuredClone(saved)) }
}

beforeEach(() => {
  state().reset()
  useWorkspaceStore.setState({ memory: memory() })
  state().attach('s1', null)
})

describe('workspace store', () => {
  it('navigates when nothing guards the view', async () => {
    expect(await state().navigate(users)).toBe(true)
    expect(state().view).toEqual(users)
  })

  it('asks the guard first: a no keeps the view and the guard, a yes moves on and drops it', async () => {
    let answer = false
    let asked = 0
    const guard = async () => {
      asked++
      return answer
    }
    state().setLeaveGuard(guard)
    expect(await state().navigate({ kind: 'migrations' })).toBe(false)
    expect(state()).toMatchObject({ view: { kind: 'welcome' }, leaveGuard: guard })
    answer = true
    expect(await state().navigate({ kind: 'migrations' })).toBe(true)
    expect(state()).toMatchObject({ view: { kind: 'migrations' }, leaveGuard: null })
    // The next view sets its own guard: the old one is not asked again.
    await state().navigate(users)
    expect(asked).toBe(2)
  })

  it('opens one tab per table and per panel; switching, closing and cycling ask the guard of the active view only', async () => {
    await state().navigate(users)
    await state().navigate(queryView)
    await state().navigate(posts)
    await state().navigate(users)
    expect(titles()).toEqual(['users', 'query', 'posts'])
    expect(state().view).toEqual(users)

    let asked = 0
    state().setLeaveGuard(async () => (asked++, false))
    const postsTab = state().strips.s1.tabs[2].id
    // Closing a tab in the background never touches the active one's edits.
    expect(await state().closeTab(postsTab)).toBe(true)
    expect(asked).toBe(0)
    expect(await state().cycle(1)).toBe(false)
    expect(asked).toBe(1)
    expect(state().view).toEqual(users)
    state().setLeaveGuard(null)
    expect(await state().cycle(1)).toBe(true)
    expect(state().view).toEqual(queryView)
  })

  it('keeps tabs per session, and a saved connection gets its layout back when reopened', async () => {
    const kept = memory()
    useWorkspaceStore.setState({ memory: kept })
    state().attach('s2', 'conn-1')
    await state().navigate(users)
    await state().navigate({ kind: 'migrations' })
    await state().navigate(users)
    state().attach('s1', null)
    expect(state().view).toEqual({ kind: 'welcome' })
    state().attach('s2', 'conn-1')
    expect(state().view).toEqual(users)

    // The connection is opened again later: a new session, the same saved connection.
    state().reset()
    useWorkspaceStore.setState({ memory: kept })
    state().attach('s3', 'conn-1')
    expect(titles('s3')).toEqual(['users', 'migrations'])
    expect(state().view).toEqual(users)
    // A session from a typed URL keeps nothing.
    expect([...kept.kept.keys()]).toEqual(['conn-1'])
  })

  it('follows links inside the tab and steps back and forward, preparing each view before it shows', async () => {
    await state().navigate(users)
    const seen: string[] = []
    const prepare = (before: WorkspaceView, after: WorkspaceView) =>
      void seen.push(`${before.kind === 'table' ? before.table : before.kind}→${after.kind === 'table' ? after.table : after.kind}`)
    await state().follow(
      { ...posts, query: { sort: [], filters: [{ column: 'user_id', op: 'eq', value: 3 }], search: '' } },
      { ...users, query: { sort: [], filters: [], search: 'a' } },
      prepare,
    )
    expect(titles()).toEqual(['posts'])
    expect(await state().step(-1, null, prepare)).toBe(true)
    expect(state().view).toEqual({ ...users, query: { sort: [], filters: [], search: 'a' } })
    expect(await state().step(-1, null, prepare)).toBe(false)
    expect(await state().step(1, null, prepare)).toBe(true)
    expect(state().view).toMatchObject({ table: 'posts' })
    expect(seen).toEqual(['users→posts', 'posts→users', 'users→posts'])
  })

  it('a tab that guards itself (a form) is asked only before it closes or its own view is replaced, shown first when in the background', async () => {
    await state().navigate({ kind: 'form', table: 'users', key: { id: 1 } })
    const form = state().strips.s1.activeId!
    await state().navigate(users)
    let asked = 0
    let answer = false
    state().setTabGuard(form, async () => (asked++, answer))
    // Switching to and from it keeps its panel: no question.
    expect(await state().activate(form)).toBe(true)
    expect(await state().activate(state().strips.s1.tabs[1].id)).toBe(true)
    expect(asked).toBe(0)
    // Closing it from the background shows it, then asks; a no keeps it.
    expect(await state().closeTab(form)).toBe(false)
    expect(asked).toBe(1)
    expect(state().strips.s1.activeId).toBe(form)
    expect(await state().follow({ kind: 'form', table: 'posts', key: { id: 7 } }, null)).toBe(false)
    expect(asked).toBe(2)
    answer = true
    expect(await state().closeTab(form)).toBe(true)
    expect(titles()).toEqual(['users'])
  })

  it('closing a tab asks its guard before its close hook acts: a no leaves the hook uncalled (a Query tab’s text is not forgotten)', async () => {
    const hooked: string[] = []
    state().setCloseHook('query', async (_sessionId, view) => (hooked.push(view.kind === 'query' ? view.tabId : ''), true))
    await state().navigate(queryView)
    const query = state().strips.s1.activeId!
    await state().navigate(users)
    let answer = false
    state().setTabGuard(query, async () => answer)
    for (const closing of ['background', 'active'] as const) {
      if (closing === 'active') expect(await state().activate(query)).toBe(true)
      expect(await state().closeTab(query)).toBe(false)
      expect(hooked).toEqual([])
      expect(titles()).toEqual(['query', 'users'])
    }
    answer = true
    expect(await state().closeTab(query)).toBe(true)
    expect(hooked).toEqual(['q1'])
    expect(titles()).toEqual(['users'])
  })

  it('updates a tab of any session in place, remembering the layout', async () => {
    const kept = memory()
    useWorkspaceStore.setState({ memory: kept })
    state().attach('s2', 'conn-1')
    await state().navigate({ kind: 'form', table: 'users', key: null, draft: 'd1' })
    const tab = state().strips.s2.activeId!
    state().attach('s1', null)
    state().updateTab(tab, { kind: 'form', table: 'users', key: { id: 9 }, draft: 'd1' })
    expect(state().view).toEqual({ kind: 'welcome' })
    expect(kept.kept.get('conn-1')).toEqual({ views: [{ kind: 'form', table: 'users', key: { id: 9 } }], active: 0 })
  })

  it('before the session’s panels all go, each tab that guards itself is shown and asked; a no stops there', async () => {
    await state().navigate({ kind: 'form', table: 'users', key: { id: 1 } })
    const first = state().strips.s1.activeId!
    await state().navigate({ kind: 'form', table: 'users', key: { id: 2 } })
    const second = state().strips.s1.activeId!
    await state().navigate(users)
    const asked: string[] = []
    state().setTabGuard(first, async () => (asked.push('first'), true))
    state().setTabGuard(second, async () => (asked.push('second'), false))
    expect(await state().settleTabs()).toBe(false)
    expect(asked).toEqual(['first', 'second'])
    expect(state().strips.s1.activeId).toBe(second)
  })
})

describe('unsavedElsewhere', () => {
  it('names the other open sessions whose tabs guard unsaved work, in the given order, never the one on screen', async () => {
    await state().navigate(users)
    await state().navigate({ kind: 'form', table: 'notes', key: null, label: 'New note' })
    const s1Form = state().strips.s1.activeId!
    state().attach('s2', null)
    await state().navigate(posts)
    await state().navigate({ kind: 'form', table: 'users', key: null, label: 'New user' })
    const s2Form = state().strips.s2.activeId!
    state().attach('s3', null)
    await state().navigate(users)
    const guard = async () => false
    expect(unsavedElsewhere(['s1', 's2', 's3'], 's3')).toEqual([])

    state().setTabGuard(s1Form, guard)
    state().setTabGuard(s2Form, guard)
    const found = unsavedElsewhere(['s2', 's1', 's3'], 's3')
    expect(found.map((e) => [e.sessionId, e.tabs.map((t) => t.id)])).toEqual([
      ['s2', [s2Form]],
      ['s1', [s1Form]],
    ])
    // The session on screen is asked tab by tab instead; a closed session's leftover strip is not named.
    expect(unsavedElsewhere(['s1', 's3'], 's1')).toEqual([])
  })
})
