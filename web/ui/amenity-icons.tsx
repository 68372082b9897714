import type { Amenity } from '../../server/domain/vocabularies.ts'
import { useT } from '../i18n/i18n.ts'
import { AMENITY_ICONS } from './icons.tsx'

/**
 * A row of amenity icons, each named once for screen readers (a hidden text, not the icon's
 * hover title, which some read as well) and on hover.
 */
export function AmenityIcons({
  amenities,
  size = 18,
}: {
  amenities: readonly Amenity[]
  size?: number
}) {
  const t = useT()
  return (
    <ul className="amenity-icons">
      {amenities.map((a) => (
        <li key={a}>
          <span title={t.amenities[a]} aria-hidden>
            <AmenityIcon amenity={a} size={size} />
          </span>
          <span className="sr-only">{t.amenities[a]}</span>
        </li>
      ))}
    </ul>
  )
}

/** One amenity's icon, hidden from screen readers: for use beside its name in words. */
export function AmenityIcon({ amenity, size = 18 }: { amenity: Amenity; size?: number }) {
  const Icon = AMENITY_ICONS[amenity]
  return <Icon size={size} aria-hidden />
}
