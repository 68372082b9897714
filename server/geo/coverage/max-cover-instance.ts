import type { LonLat } from '../../domain/geojson.ts'
import type { CoverageState } from './coverage-state.ts'
import { SAMPLES_PER_PIECE } from './piece-share.ts'

/**
 * One unit of land of the maximal covering problem: samples of pieces (piece-share.ts) that
 * every candidate covers alike, merged. Its covered share is the largest of `base` (what the
 * existing stations give it) and the values of the chosen candidates reaching it.
 */
export interface CoverElement {
  /** Land it stands for, grid km². */
  weight: number
  /** Covered share before any candidate is built (0 ≤ base < 1). */
  base: number
  /** Candidates that give it more than `base`, ascending, and the share each gives. */
  sites: number[]
  values: number[]
}

/** The maximal covering problem over a coverage state: which candidates to build. */
export interface MaxCoverInstance {
  candidates: number
  /** Land covered before any candidate is built, grid km². */
  baseKm2: number
  elements: CoverElement[]
}

/**
 * The instance for adding some of `candidates` to what `state` already covers (existing
 * stations stay): the same pieces, samples, shares and per-site scaling as CoverageState, so a
 * selection's covered land here equals the state's after adding those sites (tested).
 */
export function maxCoverInstance(
  state: CoverageState,
  candidates: readonly LonLat[],
): MaxCoverInstance {
  // Per piece, which candidates reach it and how: null = wholly.
  const reach = new Map<number, { site: number; shares: Float64Array | null }[]>()
  candidates.forEach((candidate, site) => {
    state.forEachShare(candidate, (piece, shares) => {
      let list = reach.get(piece)
      if (!list) reach.set(piece, (list = []))
      list.push({ site, shares: shares && Float64Array.from(shares) })
    })
  })
  const merged = new Map<string, CoverElement>()
  for (const [piece, list] of reach) {
    const sampleKm2 = (state.grid.pieceAreaKm2[piece] as number) / SAMPLES_PER_PIECE
    for (let i = 0; i < SAMPLES_PER_PIECE; i++) {
      const base = state.sampleCovered(piece, i)
      if (base === 1) continue
      const sites: number[] = []
      const values: number[] = []
      for (const { site, shares } of list) {
        const value = shares === null ? 1 : (shares[i] as number)
        if (value <= base) continue
        sites.push(site)
        values.push(value)
      }
      if (sites.length === 0) continue
      const key = `${base}|${sites.join(',')}|${values.join(',')}`
      const element = merged.get(key)
      if (element) element.weight += sampleKm2
      else merged.set(key, { weight: sampleKm2, base, sites, values })
    }
  }
  return {
    candidates: candidates.length,
    baseKm2: state.coveredGridKm2(),
    elements: [...merged.values()],
  }
}

/** Land covered (grid km²) once the chosen candidates are built. */
export function coveredWeight(instance: MaxCoverInstance, chosen: Iterable<number>): number {
  const built = new Uint8Array(instance.candidates)
  for (const site of chosen) built[site] = 1
  let km2 = instance.baseKm2
  for (const { weight, base, sites, values } of instance.elements) {
    let best = base
    for (let j = 0; j < sites.length; j++) {
      if (built[sites[j] as number] === 1) best = Math.max(best, values[j] as number)
    }
    km2 += weight * (best - base)
  }
  return km2
}
