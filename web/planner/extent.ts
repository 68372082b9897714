/** Bounding boxes in [west, south, east, north] WGS-84 degrees, grown by a distance in metres. */

export type Bbox = [number, number, number, number]

/** Metres per degree of latitude (mean); longitude degrees shrink with cos(latitude). */
const M_PER_DEG = 111_320
/** The ellipsoid's metres per degree differ from the spherical mean by under 0.5 %. */
const SLACK = 1.005
const cosDeg = (d: number) => Math.cos((d * Math.PI) / 180)

/**
 * The bbox grown by `marginM` on every side. The longitude margin uses the latitude nearest the
 * pole, where a degree is shortest, so the result contains every point within marginM.
 */
export function growBbox(b: Bbox, marginM: number): Bbox {
  const dLat = (marginM * SLACK) / M_PER_DEG
  const polewardLat = Math.min(89, Math.max(Math.abs(b[1]), Math.abs(b[3])) + dLat)
  const dLon = (marginM * SLACK) / (M_PER_DEG * cosDeg(polewardLat))
  return [b[0] - dLon, Math.max(-90, b[1] - dLat), b[2] + dLon, Math.min(90, b[3] + dLat)]
}

/** An upper bound on the distance (m) from the bbox's centre to any point of it. */
export function bboxReachM(b: Bbox): number {
  // A degree of longitude is longest at the latitude nearest the equator.
  const eqLat = b[1] <= 0 && b[3] >= 0 ? 0 : Math.min(Math.abs(b[1]), Math.abs(b[3]))
  const halfW = ((b[2] - b[0]) / 2) * M_PER_DEG * cosDeg(eqLat)
  const halfH = ((b[3] - b[1]) / 2) * M_PER_DEG
  return Math.hypot(halfW, halfH) * SLACK
}
