import type { BaseMessages } from '../i18n/messages.ts'

/** 0 = N, 1 = NE, … 7 = NW: the eighth of the compass a bearing falls in. */
export function compassIndex(bearingDeg: number): number {
  const deg = ((bearingDeg % 360) + 360) % 360
  return Math.round(deg / 45) % 8
}

/** "850 米", "1.2 公里", "12 公里": metres below 1 km, one decimal below 10 km. */
export function formatDistance(distanceM: number, t: BaseMessages): string {
  if (distanceM < 1000) return t.distance.metres(Math.round(distanceM / 10) * 10)
  const km = distanceM / 1000
  return t.distance.km(km < 10 ? km.toFixed(1) : String(Math.round(km)))
}
