import type { LonLat } from '../../domain/geojson.ts'
import type { CountyGrid } from './hex-grid.ts'
import { degreesAround, LOCAL_DISTANCE_MAX_REL_ERROR, localDistanceM } from './local-distance.ts'

/** Absolute slack on top of the relative one when trusting localDistanceM. */
const LOCAL_SLACK_M = 0.5

/** How a site reaches a piece: its whole equal-area disc, or only part of it. */
export const FULL = 1
export const PARTIAL = 2

/**
 * Calls visit(piece, FULL | PARTIAL) for every piece whose equal-area disc (radius ρ) comes
 * within radiusM of `site`: FULL when the whole disc is within reach (d ≤ R − ρ), PARTIAL when
 * its edge crosses the disc. The test uses localDistanceM with a margin ten times its proven
 * error, and a doubtful piece is called PARTIAL, which is always safe: a partial piece is then
 * measured sample by sample (piece-share.ts) and comes out whole if it is.
 */
export function forEachReachedPiece(
  grid: CountyGrid,
  site: LonLat,
  radiusM: number,
  visit: (piece: number, reach: typeof FULL | typeof PARTIAL) => void,
): void {
  const index = grid.pieceIndex
  if (index === null) return
  const { dLat, dLon } = degreesAround(site[1], radiusM + grid.maxPieceRadiusM + LOCAL_SLACK_M)
  const [lon, lat] = site
  const [minLon, minLat, maxLon, maxLat] = grid.bbox
  if (lon + dLon < minLon || lon - dLon > maxLon || lat + dLat < minLat || lat - dLat > maxLat)
    return
  const { pieceLon, pieceLat, pieceRadiusM } = grid
  for (const i of index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    const r = pieceRadiusM[i] as number
    const approxM = localDistanceM(site, [pieceLon[i] as number, pieceLat[i] as number])
    const marginM = approxM * LOCAL_DISTANCE_MAX_REL_ERROR + LOCAL_SLACK_M
    if (approxM - marginM >= radiusM + r) continue
    visit(i, approxM + marginM <= radiusM - r ? FULL : PARTIAL)
  }
}
