import type { ChildcareClassInput } from '../../../server/domain/childcare-class.ts'
import type { ParkInput } from '../../../server/domain/park.ts'
import type { StationInput } from '../../../server/domain/station.ts'
import { apportion } from './apportion.ts'
import { generateClasses } from './class-generator.ts'
import { layoutCounties } from './county-layout.ts'
import type { CountyLayout, SampleCounty } from './county-layout.ts'
import { generateParks } from './park-generator.ts'
import { createRandom } from './random.ts'
import { generateStations } from './station-generator.ts'
import { withAccess } from './access-generator.ts'
import type { Random } from './random.ts'

export type { SampleCounty } from './county-layout.ts'

export interface SampleOptions {
  /** Any safe integer; the same seed, counts and counties give the same records. */
  seed: number
  stations: number
  classes: number
  counties: readonly SampleCounty[]
}

export interface Sample {
  stations: StationInput[]
  classes: ChildcareClassInput[]
  parks: ParkInput[]
}

/** Every county gets at least this many stations and classes when the totals allow. */
export const MIN_STATIONS_PER_COUNTY = 10
export const MIN_CLASSES_PER_COUNTY = 2

/**
 * Generates sample stations and childcare classes for the given counties.
 *
 * Counts per county are apportioned (largest remainder, after a minimum each) to a weight
 * with a little county-level noise: for stations, half population and half urban
 * population; for classes, children aged 0–14; parks follow population alone (park-generator).
 * Layout, stations, classes and parks draw from independent streams of one seed, so changing
 * the class count leaves stations unchanged, and parks and then stations' access (forked last)
 * changed no earlier record.
 */
export function generateSample(options: SampleOptions): Sample {
  const { seed, stations, classes, counties } = options
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`)
  for (const [name, n] of [['stations', stations], ['classes', classes]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new Error(`${name} must be a non-negative integer, got ${n}`)
    }
  }
  if (counties.length === 0 && stations + classes > 0) throw new Error('no counties given')
  const root = createRandom(seed)
  const layoutRng = root.fork()
  const stationRng = root.fork()
  const classRng = root.fork()
  const weightRng = root.fork()
  const parkRng = root.fork()
  const accessRng = root.fork()
  const layouts = layoutCounties(counties, layoutRng)
  const stationCounts = apportion(
    stations,
    jitter(weightRng, stationWeights(layouts)),
    MIN_STATIONS_PER_COUNTY,
  )
  const classCounts = apportion(
    classes,
    jitter(weightRng, layouts.map((l) => l.children)),
    MIN_CLASSES_PER_COUNTY,
  )
  return {
    stations: withAccess(generateStations(layouts, stationCounts, stationRng), accessRng),
    classes: generateClasses(layouts, classCounts, classRng),
    parks: generateParks(layouts, parkRng),
  }
}

function stationWeights(layouts: readonly CountyLayout[]): number[] {
  const pop = layouts.reduce((s, l) => s + l.population, 0) || 1
  const urban = layouts.reduce((s, l) => s + l.urbanPopulation, 0) || 1
  return layouts.map((l) => (0.5 * l.population) / pop + (0.5 * l.urbanPopulation) / urban)
}

/** Multiplies each weight by a log-normal factor (σ 0.15): counties' unions differ in zeal. */
function jitter(rng: Random, weights: readonly number[]): number[] {
  return weights.map((w) => w * Math.exp(rng.normal(0, 0.15)))
}
