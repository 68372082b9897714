import { Clock } from 'lucide-react'
import { AMENITIES, STATION_KINDS } from '../../server/domain/vocabularies.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import { useT } from '../i18n/i18n.ts'
import { AMENITY_ICONS, KIND_GLYPHS } from '../ui/icons.tsx'
import { RADII_M } from '../map/url-state.ts'
import { formatRadius } from './format.ts'

// The amenities a courier asks for first get chips; the rest follow.
const FIRST: Amenity[] = [
  'hot_water',
  'drinking_water',
  'toilet',
  'phone_charging',
  'ebike_charging',
  'microwave',
  'air_conditioning',
  'rest_seats',
]
const ORDER = [...FIRST, ...AMENITIES.filter((a) => !FIRST.includes(a))]

export interface FilterBarProps {
  amenities: readonly Amenity[]
  kind: StationKind | null
  openNow: boolean
  radiusM: number
  onChange: (patch: {
    amenities?: Amenity[]
    kind?: StationKind | null
    openNow?: boolean
    radiusM?: number
  }) => void
}

export function FilterBar({ amenities, kind, openNow, radiusM, onChange }: FilterBarProps) {
  const t = useT()
  const toggle = (a: Amenity) =>
    onChange({
      amenities: amenities.includes(a) ? amenities.filter((x) => x !== a) : [...amenities, a],
    })
  return (
    <div className="filters" role="group" aria-label={t.filters.label}>
      <div className="filter-row wrap">
        <button
          type="button"
          className="chip"
          aria-pressed={openNow}
          onClick={() => onChange({ openNow: !openNow })}
        >
          <Clock aria-hidden size={18} />
          {t.filters.openNow}
        </button>
        <label className="select-chip">
          <span className="sr-only">{t.filters.kind}</span>
          <select
            value={kind ?? ''}
            onChange={(e) => onChange({ kind: (e.target.value || null) as StationKind | null })}
          >
            <option value="">{t.filters.anyKind}</option>
            {STATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_GLYPHS[k]} {t.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="select-chip">
          <span className="sr-only">{t.filters.radius}</span>
          <select value={radiusM} onChange={(e) => onChange({ radiusM: Number(e.target.value) })}>
            {RADII_M.map((r) => (
              <option key={r} value={r}>
                {t.filters.radius} {formatRadius(r, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filter-row chips-scroll" role="group" aria-label={t.filters.amenities}>
        {ORDER.map((a) => {
          const Icon = AMENITY_ICONS[a]
          return (
            <button
              key={a}
              type="button"
              className="chip"
              aria-pressed={amenities.includes(a)}
              onClick={() => toggle(a)}
              data-amenity={a}
            >
              <Icon aria-hidden size={18} />
              {t.amenities[a]}
            </button>
          )
        })}
      </div>
    </div>
  )
}
