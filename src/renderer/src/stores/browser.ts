import { create } from 'zustand'
import type { Filter, RowCount, Sort, TableInfo, TableSummary } from '../../../shared/contract'
import type { Row } from '../../../shared/cells'
import { api } from '../api'
import { applyPage, planFetch, WINDOW_PAGE, type RowWindow, type WindowFetch } from './row-window'

/**
 * Browsing: each session's table list, described tables, each table's sort/filter/search, and the
 * rows of the one grid on screen. Rows arrive page by page (keyset); the count never holds them up.
 * The grid's rows are a bounded window placed in the whole table (row-window.ts).
 */

export interface GridQuery {
  sort: Sort[]
  filters: Filter[]
  search: string
}

export const EMPTY_QUERY: GridQuery = { sort: [], filters: [], search: '' }
export const PAGE_SIZE = 100
/** Later pages are bigger: someone scrolling on wants to wait less often. */
export const NEXT_PAGE_SIZE = WINDOW_PAGE

export interface TableList {
  tables: TableSummary[] | null
  loading: boolean
  error: unknown
}

export interface GridData {
  key: string
  sessionId: string
  table: string
  query: GridQuery
  /** The rows in memory: `rows[0]` is row `start` of the selection (see RowWindow). */
  start: number
  rows: Row[]
  nextCursor: string | null
  atEnd: boolean
  /** A page request is in flight. */
  loading: boolean
  /** The first page has arrived (rows may still be empty). */
  loaded: boolean
  error: unknown
  /** The estimate at first, then the exact count; null until the first answer. */
  total: RowCount | null
  counting: boolean
}

interface BrowserState {
  lists: Record<string, TableList>
  infos: Record<string, TableInfo>
  queries: Record<string, GridQuery>
  widths: Record<string, Record<string, number>>
  /** The column order a person set, per table (names; see features/browse/column-order.ts). */
  orders: Record<string, string[]>
  grid: GridData | null
  loadTables(sessionId: string): Promise<void>
  describe(sessionId: string, table: string, fresh?: boolean): Promise<TableInfo>
  /** Sets the query a table opens with (e.g. "posts where user_id = 3" from a link). */
  presetQuery(sessionId: string, table: string, query: GridQuery): void
  /** Shows a table's rows; keeps what is loaded when it is already the table on screen. */
  openGrid(sessionId: string, table: string): void
  setQuery(query: GridQuery): void
  reload(): Promise<void>
  loadMore(): Promise<void>
  /** Reads what rows `first…last` of the selection (the viewport) need, if anything. */
  ensureRows(first: number, last: number): Promise<void>
  /** After a failed page: the first page again, or the next one when some rows are there. */
  retry(): Promise<void>
  recount(): void
  updateRows(change: (rows: Row[]) => Row[]): void
  setWidth(sessionId: string, table: string, column: string, width: number): void
  /** Widths remembered from an earlier run, for a table that has none set in this one. */
  restoreWidths(sessionId: string, table: string, widths: Record<string, number>): void
  setOrder(sessionId: string, table: string, order: string[]): void
  /** An order remembered from an earlier run, for a table that has none set in this one. */
  restoreOrder(sessionId: string, table: string, order: string[]): void
  /** Back to the table's own column order and the default widths. */
  resetColumns(sessionId: string, table: string): void
}

/** Rows `first…last` of the selection: what the grid's viewport needs. */
interface Viewport {
  first: number
  last: number
}

const windowOf = (grid: GridData): RowWindow => ({ start: grid.start, rows: grid.rows, nextCursor: grid.nextCursor, atEnd: grid.atEnd })

export const gridKey = (sessionId: string, table: string): string => `${sessionId}\u0000${table}`

/** Answers from an earlier query are dropped: each load or count carries the generation it began in. */
let generation = 0

export const useBrowserStore = create<BrowserState>((set, get) => {
  const current = (gen: number, key: string): GridData | null => {
    const grid = get().grid
    return gen === generation && grid?.key === key ? grid : null
  }
  const patchGrid = (gen: number, key: string, patch: Partial<GridData>) => {
    if (current(gen, key)) set((state) => ({ grid: state.grid ? { ...state.grid, ...patch } : null }))
  }

  const count = async (gen: number, grid: GridData) => {
    const selection = { sessionId: grid.sessionId, table: grid.table, filters: grid.query.filters, search: grid.query.search || undefined }
    patchGrid(gen, grid.key, { counting: true })
    try {
      // The instant estimate first (unfiltered big tables), then the exact figure in the background.
      const quick = await api.call('records.count', { ...selection, exact: false })
      patchGrid(gen, grid.key, { total: quick, counting: !quick.exact })
      if (quick.exact) return
      const exact = await api.call('records.count', { ...selection, exact: true })
      patchGrid(gen, grid.key, { total: exact, counting: false })
    } catch {
      // A count is a nicety: the rows still show; "counting" just stops.
      patchGrid(gen, grid.key, { counting: false })
    }
  }

  /**
   * The rows the viewport last asked for. After every page the store checks them again by itself: a
   * viewport asked while another page was on its way, or one a single page did not reach (a walk of
   * several keyset pages), gets its rows without the grid asking again.
   */
  let wanted: Viewport | null = null
  /** After a page landed: reads what the viewport last asked still needs (nothing when it is there). */
  const serveWanted = () => {
    if (wanted) void get().ensureRows(wanted.first, wanted.last)
  }

  const fetchPage = async (gen: number, grid: GridData, cursor: string | undefined) => {
    patchGrid(gen, grid.key, { loading: true, error: null })
    try {
      const page = await api.call('records.page', {
        sessionId: grid.sessionId,
        table: grid.table,
        filters: grid.query.filters,
        search: grid.query.search || undefined,
        sort: grid.query.sort,
        pageSize: cursor ? NEXT_PAGE_SIZE : PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      })
      const now = current(gen, grid.key)
      if (!now) return
      const window = cursor
        ? applyPage(windowOf(now), { kind: 'next', limit: NEXT_PAGE_SIZE }, page)
        : applyPage(windowOf(now), { kind: 'offset', offset: 0, limit: PAGE_SIZE, place: 'replace' }, page)
      set({ grid: { ...now, ...window, loading: false, loaded: true } })
      serveWanted()
    } catch (error) {
      patchGrid(gen, grid.key, { loading: false, loaded: true, error })
    }
  }

  /** Reads rows by position or from the end, and puts them in the window. */
  const fetchRows = async (gen: number, grid: GridData, fetch: WindowFetch) => {
    if (fetch.kind === 'next') return fetchPage(gen, grid, grid.nextCursor ?? undefined)
    patchGrid(gen, grid.key, { loading: true, error: null })
    try {
      const page = await api.call('records.page', {
        sessionId: grid.sessionId,
        table: grid.table,
        filters: grid.query.filters,
        search: grid.query.search || undefined,
        sort: grid.query.sort,
        pageSize: fetch.limit,
        ...(fetch.kind === 'end' ? { fromEnd: true } : { offset: fetch.offset }),
      })
      const now = current(gen, grid.key)
      if (!now) return
      set({ grid: { ...now, ...applyPage(windowOf(now), fetch, page), loading: false, loaded: true } })
      serveWanted()
    } catch (error) {
      patchGrid(gen, grid.key, { loading: false, loaded: true, error })
    }
  }

  const start = (grid: GridData) => {
    const gen = ++generation
    wanted = null
    set({ grid })
    void fetchPage(gen, grid, undefined)
    void count(gen, grid)
  }

  const fresh = (sessionId: string, table: string, query: GridQuery): GridData => ({
    key: gridKey(sessionId, table),
    sessionId,
    table,
    query,
    start: 0,
    rows: [],
    nextCursor: null,
    atEnd: false,
    loading: true,
    loaded: false,
    error: null,
    total: null,
    counting: false,
  })

  return {
    lists: {},
    infos: {},
    queries: {},
    widths: {},
    orders: {},
    grid: null,

    async loadTables(sessionId) {
      const before = get().lists[sessionId]
      set((state) => ({ lists: { ...state.lists, [sessionId]: { tables: before?.tables ?? null, loading: true, error: null } } }))
      try {
        const tables = await api.call('schema.tables', { sessionId })
        set((state) => ({ lists: { ...state.lists, [sessionId]: { tables, loading: false, error: null } } }))
      } catch (error) {
        set((state) => ({ lists: { ...state.lists, [sessionId]: { tables: before?.tables ?? null, loading: false, error } } }))
      }
    },

    async describe(sessionId, table, reload = false) {
      const key = gridKey(sessionId, table)
      const cached = get().infos[key]
      if (cached && !reload) return cached
      const info = await api.call('schema.describe', { sessionId, table })
      set((state) => ({ infos: { ...state.infos, [key]: info } }))
      return info
    },

    presetQuery(sessionId, table, query) {
      set((state) => ({ queries: { ...state.queries, [gridKey(sessionId, table)]: query } }))
    },

    openGrid(sessionId, table) {
      const key = gridKey(sessionId, table)
      const grid = get().grid
      const query = get().queries[key] ?? EMPTY_QUERY
      if (grid?.key === key && grid.query === query && !grid.error) return
      start(fresh(sessionId, table, query))
    },

    setQuery(query) {
      const grid = get().grid
      if (!grid) return
      set((state) => ({ queries: { ...state.queries, [grid.key]: query } }))
      start(fresh(grid.sessionId, grid.table, query))
    },

    async reload() {
      const grid = get().grid
      if (grid) start(fresh(grid.sessionId, grid.table, grid.query))
    },

    async loadMore() {
      const grid = get().grid
      if (!grid || grid.loading || !grid.nextCursor || grid.error) return
      await fetchPage(generation, grid, grid.nextCursor)
    },

    async ensureRows(first, last) {
      wanted = { first, last }
      const grid = get().grid
      if (!grid || grid.loading || grid.error || !grid.loaded) return
      const fetch = planFetch(windowOf(grid), first, last, grid.total)
      if (fetch) await fetchRows(generation, grid, fetch)
    },

    async retry() {
      const grid = get().grid
      if (!grid) return
      if (grid.rows.length === 0) return get().reload()
      set({ grid: { ...grid, error: null } })
      await get().loadMore()
    },

    recount() {
      const grid = get().grid
      if (grid) void count(generation, grid)
    },

    updateRows(change) {
      set((state) => (state.grid ? { grid: { ...state.grid, rows: change(state.grid.rows) } } : {}))
    },

    setWidth(sessionId, table, column, width) {
      const key = gridKey(sessionId, table)
      set((state) => ({ widths: { ...state.widths, [key]: { ...state.widths[key], [column]: width } } }))
    },

    restoreWidths(sessionId, table, widths) {
      const key = gridKey(sessionId, table)
      if (get().widths[key] || Object.keys(widths).length === 0) return
      set((state) => ({ widths: { ...state.widths, [key]: widths } }))
    },

    setOrder(sessionId, table, order) {
      const key = gridKey(sessionId, table)
      set((state) => ({ orders: { ...state.orders, [key]: order } }))
    },

    restoreOrder(sessionId, table, order) {
      const key = gridKey(sessionId, table)
      if (get().orders[key] || order.length === 0) return
      set((state) => ({ orders: { ...state.orders, [key]: order } }))
    },

    resetColumns(sessionId, table) {
      const key = gridKey(sessionId, table)
      set((state) => {
        const widths = { ...state.widths }
        const orders = { ...state.orders }
        delete widths[key]
        delete orders[key]
        return { widths, orders }
      })
    },
  }
})
