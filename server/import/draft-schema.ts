import { z } from 'zod'
import { ChildcareClassSchema } from '../domain/childcare-class.ts'
import { ParkSchema } from '../domain/park.ts'
import { StationSchema } from '../domain/station.ts'
import type { ImportLayer } from './register.ts'

/** A record as read (StationDraft, ClassDraft, ParkDraft): the stored schema without a batch, the id optional. */
const draftId = { id: z.string().min(1).nullable() }
export const DRAFT_SCHEMAS = {
  stations: StationSchema.omit({ id: true, importBatch: true }).extend(draftId),
  classes: ChildcareClassSchema.omit({ id: true, importBatch: true }).extend(draftId),
  parks: ParkSchema.omit({ id: true, importBatch: true }).extend(draftId),
} satisfies Record<ImportLayer, z.ZodType>
