import type { Trust } from '../domain/report.ts'
import { hoursSummary } from '../domain/opening-hours.ts'
import { NO_TRUST } from '../domain/trust.ts'
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
  // Strings here are ASCII (numbers and JSON punctuation): their length is their byte count
  // and they are written as latin1, which skips UTF-8 encoding; the rest are bytes already.
  const parts: (Buffer | string)[] = []
  let size = 0
  const add = (part: Buffer | string) => {
    parts.push(part)
    size += part.length
  }
  for (const { head, distanceM, bearingDeg, trust } of stations) {
    const f = nearbyFields(distanceM, bearingDeg)
    add(parts.length === 0 ? OPEN : ',')
    add(head.json)
    add(`,"distanceM":${f.distanceM},"bearingDeg":${f.bearingDeg},"walkMinutes":${f.walkMinutes},`)
    add(hoursFields(head.openingHours, at))
    // Most stations have no report: their trust is the one NO_TRUST object, written once.
    add(trust === NO_TRUST ? NO_TRUST_REST : Buffer.from(`,${JSON.stringify(trust).slice(1)}}`))
  }
  if (parts.length === 0) add(OPEN)
  add(`],"total":${total},"limit":${limit}}`)
  const body = Buffer.allocUnsafe(size)
  let offset = 0
  for (const part of parts) {
    offset +=
      typeof part === 'string' ? body.write(part, offset, 'latin1') : part.copy(body, offset)
  }
  return body
}

const NO_TRUST_REST = Buffer.from(`,${JSON.stringify(NO_TRUST).slice(1)}}`)
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
