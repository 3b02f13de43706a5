import { beforeEach, describe, expect, it } from 'vitest'
import { useWorkspaceStore, type WorkspaceView } from './workspace'

const users: WorkspaceView = { kind: 'table', table: 'users', tab: 'data' }
const state = () => useWorkspaceStore.getState()

beforeEach(() => state().reset())

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
})
