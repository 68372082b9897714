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
 * What one site covers of a piece — a disc of radius pieceRadiusM about `centre` — sample by
 * sample: writes to out[offset … offset + SAMPLES_PER_PIECE) the share (0–1) of each of its
 * SAMPLES_PER_PIECE equal sample discs within radiusM of `site` (a lens: discOverlapFraction).
 * A sample's covered share is the largest any site gives it, and the piece's is their mean.
 *
 * Why not one lens for the whole piece: the lens is unbiased for one outline, but where several
 * outlines pass through a piece their union is neither the largest lens (undercounts neighbours'
 * complementary parts, −2 pp seen) nor 1 − Π(1 − lens) (overcounts near-coincident discs,
 * +1.2 pp seen). Taking the max per sample disc errs only where two outlines cross inside a
 * disc 1/24 the area, and keeps coverage a union measure: monotone and submodular in the sites,
 * which the greedy suggestions rely on.
 */
export function sampleShares(
  centre: LonLat,
  pieceRadiusM: number,
  site: LonLat,
  radiusM: number,
  out: Float64Array,
  offset: number,
): void {
  const sampleRadiusM = pieceRadiusM / Math.sqrt(SAMPLES_PER_PIECE)
  // Scale at the centre: over a piece (≤ 1.3 km across) it changes by < 1e-4.
  const perDeg = metresPerDegree(centre[1])
  const lonPerM = 1 / perDeg.lon
  const latPerM = 1 / perDeg.lat
  for (let i = 0; i < SAMPLES_PER_PIECE; i++) {
    const [east, north] = UNIT_SAMPLES[i] as readonly [number, number]
    const sample: LonLat = [
      centre[0] + east * pieceRadiusM * lonPerM,
      centre[1] + north * pieceRadiusM * latPerM,
    ]
    out[offset + i] = discOverlapFraction(sampleRadiusM, radiusM, localDistanceM(site, sample))
  }
}
