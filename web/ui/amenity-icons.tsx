import type { Amenity } from '../../server/domain/vocabularies.ts'
import { useT } from '../i18n/i18n.ts'
import { AMENITY_ICONS } from './icons.tsx'

/** A row of amenity icons, each named for screen readers and on hover. */
export function AmenityIcons({
  amenities,
  size = 18,
}: {
  amenities: readonly Amenity[]
  size?: number
}) {
  const t = useT()
  return (
    <ul className="amenity-icons" aria-label={t.card.amenities}>
      {amenities.map((a) => {
        const Icon = AMENITY_ICONS[a]
        return (
          <li key={a} title={t.amenities[a]}>
            <Icon size={size} aria-hidden />
            <span className="sr-only">{t.amenities[a]}</span>
          </li>
        )
      })}
    </ul>
  )
}
