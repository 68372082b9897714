import { z } from 'zod'
import { featureCollectionSchema, pointFeatureSchema } from './geojson.ts'
import { AdcodeSchema, ProvenanceShape } from './station.ts'

/** A compass direction in whole degrees: 0 north, 90 east. */
export const FacingDegSchema = z.number().int().min(0).max(359)

/**
 * A logistics park (物流园) or courier depot where a kiosk hangs: its place, and which way the
 * kiosk's screen faces (the direction a person reading it looks), so arrows can say "ahead-left".
 */
export const ParkSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  address: z.string(),
  adcode: AdcodeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Compass direction a person facing the screen looks in. */
  facingDeg: FacingDegSchema,
  /** True for generated sample records, never for real ones. */
  sample: z.boolean(),
  ...ProvenanceShape,
})
export type Park = z.infer<typeof ParkSchema>
/** A park as files may hold it: the provenance fields may be left out. */
export type ParkInput = z.input<typeof ParkSchema>

export const ParkFeatureSchema = pointFeatureSchema(ParkSchema.omit({ lon: true, lat: true }))
export type ParkFeature = z.infer<typeof ParkFeatureSchema>
export const ParkCollectionSchema = featureCollectionSchema(ParkFeatureSchema)
