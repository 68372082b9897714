import { ArrowUp } from 'lucide-react'
import { useKioskT } from '../i18n/i18n.ts'
import { relativeDirection, screenRelativeDeg } from './relative-direction.ts'

/** An arrow pointing where the target is for someone reading the screen, and it in words. */
export function DirectionArrow({
  bearingDeg,
  facingDeg,
}: {
  bearingDeg: number
  facingDeg: number
}) {
  const t = useKioskT()
  const rel = screenRelativeDeg(bearingDeg, facingDeg)
  return (
    <span className="kiosk-direction" data-rotation={Math.round(rel)}>
      <ArrowUp
        className="kiosk-arrow"
        aria-hidden
        size={56}
        style={{ transform: `rotate(${rel}deg)` }}
      />
      <span>{t.kiosk.directions[relativeDirection(rel)]}</span>
    </span>
  )
}
