import { z } from 'zod'
import type { Cell, CellInput } from './cells'

/** The schemas that check cells at the boundary. The types and plain helpers are in cells.ts (no zod, for the renderer). */
export * from './cells'

export const binaryCellSchema = z.object({
  base64: z.string(),
  bytes: z.number().int().nonnegative(),
  truncated: z.boolean(),
})

export const cellSchema: z.ZodType<Cell> = z.union([
  z.null(),
  z.boolean(),
  z.number().refine(Number.isFinite, 'numbers must be finite'),
  z.string(),
  binaryCellSchema,
])

export const rowSchema = z.record(z.string(), cellSchema)

export const cellInputSchema: z.ZodType<CellInput> = z.union([
  z.null(),
  z.boolean(),
  z.number().refine(Number.isFinite, 'numbers must be finite'),
  z.string(),
  z.object({ base64: z.string() }),
])
