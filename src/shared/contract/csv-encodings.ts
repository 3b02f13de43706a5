/**
 * The CSV encodings an import can read. Apart from transfer.ts, with no zod, because the renderer
 * lists them at run time and must not bundle zod for it.
 */
export const CSV_ENCODINGS = ['utf8', 'utf8-bom', 'latin1'] as const
/** `latin1` is read as Windows-1252 (its superset, which is what "Latin-1" files usually are). */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number]
