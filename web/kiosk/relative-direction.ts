/**
 * Directions as a person reading the kiosk sees them. The screen faces `facingDeg` (the
 * compass direction its reader looks in), so "up" on an arrow means straight ahead: a target
 * at compass bearing B appears rotated by B − facing. A station due north of a screen facing
 * east is at 270°: to the left.
 */

/** The arrow's clockwise rotation from "ahead", in [0, 360). */
export function screenRelativeDeg(bearingDeg: number, facingDeg: number): number {
  const d = (bearingDeg - facingDeg) % 360
  return d < 0 ? d + 360 : d
}

/** The eight ways to say it, clockwise from ahead. */
export const RELATIVE_DIRECTIONS = [
  'ahead',
  'aheadRight',
  'right',
  'behindRight',
  'behind',
  'behindLeft',
  'left',
  'aheadLeft',
] as const
export type RelativeDirection = (typeof RELATIVE_DIRECTIONS)[number]

/** The eighth of the circle a screen-relative angle falls in (each 45° wide, centred). */
export function relativeDirection(relativeDeg: number): RelativeDirection {
  const eighth = Math.round((((relativeDeg % 360) + 360) % 360) / 45) % 8
  return RELATIVE_DIRECTIONS[eighth]!
}
