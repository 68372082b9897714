import type { BaseMessages } from '../i18n/messages.ts'
import { compassIndex } from '../ui/distance-text.ts'

export function formatDirection(bearingDeg: number, t: BaseMessages): string {
  return t.direction(t.compass[compassIndex(bearingDeg)] ?? '')
}

export function formatRadius(radiusM: number, t: BaseMessages): string {
  return radiusM < 1000 ? t.distance.metres(radiusM) : t.distance.km(String(radiusM / 1000))
}
