import { z } from 'zod'
import type { Cell, CellInput } from './cells'

/** The schemas that check cells at the boundary. The types and plain helpers are in cells.ts (no zod, for the renderer). */
export * from './cells'

export const binaryCellSchema = z.object({
  base64: z.string(),
  bytes: z.number().int().nonnegative(),
  truncated: z.boolean(),
})

export const cellSchema: z.ZodType<Cell, Cell> = z.union([
  z.null(),
  z.boolean(),
  z.number().refine(Number.isFinite, 'numbers must be finite'),
  z.string(),
  binaryCellSchema,
])

/**
 * Column name → value, for rows, keys and values to write. Not `z.record`: zod drops a `__proto__`
 * key on purpose (it builds into a plain `{}`), and a column may be called `__proto__`. This checks
 * each own key's value and answers an object built with Object.fromEntries, whose keys are all own
 * properties, whatever their names (design.md §4: rows are safe for any column name).
 */
export function columnRecordSchema<T, In>(valueSchema: z.ZodType<T, In>): z.ZodType<Record<string, T>, Record<string, In>> {
  return z
    .custom<Record<string, In>>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      'Expected an object of column → value',
    )
    .transform((input, ctx) => {
      const entries: Array<[string, T]> = []
      for (const [name, raw] of Object.entries(input)) {
        const parsed = valueSchema.safeParse(raw)
        if (parsed.success) entries.push([name, parsed.data])
        else
          for (const issue of parsed.error.issues)
            ctx.addIssue({ code: 'custom', message: issue.message, path: [name, ...issue.path], input: raw })
      }
      return Object.fromEntries(entries)
    })
}

export const rowSchema = columnRecordSchema(cellSchema)

export const cellInputSchema: z.ZodType<CellInput, CellInput> = z.union([
  z.null(),
  z.boolean(),
  z.number().refine(Number.isFinite, 'numbers must be finite'),
  z.string(),
  // A binary cell as read may be cut at the preview cap (`truncated`); written back, it would store
  // the cut. Refused here, before any database sees it (design.md §3).
  z
    .object({ base64: z.string(), truncated: z.boolean().optional() })
    .refine((value) => value.truncated !== true, {
      message:
        'This binary value was read cut short (only its first 64 KiB), so it cannot be written; leave the column out to keep the stored value.',
    })
    .transform(({ base64 }) => ({ base64 })),
])
