import { z } from 'zod'
import { StationSchema } from './station.ts'
import { ChildcareClassSchema } from './childcare-class.ts'
import { isValidOpeningHours } from './opening-hours.ts'

/**
 * Bodies of the editing API (`POST`/`PATCH /api/stations`, `/api/classes`), cut from the
 * record schemas so the API, the admin page and imports validate alike. The server owns a
 * record's id, county (it follows the point), sample flag and provenance: a body naming them
 * is refused as an unknown field.
 */

/** The layers the editing API writes (parks come in by import only). */
export const EDIT_LAYERS = ['stations', 'classes'] as const
export type EditLayer = (typeof EDIT_LAYERS)[number]

const SERVER_OWNED = {
  id: true,
  adcode: true,
  sample: true,
  source: true,
  sourceRef: true,
  importBatch: true,
} as const

const openingHours = z
  .string()
  .max(500)
  .refine(isValidOpeningHours, 'not valid opening_hours syntax (e.g. "Mo-Fr 08:00-18:00")')

export const StationCreateSchema = StationSchema.omit(SERVER_OWNED)
  .extend({
    name: z.string().trim().min(1).max(200),
    address: z.string().max(300),
    amenities: StationSchema.shape.amenities.default([]),
    openingHours: openingHours.nullable().default(null),
    phone: z.string().max(50).nullable().default(null),
    status: StationSchema.shape.status.default('active'),
    verifiedOn: StationSchema.shape.verifiedOn.default(null),
    hostName: z.string().max(200).nullable().default(null),
    hoursText: z.string().max(500).nullable().default(null),
  })
  .strict()
export type StationCreate = z.infer<typeof StationCreateSchema>

/** Only the fields to change; the county follows lon/lat. */
export const StationPatchSchema = partialOf(StationCreateSchema)
export type StationPatch = z.infer<typeof StationPatchSchema>

export const ClassCreateSchema = ChildcareClassSchema.omit(SERVER_OWNED)
  .extend({
    name: z.string().trim().min(1).max(200),
    address: z.string().max(300),
    schedule: openingHours,
  })
  .strict()
export type ClassCreate = z.infer<typeof ClassCreateSchema>

export const ClassPatchSchema = partialOf(ClassCreateSchema)
export type ClassPatch = z.infer<typeof ClassPatchSchema>

/** The age range and the term must run forwards, on a whole class or after a patch. */
export function classRangeProblems(c: {
  ageMin: number
  ageMax: number
  termStart: string
  termEnd: string
}): { parameter: string; detail: string }[] {
  const problems: { parameter: string; detail: string }[] = []
  if (c.ageMin > c.ageMax) problems.push({ parameter: 'ageMax', detail: 'is below ageMin' })
  if (c.termStart > c.termEnd)
    problems.push({ parameter: 'termEnd', detail: 'is before termStart' })
  return problems
}

/** Every field optional and without its default (an absent field stays as stored), ≥ 1 field. */
function partialOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [k, unwrapDefault(v as z.ZodType).optional()]),
  ) as { [K in keyof S]: z.ZodOptional<z.ZodType<z.output<S[K]>, z.input<S[K]>>> }
  return z
    .object(shape)
    .strict()
    .refine((o) => Object.keys(o).length > 0, 'names no field to change')
}

function unwrapDefault(t: z.ZodType): z.ZodType {
  return t instanceof z.ZodDefault ? (t.unwrap() as z.ZodType) : t
}
