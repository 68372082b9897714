import { z } from 'zod'

/** WGS-84 position, [lon, lat] in degrees. */
export const LonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
export type LonLat = z.infer<typeof LonLatSchema>

export const PointSchema = z.object({ type: z.literal('Point'), coordinates: LonLatSchema })

export function pointFeatureSchema<P extends z.ZodTypeAny>(properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: PointSchema,
    properties,
  })
}

export function featureCollectionSchema<F extends z.ZodTypeAny>(feature: F) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) })
}
