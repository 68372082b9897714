import type { LonLat } from '../domain/geojson.ts'
import type { Trust } from '../domain/report.ts'
import { hoursSummary } from '../domain/opening-hours.ts'
import { nearbyFields } from './nearby-fields.ts'
import type { StationHead } from './station-heads.ts'

export interface NearbyStation {
  head: StationHead
  point: LonLat
  distanceM: number
  trust: Trust
}

/**
 * A nearby stations answer, as the bytes JSON.stringify gives
 *   { type: 'FeatureCollection', features, total, limit }
 * where each feature is pointFeature(station, { ...nearbyFields, openNow, hours, ...trust })
 * (tests/server/api/nearby-body.test.ts holds it to that byte for byte), written from the
 * stations' kept heads and the few fields that differ per answer, with one allocation.
 */
export function nearbyStationsBody(
  origin: LonLat,
  stations: readonly NearbyStation[],
  at: Date,
  total: number,
  limit: number,
): Buffer<ArrayBuffer> {
  const tails = stations.map(({ head, point, distanceM, trust }) => {
    const f = nearbyFields(origin, point, distanceM)
    return (
      `,"distanceM":${f.distanceM},"bearingDeg":${f.bearingDeg},"walkMinutes":${f.walkMinutes},` +
      `${hoursFields(head.openingHours, at)},${JSON.stringify(trust).slice(1)}}`
    )
  })
  const open = '{"type":"FeatureCollection","features":['
  const close = `],"total":${total},"limit":${limit}}`
  let size = open.length + close.length + Math.max(0, stations.length - 1)
  for (let i = 0; i < stations.length; i++) {
    size += stations[i]!.head.json.length + Buffer.byteLength(tails[i]!)
  }
  const body = Buffer.allocUnsafe(size)
  let offset = body.write(open, 0, 'latin1')
  for (let i = 0; i < stations.length; i++) {
    if (i > 0) offset += body.write(',', offset, 'latin1')
    offset += stations[i]!.head.json.copy(body, offset)
    offset += body.write(tails[i]!, offset)
  }
  body.write(close, offset, 'latin1')
  return body
}

/** `"openNow":…,"hours":{…}` per hours value, for one instant at a time (answers share theirs). */
const HOURS_KEPT = 10_000
const hoursJson = new Map<string | null, string>()
let hoursAt = Number.NaN

function hoursFields(value: string | null, at: Date): string {
  if (at.getTime() !== hoursAt || hoursJson.size >= HOURS_KEPT) {
    hoursJson.clear()
    hoursAt = at.getTime()
  }
  let fields = hoursJson.get(value)
  if (fields === undefined) {
    const hours = hoursSummary(value, at)
    fields = `"openNow":${hours.openNow},"hours":${JSON.stringify(hours)}`
    hoursJson.set(value, fields)
  }
  return fields
}
