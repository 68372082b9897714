import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { CountyCollectionSchema } from './domain/county.ts'
import { StationSchema, type Station } from './domain/station.ts'
import { ChildcareClassSchema, type ChildcareClass } from './domain/childcare-class.ts'
import { ParkSchema, type Park } from './domain/park.ts'
import type { Dataset, Store } from './db/store.ts'
import type { SeedChoice } from './settings.ts'

/** Where data/scripts leave their output: the server reads only these files. */
export const DATA_FILES = {
  counties: 'counties.geojson',
  stations: 'sample/stations.json',
  classes: 'sample/classes.json',
  parks: 'sample/parks.json',
} as const

function readJson<T extends z.ZodTypeAny>(dataDir: string, file: string, schema: T): z.output<T> {
  const full = path.join(dataDir, file)
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(full, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${full} is invalid at ${issue?.path.join('.')}: ${issue?.message}`)
  }
  return parsed.data
}

/** Reads and validates the shipped data set (counties plus sample records), provenance filled. */
export function readDataset(
  dataDir: string,
): Dataset & { stations: Station[]; classes: ChildcareClass[]; parks: Park[] } {
  return {
    counties: readJson(dataDir, DATA_FILES.counties, CountyCollectionSchema).features,
    stations: readJson(dataDir, DATA_FILES.stations, z.array(StationSchema)),
    classes: readJson(dataDir, DATA_FILES.classes, z.array(ChildcareClassSchema)),
    parks: readJson(dataDir, DATA_FILES.parks, z.array(ParkSchema)),
  }
}

/**
 * Seeds an empty store with the counties and, unless `seed` is 'none', the sample records; a
 * store that already has counties is left alone.
 */
export async function seedIfEmpty(
  store: Store,
  dataDir: string,
  seed: SeedChoice = 'sample',
): Promise<boolean> {
  if ((await store.counts()).counties > 0) return false
  const dataset =
    seed === 'sample'
      ? readDataset(dataDir)
      : {
          counties: readJson(dataDir, DATA_FILES.counties, CountyCollectionSchema).features,
          stations: [],
          classes: [],
        }
  await store.replaceDataset(dataset)
  return true
}
