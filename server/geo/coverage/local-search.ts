import type { LonLat } from '../../domain/geojson.ts'
import { CoverageState } from './coverage-state.ts'
import type { CountyGrid } from './hex-grid.ts'

/** A move must add at least this share of the county's land: ends the search, ignores noise. */
const MIN_GAIN_SHARE = 1e-9
/** Pairs are sought among this many candidates that add the most on their own. */
const PAIR_LEADERS = 12

/**
 * Local search for maximal covering after the greedy. A move takes one pick out and puts in the
 * candidate adding the most given the rest (and the stations), or takes two out and puts in the
 * best pair among the candidates adding the most; it is made when that covers more land. Single
 * moves run until none helps, then pairs; after a pair move, singles again. Returns the improved picks (indices into `sites`).
 *
 * Why pairs: on 嵊泗县 at 3 km (sample stations, k = 3) the greedy's set is a local optimum for
 * single swaps at 93.4 % of the exact optimum, which differs from it in two sites.
 *
 * `bounds` are the candidates' gains over the stations alone. By submodularity a candidate never
 * adds more with other sites built, so candidates are tried in decreasing bound and the search
 * stops at the first bound no better than the best found: usually a few dozen evaluations.
 */
export function improveBySwaps(
  grid: CountyGrid,
  stations: readonly LonLat[],
  radiusM: number,
  sites: readonly LonLat[],
  bounds: readonly number[],
  picks: readonly number[],
): number[] {
  const chosen = [...picks]
  const order = Array.from(sites, (_, i) => i).sort((a, b) => bounds[b]! - bounds[a]!)
  const minGain = grid.gridAreaKm2 * MIN_GAIN_SHARE
  // Every state below is the stations plus some picks: start each from a copy of this one.
  const stationsOnly = new CoverageState(grid, radiusM, stations)
  const withSites = (picked: Iterable<number>) => {
    const state = stationsOnly.clone()
    for (const c of picked) state.add(sites[c] as LonLat)
    return state
  }

  /** The picks other than those at `out`, and the state they cover with the stations. */
  const without = (out: readonly number[]) => {
    const kept = chosen.filter((_, j) => !out.includes(j))
    return { kept: new Set(kept), state: withSites(kept) }
  }

  /** Up to `n` candidates adding the most to `state`, best first, with their gains. */
  const leaders = (state: CoverageState, taken: ReadonlySet<number>, n: number) => {
    const top: { site: number; gain: number }[] = []
    for (const c of order) {
      if (top.length === n && (bounds[c] as number) <= top[n - 1]!.gain) break
      if (taken.has(c)) continue
      const gain = state.gain(sites[c] as LonLat)
      if (gain <= 0 || (top.length === n && gain <= top[n - 1]!.gain)) continue
      top.push({ site: c, gain })
      top.sort((a, b) => b.gain - a.gain)
      if (top.length > n) top.pop()
    }
    return top
  }

  /** Puts the best candidate in place of pick k, if it adds more than the pick. */
  const single = (k: number): boolean => {
    const { kept, state } = without([k])
    const [best] = leaders(state, kept, 1)
    const own = state.gain(sites[chosen[k] as number] as LonLat)
    if (!best || best.gain <= own + minGain) return false
    chosen[k] = best.site
    return true
  }

  /**
   * Puts the best pair among the PAIR_LEADERS candidates adding the most in place of picks a and
   * b, if it adds more than they do.
   */
  const pair = (a: number, b: number): boolean => {
    const { kept, state } = without([a, b])
    const before = state.coveredGridKm2()
    const own = withSites([...kept, chosen[a] as number, chosen[b] as number])
    let best = own.coveredGridKm2() - before + minGain
    let bestPair: [number, number] | null = null
    const top = leaders(state, kept, PAIR_LEADERS)
    for (let i = 0; i < top.length; i++) {
      const first = top[i]!
      if (first.gain + first.gain <= best) break
      const next = withSites([...kept, first.site])
      for (let j = i + 1; j < top.length; j++) {
        const second = top[j]!
        if (first.gain + second.gain <= best) break
        const gain = first.gain + next.gain(sites[second.site] as LonLat)
        if (gain > best) [best, bestPair] = [gain, [first.site, second.site]]
      }
    }
    if (!bestPair) return false
    ;[chosen[a], chosen[b]] = bestPair
    return true
  }

  const singles = () => {
    let any = false
    for (let again = true; again;) {
      again = false
      for (let k = 0; k < chosen.length; k++) again = single(k) || again
      any ||= again
    }
    return any
  }
  singles()
  for (let again = true; again;) {
    again = false
    for (let a = 0; a < chosen.length && !again; a++) {
      for (let b = a + 1; b < chosen.length && !again; b++) again = pair(a, b)
    }
    if (again) singles()
  }
  return chosen
}
