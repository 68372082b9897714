import { TriangleAlert } from 'lucide-react'
import type { NearbyStationFeature } from '../../server/domain/station.ts'
import { PROBLEM_TYPES, type Amenity } from '../../server/domain/vocabularies.ts'
import { useT } from '../i18n/i18n.ts'
import { AmenityIcons } from '../ui/amenity-icons.tsx'
import { ErrorNote, Loading } from '../ui/status.tsx'
import type { RequestState } from '../api/use-request.ts'
import type { NearbyPage } from '../api/client.ts'
import { RADII_M } from '../map/url-state.ts'
import { formatDistance } from '../ui/distance-text.ts'
import { formatDirection, formatRadius } from './format.ts'
import { KindMark } from './kind-mark.tsx'
import { OpenBadge } from './open-badge.tsx'
import { useScrollSelected } from '../ui/use-scroll-selected.ts'

export interface ResultListProps {
  request: RequestState<NearbyPage<NearbyStationFeature>> & { retry: () => void }
  selectedId: string | null
  radiusM: number
  /** A searched county or city: the list is every station in it, not those within radiusM. */
  areaName: string | null
  amenities: readonly Amenity[]
  openNow: boolean
  hasKind: boolean
  originText: string
  onSelect: (f: NearbyStationFeature) => void
  onWiden: (radiusM: number) => void
  onDropAmenity: (a: Amenity) => void
  onDropOpenNow: () => void
  onDropKind: () => void
  onLeaveArea: () => void
}

/** The nearest stations, as real buttons: the accessible twin of the map. */
export function ResultList(p: ResultListProps) {
  const t = useT()
  const listRef = useScrollSelected<HTMLOListElement>(p.selectedId)

  const r = p.request
  if (r.status === 'idle' || r.status === 'loading') return <Loading>{t.list.loading}</Loading>
  if (r.status === 'error') {
    return (
      <ErrorNote retry={r.retry} retryLabel={t.list.retry}>
        {t.list.error}
      </ErrorNote>
    )
  }
  const features = r.data.features
  if (features.length === 0) {
    const wider = p.areaName === null ? RADII_M.find((x) => x > p.radiusM) : undefined
    return (
      <div className="empty" role="status">
        <p>
          {p.areaName === null
            ? t.list.empty(formatRadius(p.radiusM, t))
            : t.finder.areaEmpty(p.areaName)}
        </p>
        <div className="empty-actions">
          {wider && (
            <button type="button" className="btn" onClick={() => p.onWiden(wider)}>
              {t.list.widen(formatRadius(wider, t))}
            </button>
          )}
          {p.openNow && (
            <button type="button" className="btn" onClick={p.onDropOpenNow}>
              {t.list.dropOpenNow}
            </button>
          )}
          {p.hasKind && (
            <button type="button" className="btn" onClick={p.onDropKind}>
              {t.list.dropKind}
            </button>
          )}
          {p.amenities.map((a) => (
            <button key={a} type="button" className="btn" onClick={() => p.onDropAmenity(a)}>
              {t.list.dropFilter(t.amenities[a])}
            </button>
          ))}
        </div>
        <p className="muted">{t.list.moveHint}</p>
      </div>
    )
  }
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="list-heading">
        {p.areaName === null
          ? t.list.label(r.data.total)
          : t.finder.stationsIn(p.areaName, r.data.total)}{' '}
        <span className="muted">
          {r.data.total > features.length && (
            <>· {t.finder.showing(features.length, r.data.total)} </>
          )}
          · {p.originText}
        </span>
      </h2>
      {p.areaName !== null && (
        <button type="button" className="link-btn leave-area" onClick={p.onLeaveArea}>
          {t.finder.leaveArea}
        </button>
      )}
      <ol className="results" ref={listRef}>
        {features.map((f) => {
          const s = f.properties
          // Marked, as nearby sorts it, for an unresolved locked / not found / closed report.
          const problem = PROBLEM_TYPES.find((k) => s.openReports[k])
          return (
            <li key={f.id} data-id={f.id}>
              <button
                type="button"
                className="result"
                aria-current={p.selectedId === f.id ? 'true' : undefined}
                onClick={() => p.onSelect(f)}
              >
                <KindMark kind={s.kind} />
                <span className="result-body">
                  <span className="result-title">
                    <span className="result-name">{s.name}</span>
                    <OpenBadge open={s.openNow} suspended={s.status !== 'active'} />
                  </span>
                  {problem && (
                    <span className="result-flag">
                      <TriangleAlert aria-hidden size={14} /> {t.trust.flag(t.trust.what[problem])}
                    </span>
                  )}
                  <span className="result-meta">
                    <strong>{formatDistance(s.distanceM, t)}</strong> · {t.walk(s.walkMinutes)} ·{' '}
                    {formatDirection(s.bearingDeg, t)} · {t.kinds[s.kind]}
                  </span>
                  <AmenityIcons amenities={s.amenities} size={16} />
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
