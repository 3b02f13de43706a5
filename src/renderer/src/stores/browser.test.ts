import { answer, callsTo, deferred, resetTransport, settle } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { InputOf, Page, RowCount } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { EMPTY_QUERY, NEXT_PAGE_SIZE, PAGE_SIZE, useBrowserStore, type GridQuery } from './browser'

const page = (ids: number[], nextCursor: string | null): Page => ({ columns: ['id'], rows: ids.map((id) => ({ id })), nextCursor })
const exact = (value: number): RowCount => ({ value, exact: true })
const ids = () => useBrowserStore.getState().grid?.rows.map((row) => row.id)
const byName: GridQuery = { ...EMPTY_QUERY, sort: [{ column: 'name', direction: 'asc' }] }

beforeEach(() => {
  resetTransport()
  useBrowserStore.setState({ lists: {}, infos: {}, queries: {}, widths: {}, grid: null })
  answer('records.count', () => exact(3))
})

describe('browser store: paging', () => {
  it('shows the first page, then appends the next ones with a bigger page size', async () => {
    answer('records.page', (input) => (input.cursor ? page([3], null) : page([1, 2], 'c1')))
    useBrowserStore.getState().openGrid('s', 'users')
    expect(useBrowserStore.getState().grid).toMatchObject({ loading: true, loaded: false, rows: [] })
    await settle()
    expect(useBrowserStore.getState().grid).toMatchObject({
      loading: false,
      loaded: true,
      nextCursor: 'c1',
      total: exact(3),
      counting: false,
    })
    expect(ids()).toEqual([1, 2])

    await useBrowserStore.getState().loadMore()
    expect(ids()).toEqual([1, 2, 3])
    expect(useBrowserStore.getState().grid?.nextCursor).toBeNull()
    expect(callsTo('records.page').map((c) => [c.cursor, c.pageSize])).toEqual([
      [undefined, PAGE_SIZE],
      ['c1', NEXT_PAGE_SIZE],
    ])

    // The last page is there: nothing more is asked.
    await useBrowserStore.getState().loadMore()
    expect(callsTo('records.page')).toHaveLength(2)
  })

  it('asks for one next page at a time', async () => {
    answer('records.page', () => page([1], 'c1'))
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    const next = deferred<Page>()
    answer('records.page', () => next.promise)
    const first = useBrowserStore.getState().loadMore()
    await useBrowserStore.getState().loadMore()
    next.resolve(page([2], null))
    await first
    expect(callsTo('records.page')).toHaveLength(2)
    expect(ids()).toEqual([1, 2])
  })

  it('a new sort or filter starts again from the first page and remembers the query for the table', async () => {
    answer('records.page', (input) => (input.sort?.length ? page([9, 8], null) : page([1, 2], 'c1')))
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    useBrowserStore.getState().setQuery(byName)
    expect(useBrowserStore.getState().grid).toMatchObject({ rows: [], loaded: false, nextCursor: null, query: byName })
    await settle()
    expect(ids()).toEqual([9, 8])
    expect(callsTo('records.page').at(-1)).toMatchObject({ sort: byName.sort, pageSize: PAGE_SIZE })
    expect(callsTo('records.page').at(-1)?.cursor).toBeUndefined()
    expect(Object.values(useBrowserStore.getState().queries)).toEqual([byName])
  })

  it('drops the answer of a query that was replaced before it arrived', async () => {
    const slow = deferred<Page>()
    answer('records.page', (input) => (input.sort?.length ? page([9], null) : slow.promise))
    useBrowserStore.getState().openGrid('s', 'users')
    useBrowserStore.getState().setQuery(byName)
    await settle()
    slow.resolve(page([1, 2], 'c1'))
    await settle()
    expect(ids()).toEqual([9])
    expect(useBrowserStore.getState().grid?.nextCursor).toBeNull()
  })

  it('drops a next page that arrives after a reload', async () => {
    answer('records.page', () => page([1], 'c1'))
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    const late = deferred<Page>()
    answer('records.page', (input) => (input.cursor ? late.promise : page([1], 'c1')))
    const more = useBrowserStore.getState().loadMore()
    await useBrowserStore.getState().reload()
    await settle()
    late.resolve(page([2], null))
    await more
    expect(ids()).toEqual([1])
    expect(useBrowserStore.getState().grid?.nextCursor).toBe('c1')
  })

  it('drops rows of another table opened meanwhile', async () => {
    const users = deferred<Page>()
    answer('records.page', (input) => (input.table === 'users' ? users.promise : page([7], null)))
    useBrowserStore.getState().openGrid('s', 'users')
    useBrowserStore.getState().openGrid('s', 'posts')
    users.resolve(page([1], null))
    await settle()
    expect(useBrowserStore.getState().grid?.table).toBe('posts')
    expect(ids()).toEqual([7])
  })

  it('keeps what is loaded when the same table opens again with the same query', async () => {
    answer('records.page', () => page([1], null))
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    useBrowserStore.getState().openGrid('s', 'users')
    expect(callsTo('records.page')).toHaveLength(1)
    // A query preset for it (a link from another table) opens it afresh.
    useBrowserStore.getState().presetQuery('s', 'users', byName)
    useBrowserStore.getState().openGrid('s', 'users')
    expect(callsTo('records.page')).toHaveLength(2)
    expect(useBrowserStore.getState().grid?.query).toBe(byName)
  })

  it('a failed page keeps the rows there; retry asks for that page again', async () => {
    answer('records.page', () => page([1], 'c1'))
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    const refused = new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    answer('records.page', () => {
      throw refused
    })
    await useBrowserStore.getState().loadMore()
    expect(useBrowserStore.getState().grid).toMatchObject({ loading: false, error: refused })
    expect(ids()).toEqual([1])
    // Not while the error shows: the grid's own prefetch must not loop on a failing page.
    await useBrowserStore.getState().loadMore()
    expect(callsTo('records.page')).toHaveLength(2)

    answer('records.page', () => page([2], null))
    await useBrowserStore.getState().retry()
    expect(ids()).toEqual([1, 2])
    expect(useBrowserStore.getState().grid?.error).toBeNull()
    expect(callsTo('records.page').at(-1)?.cursor).toBe('c1')
  })

  it('retry after a failed first page starts again', async () => {
    answer('records.page', () => {
      throw new AppError({ code: 'QUERY_FAILED', message: 'no' })
    })
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    expect(useBrowserStore.getState().grid).toMatchObject({ loaded: true, rows: [] })
    answer('records.page', () => page([1], null))
    await useBrowserStore.getState().retry()
    await settle()
    expect(ids()).toEqual([1])
    expect(callsTo('records.page').at(-1)?.cursor).toBeUndefined()
  })
})

describe('browser store: a window over the whole table', () => {
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)

  it('a far viewport jumps by offset, then scrolls on by keyset from there; the end is read backward', async () => {
    answer('records.count', () => exact(1_000_000))
    answer('records.page', (input) =>
      input.fromEnd
        ? page(range(999_700, 300), null)
        : input.offset !== undefined
          ? page(range(input.offset, 300), 'k')
          : input.cursor
            ? page(range(500_250, 300), 'k2')
            : page(range(0, 100), 'c1'),
    )
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()

    await useBrowserStore.getState().ensureRows(500_000, 500_020)
    expect(callsTo('records.page').at(-1)).toMatchObject({ offset: 499_950, pageSize: 300 })
    expect(useBrowserStore.getState().grid).toMatchObject({ start: 499_950, nextCursor: 'k', atEnd: false })
    expect(ids()?.[0]).toBe(499_950)

    await useBrowserStore.getState().ensureRows(500_200, 500_220)
    expect(callsTo('records.page').at(-1)).toMatchObject({ cursor: 'k' })
    expect(useBrowserStore.getState().grid?.start).toBe(499_950)
    expect(ids()).toHaveLength(600)

    await useBrowserStore.getState().ensureRows(999_980, 999_999)
    expect(callsTo('records.page').at(-1)).toMatchObject({ fromEnd: true, pageSize: 300 })
    expect(callsTo('records.page').at(-1)?.offset).toBeUndefined()
    expect(useBrowserStore.getState().grid).toMatchObject({ start: 999_700, atEnd: true })
  })

  it('asks nothing while a page is on its way, or while an error shows', async () => {
    answer('records.count', () => exact(1_000_000))
    answer('records.page', () => page(range(0, 100), 'c1'))
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()
    const slow = deferred<Page>()
    answer('records.page', () => slow.promise)
    const first = useBrowserStore.getState().ensureRows(500_000, 500_020)
    await useBrowserStore.getState().ensureRows(700_000, 700_020)
    expect(callsTo('records.page')).toHaveLength(2)
    slow.resolve(page(range(499_950, 300), 'k'))
    await first
    expect(useBrowserStore.getState().grid?.start).toBe(499_950)
  })
})

describe('browser store: counting', () => {
  it('shows the estimate, then the exact count', async () => {
    const exactCount = deferred<RowCount>()
    answer('records.page', () => page([1], null))
    answer('records.count', (input: InputOf<'records.count'>) => (input.exact ? exactCount.promise : { value: 1000, exact: false }))
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()
    expect(useBrowserStore.getState().grid).toMatchObject({ total: { value: 1000, exact: false }, counting: true })
    exactCount.resolve(exact(1234))
    await settle()
    expect(useBrowserStore.getState().grid).toMatchObject({ total: exact(1234), counting: false })
  })

  it('a failed count only stops counting; the rows stay', async () => {
    answer('records.page', () => page([1], null))
    answer('records.count', () => {
      throw new AppError({ code: 'QUERY_FAILED', message: 'no' })
    })
    useBrowserStore.getState().openGrid('s', 'users')
    await settle()
    expect(useBrowserStore.getState().grid).toMatchObject({ total: null, counting: false, error: null })
    expect(ids()).toEqual([1])
  })

  it('drops a count of a query that was replaced', async () => {
    const old = deferred<RowCount>()
    answer('records.page', () => page([], null))
    answer('records.count', (input) => (input.filters?.length ? exact(2) : old.promise))
    useBrowserStore.getState().openGrid('s', 'users')
    useBrowserStore.getState().setQuery({ ...EMPTY_QUERY, filters: [{ column: 'id', op: 'gt', value: '5' }] })
    await settle()
    old.resolve(exact(100))
    await settle()
    expect(useBrowserStore.getState().grid?.total).toEqual(exact(2))
  })
})

describe('browser store: tables and widths', () => {
  it('keeps the previous table list while reloading, and after a failed reload', async () => {
    const tables = [{ name: 'users', kind: 'table' as const, rowCount: exact(3), model: 'User' as const }]
    answer('schema.tables', () => tables)
    await useBrowserStore.getState().loadTables('s')
    const refused = new AppError({ code: 'CONNECTION_LOST', message: 'gone' })
    answer('schema.tables', () => {
      throw refused
    })
    const reload = useBrowserStore.getState().loadTables('s')
    expect(useBrowserStore.getState().lists.s).toEqual({ tables, loading: true, error: null })
    await reload
    expect(useBrowserStore.getState().lists.s).toEqual({ tables, loading: false, error: refused })
  })

  it('remembers column widths per table', () => {
    useBrowserStore.getState().setWidth('s', 'users', 'name', 200)
    useBrowserStore.getState().setWidth('s', 'users', 'email', 300)
    useBrowserStore.getState().setWidth('s', 'posts', 'name', 90)
    expect(Object.values(useBrowserStore.getState().widths)).toEqual([{ name: 200, email: 300 }, { name: 90 }])
  })
})
