import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import type { Ref } from 'react'
import {
  CircleCheck,
  DoorOpen,
  Info,
  KeyRound,
  MapPin,
  MessageSquareWarning,
  Navigation,
  Phone,
  QrCode,
  ScanFace,
  TriangleAlert,
  UserRound,
  X,
} from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import { fetchStation, type StationWithHours } from '../api/client.ts'
import type { AccessMethod } from '../../server/domain/vocabularies.ts'
import { trustLines, trustMessages, type TrustLine } from '../ui/trust-text.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { distanceM, initialBearingDeg } from '../../server/geo/geodesic.ts'
import { WALK_M_PER_MIN } from './walk.ts'
import { useT } from '../i18n/i18n.ts'
import { AmenityIcon } from '../ui/amenity-icons.tsx'
import { ErrorNote, Loading } from '../ui/status.tsx'
import type { RequestState } from '../api/use-request.ts'
import { formatDistance } from '../ui/distance-text.ts'
import { formatDirection } from './format.ts'
import { intervalsText, todayStatus, weeklySummary } from './hours-text.ts'
import { navLinks } from '../map/nav-links.ts'
import { NavLinkAnchors } from './nav-link-anchors.tsx'
import { KindMark } from './kind-mark.tsx'
import { OpenBadge } from './open-badge.tsx'

// The form is only for those who report: it loads when asked for, not with the card.
const ReportForm = lazy(() => import('./report-form.tsx').then((m) => ({ default: m.ReportForm })))

const ACCESS_ICONS: Record<AccessMethod, LucideIcon> = {
  open_door: DoorOpen,
  ask_staff: UserRound,
  code_lock: KeyRound,
  app_scan: QrCode,
  face_scan: ScanFace,
}
const TRUST_ICONS: Record<TrustLine['tone'], LucideIcon> = {
  ok: CircleCheck,
  problem: TriangleAlert,
  note: Info,
}

/** The point distances are measured from, and how to say so ("距你", "from the picked place"). */
export interface DistanceFrom {
  point: LonLat
  label: string
}

export interface StationCardProps {
  ref?: Ref<HTMLDivElement>
  request: RequestState<StationWithHours> & { retry: () => void }
  /** null: no distance (from the map centre it would mean nothing to the reader). */
  from: DistanceFrom | null
  now: Date
  onClose: () => void
}

export function StationCard({ ref, request, from, now, onClose }: StationCardProps) {
  const t = useT()
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => closeRef.current?.focus(), [])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  return (
    <div ref={ref} className="card" role="dialog" aria-modal="false" aria-labelledby="card-title">
      <button
        ref={closeRef}
        type="button"
        className="icon-btn card-close"
        aria-label={t.card.close}
        onClick={onClose}
      >
        <X aria-hidden size={22} />
      </button>
      {request.status === 'ok' ? (
        <ReportableCard s={request.data} from={from} now={now} />
      ) : request.status === 'error' ? (
        <ErrorNote retry={request.retry} retryLabel={t.list.retry}>
          {t.card.error}
        </ErrorNote>
      ) : (
        <Loading>{t.card.loading}</Loading>
      )}
    </div>
  )
}

/** The card of a station, kept up to date after its reader reports on it. */
function ReportableCard({
  s,
  from,
  now,
}: {
  s: StationWithHours
  from: DistanceFrom | null
  now: Date
}) {
  const [fresh, setFresh] = useState<StationWithHours | null>(null)
  // The station again, for its new trust signal; the form stays open with its receipt.
  const reload = () => void fetchStation(s.id).then(setFresh, () => undefined)
  return <CardBody s={fresh ?? s} from={from} now={now} onReported={reload} />
}

function CardBody({
  s,
  from,
  now,
  onReported,
}: {
  s: StationWithHours
  from: DistanceFrom | null
  now: Date
  onReported: () => void
}) {
  const t = useT()
  const pos: LonLat = [s.lon, s.lat]
  const status = todayStatus(s.hours, now)
  const links = navLinks(pos, s.name)
  const d = from ? distanceM(from.point, pos) : null
  // Hours a register wrote in words we could not read: shown as written, never as open/closed.
  const posted = status.open === null ? s.hoursText : null
  const trust = trustLines(s, now, t)
  const m = trustMessages(t)
  const AccessIcon = s.access && ACCESS_ICONS[s.access]
  return (
    <>
      <header className="card-head">
        <KindMark kind={s.kind} />
        <div>
          <h2 id="card-title">{s.name}</h2>
          <p className="card-sub">
            {t.kinds[s.kind]} · {t.tiers[s.tier]}
            {s.sample && <span className="badge badge-sample">{t.sampleBadge}</span>}
          </p>
        </div>
      </header>
      {d !== null && from && d >= 1 && (
        <p className="card-distance">
          {t.finder.distanceFrom(
            from.label,
            formatDistance(d, t),
            t.walk(Math.ceil(d / WALK_M_PER_MIN)),
            formatDirection(initialBearingDeg(from.point, pos), t),
          )}
        </p>
      )}
      <section className="card-hours" aria-label={t.card.hours}>
        <p className="card-today">
          <OpenBadge open={status.open} suspended={s.status !== 'active'} />
          <span>
            {posted
              ? t.card.postedHours
              : s.openingHours === null || status.open === null
                ? t.card.unknownHours
                : status.today.length > 0
                  ? t.card.today(intervalsText(status.today, t))
                  : t.card.closedToday}
            {status.changeAt && status.open !== null && (
              <>
                {' '}
                · {status.open ? t.card.closesAt(status.changeAt) : t.card.opensAt(status.changeAt)}
              </>
            )}
          </span>
        </p>
        {posted && (
          <>
            <p className="posted-hours">
              <q>{posted}</q>
            </p>
            <p className="muted small">{t.card.postedHoursNote}</p>
          </>
        )}
        {s.openingHours !== null && status.open !== null && (
          <ul className="week">
            {weeklySummary(s.hours, t).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>
      {trust.length > 0 && (
        <ul className="trust" aria-label={m.report}>
          {trust.map(({ tone, text }) => {
            const Icon = TRUST_ICONS[tone]
            return (
              <li key={text} className={`trust-${tone}`}>
                <Icon aria-hidden size={18} /> {text}
              </li>
            )
          })}
        </ul>
      )}
      <dl className="facts">
        <dt>{t.card.host}</dt>
        <dd>
          {s.hostName ?? t.hosts[s.host]}
          {s.hostName && <span className="muted"> · {t.hosts[s.host]}</span>}
        </dd>
        {(s.access || s.accessNote) && (
          <>
            <dt>{m.accessLabel}</dt>
            <dd className="access">
              {AccessIcon && <AccessIcon aria-hidden size={16} />}
              {s.access && <strong>{m.access[s.access]}</strong>}
              {s.accessNote && <span className="muted"> {s.accessNote}</span>}
            </dd>
          </>
        )}
        <dt>{t.card.address}</dt>
        <dd>
          <MapPin aria-hidden size={16} /> {s.address}
        </dd>
        {s.phone && (
          <>
            <dt>{t.card.phone}</dt>
            <dd>
              <a
                className="btn btn-call"
                href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}
                aria-label={t.card.call(s.phone)}
              >
                <Phone aria-hidden size={18} /> {s.phone}
              </a>
            </dd>
          </>
        )}
        {s.amenities.length > 0 && (
          <>
            <dt>{t.card.amenities}</dt>
            <dd>
              <ul className="amenity-list">
                {s.amenities.map((a) => (
                  <li key={a}>
                    <AmenityIcon amenity={a} size={16} />
                    {t.amenities[a]}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <nav className="nav-links" aria-label={t.card.navigate}>
        <h3>
          <Navigation aria-hidden size={18} /> {t.card.navigate}
        </h3>
        <NavLinkAnchors links={links} />
      </nav>
      <ReportSection s={s} onReported={onReported} />
      {s.verifiedOn && <p className="muted small">{t.card.verified(s.verifiedOn)}</p>}
      {s.source && <p className="muted small">{t.card.source(s.source)}</p>}
    </>
  )
}

function ReportSection({ s, onReported }: { s: StationWithHours; onReported: () => void }) {
  const t = useT()
  const m = trustMessages(t)
  const [open, setOpen] = useState(false)
  if (!open) {
    return (
      <button type="button" className="btn report-open" onClick={() => setOpen(true)}>
        <MessageSquareWarning aria-hidden size={18} /> {m.report}
      </button>
    )
  }
  return (
    <section className="report" aria-label={m.report}>
      <Suspense fallback={<Loading>{t.card.loading}</Loading>}>
        <ReportForm station={s} onReported={onReported} onCancel={() => setOpen(false)} />
      </Suspense>
    </section>
  )
}
