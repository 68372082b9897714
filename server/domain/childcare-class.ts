import { z } from 'zod'
import { CLASS_HOSTS } from './vocabularies.ts'
import { featureCollectionSchema, pointFeatureSchema } from './geojson.ts'
import {
  AdcodeSchema,
  HoursSummarySchema,
  IsoDateSchema,
  NearbyCountsSchema,
  NearbyFieldsSchema,
  ProvenanceShape,
} from './station.ts'

/** A union summer childcare class (爱心托班) for workers' children. */
export const ChildcareClassSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  host: z.enum(CLASS_HOSTS),
  address: z.string(),
  adcode: AdcodeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Children aged ageMin..ageMax years inclusive. */
  ageMin: z.number().int().min(0).max(18),
  ageMax: z.number().int().min(0).max(18),
  termStart: IsoDateSchema,
  termEnd: IsoDateSchema,
  /** Daily schedule in OpenStreetMap `opening_hours` syntax, e.g. "Mo-Fr 08:00-17:30". */
  schedule: z.string(),
  capacity: z.number().int().positive(),
  enrolled: z.number().int().nonnegative(),
  /** Fee for the whole term in CNY; 0 means free. */
  feeCny: z.number().nonnegative(),
  contactName: z.string(),
  contactPhone: z.string(),
  sample: z.boolean(),
  ...ProvenanceShape,
})
export type ChildcareClass = z.infer<typeof ChildcareClassSchema>
/** A class as files may hold it: the provenance fields may be left out. */
export type ChildcareClassInput = z.input<typeof ChildcareClassSchema>

const ClassPropertiesSchema = ChildcareClassSchema.omit({ lon: true, lat: true })
/** One class (`GET /api/classes/{id}`, and what a write answers). */
export const ClassFeatureSchema = pointFeatureSchema(
  ClassPropertiesSchema.extend({
    seatsLeft: z.number().int().nonnegative(),
    /** The schedule evaluated at the answer's time. */
    hours: HoursSummarySchema,
  }),
)
export type ClassFeature = z.infer<typeof ClassFeatureSchema>
export const ClassPageSchema = featureCollectionSchema(ClassFeatureSchema).extend({
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
})
export const NearbyClassFeatureSchema = pointFeatureSchema(
  ClassPropertiesSchema.extend(NearbyFieldsSchema.shape).extend({
    seatsLeft: z.number().int().nonnegative(),
    /** The schedule evaluated at the answer's time. */
    hours: HoursSummarySchema,
  }),
)
export type NearbyClassFeature = z.infer<typeof NearbyClassFeatureSchema>
export const NearbyClassCollectionSchema = featureCollectionSchema(NearbyClassFeatureSchema).extend(
  NearbyCountsSchema.shape,
)
