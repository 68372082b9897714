import type { LonLat } from '../../domain/geojson.ts'
import { discOverlapFraction } from './disc-overlap.ts'
import { localDistanceM, metresPerDegree } from './local-distance.ts'

/** Sample points per partially reached piece (a sunflower spiral fills a disc evenly). */
export const SAMPLES_PER_PIECE = 24
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5))

/** Unit-disc offsets [east, north] of the samples, each standing for 1/N of the disc's area. */
const UNIT_SAMPLES: ReadonlyArray<readonly [number, number]> = Array.from(
  { length: SAMPLES_PER_PIECE },
  (_, i) => {
    const r = Math.sqrt((i + 0.5) / SAMPLES_PER_PIECE)
    return [r * Math.cos(i * GOLDEN_ANGLE), r * Math.sin(i * GOLDEN_ANGLE)] as const
  },
)

/**
 * Raises the per-sample covered shares of a piece — a disc of radius pieceRadiusM about
 * `centre` — for one more site within radiusM, and returns the piece's covered share (0–1),
 * their mean. The piece is split into SAMPLES_PER_PIECE sample discs of equal area; each counts
 * as covered by the largest share of it any site covers (a lens: discOverlapFraction).
 *
 * Why not one lens for the whole piece: the lens is unbiased for one outline, but where several
 * outlines pass through a piece their union is neither the largest lens (undercounts neighbours'
 * complementary parts, −2 pp seen) nor 1 − Π(1 − lens) (overcounts near-coincident discs,
 * +1.2 pp seen). Taking the max per sample disc errs only where two outlines cross inside a
 * disc 1/24 the area, and keeps coverage a union measure: monotone and submodular in the sites,
 * which the greedy suggestions rely on. `into` may be `samples` (update) or a scratch array.
 */
export function raiseSampleShares(
  samples: Float64Array,
  centre: LonLat,
  pieceRadiusM: number,
  site: LonLat,
  radiusM: number,
  into: Float64Array = samples,
): number {
  const sampleRadiusM = pieceRadiusM / Math.sqrt(SAMPLES_PER_PIECE)
  // Scale at the centre: over a piece (≤ 1.3 km across) it changes by < 1e-4.
  const perDeg = metresPerDegree(centre[1])
  const lonPerM = 1 / perDeg.lon
  const latPerM = 1 / perDeg.lat
  let sum = 0
  for (let i = 0; i < SAMPLES_PER_PIECE; i++) {
    const before = samples[i] as number
    let share = before
    if (before < 1) {
      const [east, north] = UNIT_SAMPLES[i] as readonly [number, number]
      const sample: LonLat = [
        centre[0] + east * pieceRadiusM * lonPerM,
        centre[1] + north * pieceRadiusM * latPerM,
      ]
      share = Math.max(
        before,
        discOverlapFraction(sampleRadiusM, radiusM, localDistanceM(site, sample)),
      )
    }
    into[i] = share
    sum += share
  }
  return sum / SAMPLES_PER_PIECE
}
