/**
 * Coverage of all 89 counties at R = 1000 m and 3000 m for 6,000 sample stations, cold (grid
 * build included) and warm (grids cached, as the API keeps them), beside the exact reference
 * (turf union of geodesic circles ∩ county, ellipsoidal area) on a handful of counties.
 * Run: npx tsx bench/coverage.ts (under a minute). Writes bench/results/coverage.json.
 */
import { readFileSync } from 'node:fs'
import { generateSample } from '../data/scripts/sample/generate-sample.ts'
import type { SampleCounty } from '../data/scripts/sample/generate-sample.ts'
import type { LonLat } from '../server/domain/geojson.ts'
import type { AreaGeometry } from '../server/geo/polygon.ts'
import { geometryBBox } from '../server/geo/polygon.ts'
import { countyCoverage } from '../server/geo/coverage/coverage.ts'
import { CoverageState } from '../server/geo/coverage/coverage-state.ts'
import { coverageGaps } from '../server/geo/coverage/gaps.ts'
import { suggestSites } from '../server/geo/coverage/suggestions.ts'
import type { CountyCoverage } from '../server/geo/coverage/coverage.ts'
import { buildCountyGrid } from '../server/geo/coverage/hex-grid.ts'
import type { CountyGrid } from '../server/geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../server/geo/coverage/resolution.ts'
import { exactCoveredFraction } from '../tests/server/geo/coverage/exact-coverage.ts'
import { report, round } from './bench-report.ts'

const STATIONS = 6000
const RADII_M = [1000, 3000]
const WARM_RUNS = 3
/** Reference counties: smallest, island, mid-size, large; the exact union is slow, so a few. */
const REFERENCE = ['上城区', '嵊泗县', '南湖区', '安吉县', '义乌市']

type County = { geometry: AreaGeometry; properties: SampleCounty['properties'] }
const counties = (
  JSON.parse(readFileSync('data/counties.geojson', 'utf8')) as { features: County[] }
).features
const sample = generateSample({ seed: 2024, stations: STATIONS, classes: 0, counties })
const stations: LonLat[] = sample.stations.map((s) => [s.lon, s.lat])
const totalAreaKm2 = counties.reduce((sum, c) => sum + c.properties.areaKm2, 0)

function coverAll(grids: CountyGrid[], radiusM: number): CountyCoverage[] {
  return grids.map((grid) => countyCoverage(grid, stations, radiusM))
}

const rows = []
const context: Record<string, unknown> = {
  counties: counties.length,
  totalAreaKm2: round(totalAreaKm2, 0),
  stations: stations.length,
  cpus: (await import('node:os')).cpus().length,
}
for (const radiusM of RADII_M) {
  const res = resolutionForRadius(radiusM)
  let t0 = performance.now()
  const grids = counties.map((c) => buildCountyGrid(c.geometry, res))
  const buildMs = performance.now() - t0
  t0 = performance.now()
  const results = coverAll(grids, radiusM)
  const firstMs = performance.now() - t0
  const warm: number[] = []
  for (let k = 0; k < WARM_RUNS; k++) {
    t0 = performance.now()
    coverAll(grids, radiusM)
    warm.push(performance.now() - t0)
  }
  const pieces = grids.reduce((n, g) => n + g.pieceLon.length, 0)
  const coveredKm2 = results.reduce((s, r) => s + r.coveredKm2, 0)

  let maxDiffPp = 0
  let exactMs = 0
  for (const name of REFERENCE) {
    const i = counties.findIndex((c) => c.properties.name === name)
    const county = counties[i] as County
    t0 = performance.now()
    const exactPct = exactCoveredFraction(county.geometry, nearby(county, radiusM), radiusM) * 100
    exactMs += performance.now() - t0
    const diff = Math.abs((results[i] as CountyCoverage).coveredPct - exactPct)
    maxDiffPp = Math.max(maxDiffPp, diff)
    console.log(
      `  ${name} R=${radiusM}: grid ${round((results[i] as CountyCoverage).coveredPct)}% exact ${round(exactPct)}% |Δ| ${round(diff)} pp`,
    )
  }
  rows.push({
    radiusM,
    h3Res: res,
    pieces,
    coldMs: round(buildMs + firstMs, 0),
    gridBuildMs: round(buildMs, 0),
    warmMs: round(Math.min(...warm), 0),
    coveredPctAll: round((coveredKm2 / totalAreaKm2) * 100, 2),
    exactMsPerCounty: round(exactMs / REFERENCE.length, 0),
    maxDiffPp: round(maxDiffPp, 3),
  })
}
// Gaps and suggestions for the largest county at the walking radius, on its cached grid.
const largest = counties.reduce((a, b) => (b.properties.areaKm2 > a.properties.areaKm2 ? b : a))
const walkGrid = buildCountyGrid(largest.geometry, resolutionForRadius(1000))
let t1 = performance.now()
const gapCount = coverageGaps(new CoverageState(walkGrid, 1000, stations), { minAreaKm2: 0.1 })
  .features.length
const gapsMs = performance.now() - t1
t1 = performance.now()
suggestSites(walkGrid, stations, 1000, 5)
const suggestionsMs = performance.now() - t1
console.log(
  `  ${largest.properties.name} (${largest.properties.areaKm2} km², R=1000): gaps ${round(gapsMs, 0)} ms (${gapCount} ≥ 0.1 km²), 5 suggestions ${round(suggestionsMs, 0)} ms`,
)
report('coverage', rows, {
  ...context,
  referenceCounties: REFERENCE,
  largestCounty: {
    name: largest.properties.name,
    gapsMs: round(gapsMs, 0),
    gaps: gapCount,
    suggestionsMs: round(suggestionsMs, 0),
  },
})

/** Stations that can reach the county (the oracle unions only those, as the grid does). */
function nearby(county: County, radiusM: number): LonLat[] {
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(county.geometry)
  const pad = (radiusM / 111_000) * 1.5 + 0.01
  return stations.filter(
    ([lon, lat]) =>
      lon > minLon - pad && lon < maxLon + pad && lat > minLat - pad && lat < maxLat + pad,
  )
}
