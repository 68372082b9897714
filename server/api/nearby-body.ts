import type { Trust } from '../domain/report.ts'
import { hoursSummary } from '../domain/opening-hours.ts'
import { nearbyFields } from './nearby-fields.ts'
import type { StationHead } from './station-heads.ts'

export interface NearbyStation {
  head: StationHead
  distanceM: number
  bearingDeg: number
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
  stations: readonly NearbyStation[],
  at: Date,
  total: number,
  limit: number,
): Buffer<ArrayBuffer> {
  // Per station: its head, the fields computed here, its hours (kept, per value) and trust.
  const parts: (Buffer | string)[] = []
  for (const { head, distanceM, bearingDeg, trust } of stations) {
    const f = nearbyFields(distanceM, bearingDeg)
    const fields = `,"distanceM":${f.distanceM},"bearingDeg":${f.bearingDeg},"walkMinutes":${f.walkMinutes},`
    const hours = hoursFields(head.openingHours, at)
    const rest = `,${JSON.stringify(trust).slice(1)}}`
    parts.push(parts.length === 0 ? OPEN : ',', head.json, fields, hours, rest)
  }
  if (parts.length === 0) parts.push(OPEN)
  parts.push(`],"total":${total},"limit":${limit}}`)
  let size = 0
  for (const part of parts) size += typeof part === 'string' ? Buffer.byteLength(part) : part.length
  const body = Buffer.allocUnsafe(size)
  let offset = 0
  for (const part of parts) {
    offset += typeof part === 'string' ? body.write(part, offset) : part.copy(body, offset)
  }
  return body
}

const OPEN = '{"type":"FeatureCollection","features":['

/** `"openNow":…,"hours":{…}` per hours value, for one instant at a time (answers share it). */
const HOURS_KEPT = 10_000
const hoursJson = new Map<string | null, Buffer>()
let hoursAt = Number.NaN

function hoursFields(value: string | null, at: Date): Buffer {
  if (at.getTime() !== hoursAt || hoursJson.size >= HOURS_KEPT) {
    hoursJson.clear()
    hoursAt = at.getTime()
  }
  let fields = hoursJson.get(value)
  if (fields === undefined) {
    const hours = hoursSummary(value, at)
    fields = Buffer.from(`"openNow":${hours.openNow},"hours":${JSON.stringify(hours)}`)
    hoursJson.set(value, fields)
  }
  return fields
}
