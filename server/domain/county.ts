import { z } from 'zod'
import { AdcodeSchema } from './station.ts'

/** Facts for one county-level division (区, 县, 县级市) as drawn by our boundaries. */
export const CountyFactsSchema = z.object({
  adcode: AdcodeSchema,
  name: z.string(),
  city: z.string(),
  cityAdcode: AdcodeSchema,
  /** 2020 census resident population; null where the census has no matching row. */
  population: z.number().int().nullable(),
  urbanPopulation: z.number().int().nullable(),
  /** Residents aged 0–14 (census share × population, rounded). */
  children: z.number().int().nullable(),
  /** Geodesic area of our polygon, km². */
  areaKm2: z.number().positive(),
  /** What the boundary does not reflect (renames, splits since 2016). */
  note: z.string().nullable(),
})
export type CountyFacts = z.infer<typeof CountyFactsSchema>

export const CountyFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.any()),
  }),
  properties: CountyFactsSchema,
})
export type CountyFeature = z.infer<typeof CountyFeatureSchema>
export const CountyCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(CountyFeatureSchema),
})
