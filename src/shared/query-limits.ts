// The console's limits, zod-free so the renderer can import them without pulling the contract's schemas into its bundle.

/** The most rows one statement's result keeps by default; the rest are read and dropped, never held. */
export const QUERY_ROW_LIMIT = 1000
/** The most a caller may ask to keep per statement. */
export const QUERY_ROW_LIMIT_MAX = 10_000
/** The most rows the console keeps of one result at a time (the renderer's window; query.fetch's largest page). */
export const QUERY_WINDOW_ROWS = 10_000
/** The longest console text the engine accepts (and keeps as a draft). */
export const QUERY_TEXT_LIMIT = 1_000_000
