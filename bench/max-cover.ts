/**
 * The suggestions against the exact optimum: on small counties with the shipped sample's active
 * stations fixed, for R = 1 km and 3 km and k = 1…10, the land the greedy's k sites add, the
 * greedy followed by swaps (what the API suggests), and the maximal covering optimum over the
 * same candidates and pieces (HiGHS, proven optimal; where its time limit comes first the row says
 * so and gives no ratio). Plus a large county's 20 suggestions, timed.
 * Run: npx tsx bench/max-cover.ts (minutes). Writes bench/results/max-cover.json.
 */
import { CoverageState } from '../server/geo/coverage/coverage-state.ts'
import { buildCountyGrid } from '../server/geo/coverage/hex-grid.ts'
import { maxCoverOptimum } from '../server/geo/coverage/max-cover-exact.ts'
import { coveredWeight, maxCoverInstance } from '../server/geo/coverage/max-cover-instance.ts'
import { resolutionForRadius } from '../server/geo/coverage/resolution.ts'
import { candidateCells, cellSite, suggestSites } from '../server/geo/coverage/suggestions.ts'
import { countyGeometry, sampleStations } from '../tests/server/geo/coverage/fixtures.ts'
import { report, round, type Row } from './bench-report.ts'

const COUNTIES = (process.env.COUNTIES ?? '上城区,嵊泗县,南湖区,拱墅区').split(',')
const RADII_M = [1000, 3000]
const COUNTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
const TIME_LIMIT_S = 30
const LARGE = '淳安县'

const stations = sampleStations()
const rows: Row[] = []
let worstGreedy = 1
let worstSwaps = 1
for (const name of COUNTIES) {
  for (const radiusM of RADII_M) {
    const grid = buildCountyGrid(countyGeometry(name), resolutionForRadius(radiusM))
    const cells = candidateCells(grid)
    const base = new CoverageState(grid, radiusM, stations)
    if (base.coveredFraction() > 0.999) {
      console.log(`${name} R=${radiusM}: already covered, skipped`)
      continue
    }
    const instance = maxCoverInstance(
      base,
      cells.map((c) => cellSite(grid, c)),
    )
    const indexOf = new Map(cells.map((c, i) => [grid.cells[c], i]))
    const t0 = performance.now()
    const optima = await maxCoverOptimum(instance, COUNTS, { timeLimitS: TIME_LIMIT_S })
    const solveS = (performance.now() - t0) / 1000
    const added = (picks: { cell: string }[]) =>
      coveredWeight(
        instance,
        picks.map((p) => indexOf.get(p.cell)!),
      ) - instance.baseKm2
    for (const o of optima) {
      let t1 = performance.now()
      const greedy = added(suggestSites(grid, stations, radiusM, o.k, { swaps: false }))
      const greedyMs = performance.now() - t1
      t1 = performance.now()
      const swaps = added(suggestSites(grid, stations, radiusM, o.k))
      const swapsMs = performance.now() - t1
      const best = o.coveredKm2 - instance.baseKm2
      const greedyRatio = best > 0 ? greedy / best : 1
      const swapsRatio = best > 0 ? swaps / best : 1
      if (o.optimal) {
        worstGreedy = Math.min(worstGreedy, greedyRatio)
        worstSwaps = Math.min(worstSwaps, swapsRatio)
      }
      rows.push({
        county: name,
        radiusM,
        k: o.k,
        candidates: cells.length,
        basePct: round(100 * base.coveredFraction(), 1),
        optimal: o.optimal ? 'yes' : `time limit (${TIME_LIMIT_S} s)`,
        greedyPerOpt: o.optimal ? round(greedyRatio, 4) : '',
        swapsPerOpt: o.optimal ? round(swapsRatio, 4) : '',
        greedyMs: round(greedyMs, 0),
        swapsMs: round(swapsMs, 0),
      })
    }
    console.log(
      `${name} R=${radiusM}: ${instance.elements.length} elements, solved in ${round(solveS, 1)} s`,
    )
  }
}

const largeGrid = buildCountyGrid(countyGeometry(LARGE), resolutionForRadius(1000))
let t2 = performance.now()
suggestSites(largeGrid, stations, 1000, 20, { swaps: false })
const largeGreedyMs = performance.now() - t2
t2 = performance.now()
suggestSites(largeGrid, stations, 1000, 20)
const largeSwapsMs = performance.now() - t2
console.log(
  `${LARGE} R=1000, 20 sites: greedy ${round(largeGreedyMs, 0)} ms, greedy + swaps ${round(largeSwapsMs, 0)} ms`,
)
report('max-cover', rows, {
  stations: stations.length,
  timeLimitS: TIME_LIMIT_S,
  worstGreedyPerOpt: round(worstGreedy, 4),
  worstSwapsPerOpt: round(worstSwaps, 4),
  large: { county: LARGE, greedyMs: round(largeGreedyMs, 0), swapsMs: round(largeSwapsMs, 0) },
})
