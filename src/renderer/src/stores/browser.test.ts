import { answer, callsTo, deferred, resetTransport, settle } from './test-transport'
import { beforeEach, describe, expect, it } from 'vitest'
import type { InputOf, Page, RowCount, TableInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { EMPTY_QUERY, NEXT_PAGE_SIZE, PAGE_SIZE, useBrowserStore, type GridQuery } from './browser'
import { MAX_WINDOW_ROWS } from './row-window'
import { countChanges, emptyStaged, rowIdOf, stageCell } from '../features/edit/staging/model'
import { gridRows } from '../features/browse/grid-rows'

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

  it('asks nothing while a page is on its way; the viewport asked meanwhile is read when it lands', async () => {
    answer('records.count', () => exact(1_000_000))
    answer('records.page', () => page(range(0, 100), 'c1'))
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()
    const slow = deferred<Page>()
    answer('records.page', () => slow.promise)
    const first = useBrowserStore.getState().ensureRows(500_000, 500_020)
    await useBrowserStore.getState().ensureRows(700_000, 700_020)
    expect(callsTo('records.page')).toHaveLength(2)
    answer('records.page', (input) => page(range(input.offset ?? 0, 300), 'k'))
    slow.resolve(page(range(499_950, 300), 'k'))
    await first
    // Nobody asks again (the grid drew that viewport already): the store reads it by itself.
    await settle()
    expect(callsTo('records.page')).toHaveLength(3)
    expect(callsTo('records.page').at(-1)).toMatchObject({ offset: 699_950 })
    expect(useBrowserStore.getState().grid?.start).toBe(699_950)
    // Then nothing more: what was asked is there.
    await settle()
    expect(callsTo('records.page')).toHaveLength(3)
  })

  it('after every page, reads on until the viewport last asked is in memory, asked once', async () => {
    // A table served by position: the keyset cursor names the position after the page.
    answer('records.count', () => exact(1_000_000))
    answer('records.page', (input) => {
      const from = input.cursor ? Number(input.cursor) : (input.offset ?? 0)
      const size = input.pageSize ?? PAGE_SIZE
      return page(range(from, size), String(from + size))
    })
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()
    expect(ids()).toHaveLength(PAGE_SIZE)
    // Wheel scrolling: a keyset page for the old position is on its way when the viewport moves on,
    // near enough to walk to by keyset pages, too far for one page to reach.
    const wheel = deferred<Page>()
    answer('records.page', () => wheel.promise)
    const first = useBrowserStore.getState().ensureRows(80, 110)
    await useBrowserStore.getState().ensureRows(1_000, 1_030)
    answer('records.page', (input) => {
      const from = input.cursor ? Number(input.cursor) : (input.offset ?? 0)
      const size = input.pageSize ?? PAGE_SIZE
      return page(range(from, size), String(from + size))
    })
    wheel.resolve(page(range(100, NEXT_PAGE_SIZE), String(100 + NEXT_PAGE_SIZE)))
    await first
    // Nobody asks again: the store reads page after page until rows 1,000–1,030 are there.
    for (let i = 0; i < 10; i++) await settle()
    const grid = useBrowserStore.getState().grid
    expect(grid?.loading).toBe(false)
    expect(grid && grid.start <= 1_000 && grid.start + grid.rows.length > 1_030, `window ${grid?.start}+${grid?.rows.length}`).toBe(true)
    const asked = callsTo('records.page').length
    await settle()
    expect(callsTo('records.page')).toHaveLength(asked)
  })
})

describe('browser store: memory stays flat over a million rows', () => {
  /** A whole table of `total` rows (id = position), served by keyset cursor, offset or from the end. */
  const serve =
    (total: number) =>
    (input: InputOf<'records.page'>): Page => {
      const size = input.pageSize ?? PAGE_SIZE
      const from = input.fromEnd ? total - size : input.cursor ? Number(input.cursor) : (input.offset ?? 0)
      const to = Math.min(total, from + size)
      return page(
        Array.from({ length: to - from }, (_, i) => from + i),
        to < total ? String(to) : null,
      )
    }
  /** What a viewport of 20 rows at `first` draws (the grid's overscan included). */
  const view = (first: number) => useBrowserStore.getState().ensureRows(Math.max(0, first - 12), first + 32)

  it('a forward scroll through every row holds at most MAX_WINDOW_ROWS; rows left behind are read again on return', async () => {
    const total = 1_000_000
    answer('records.count', () => exact(total))
    answer('records.page', serve(total))
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()

    let most = 0
    for (let first = 0; first < total - 20; first += 20) {
      await view(first)
      const grid = useBrowserStore.getState().grid!
      most = Math.max(most, grid.rows.length)
      // Every row in memory is the one at its position.
      if (first % 100_000 === 0) expect(grid.rows.every((row, i) => row.id === grid.start + i)).toBe(true)
    }
    expect(most).toBeLessThanOrEqual(MAX_WINDOW_ROWS)
    const grid = useBrowserStore.getState().grid!
    expect(grid.atEnd).toBe(true)
    expect(grid.start + grid.rows.length).toBe(total)
    // Forward by keyset all the way: no OFFSET read through the table.
    expect(callsTo('records.page').filter((c) => c.offset !== undefined)).toEqual([])

    // Back a little: the rows dropped on the way are read again, just before the window.
    const before = callsTo('records.page').length
    for (let first = total - 20; first > total - MAX_WINDOW_ROWS - 1000; first -= 20) await view(first)
    expect(callsTo('records.page').length).toBeGreaterThan(before)
    expect(callsTo('records.page').at(-1)).toMatchObject({ offset: expect.any(Number) })
    expect(useBrowserStore.getState().grid!.rows.length).toBeLessThanOrEqual(MAX_WINDOW_ROWS)
    expect(ids()?.[0]).toBe(useBrowserStore.getState().grid!.start)
  })

  it('a staged edit on a row that was dropped is kept, and shows again when the row is read again', async () => {
    answer('records.count', () => exact(100_000))
    answer('records.page', serve(100_000))
    useBrowserStore.getState().openGrid('s', 'big')
    await settle()
    const info = { name: 'big', primaryKey: ['id'] } as TableInfo
    const seen = useBrowserStore.getState().grid!.rows[5]
    const staged = stageCell(emptyStaged('big'), { rowId: rowIdOf(['id'], seen), key: { id: 5 }, row: seen }, 'id', 555)

    // Far away: row 5 leaves memory (a jump replaces the window), the staged edit does not.
    await view(50_000)
    expect(useBrowserStore.getState().grid!.start).toBeGreaterThan(5)
    expect(gridRows(useBrowserStore.getState().grid!.rows, staged, info).some((row) => row.status === 'edited')).toBe(false)
    expect(countChanges(staged)).toBe(1)

    // Back at the top: row 5 is read again and drawn with its staged value.
    await view(0)
    const grid = useBrowserStore.getState().grid!
    const shown = gridRows(grid.rows, staged, info, grid.start)
    expect(shown[5 - grid.start]).toMatchObject({ status: 'edited', row: { id: 555 }, seen: { id: 5 } })
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
