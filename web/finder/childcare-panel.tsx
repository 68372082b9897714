import { Armchair, Baby, CalendarDays, Clock, Navigation, Phone, Users, Wallet } from 'lucide-react'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import { useT } from '../i18n/i18n.ts'
import type { RequestState } from '../api/use-request.ts'
import type { NearbyPage } from '../api/client.ts'
import { navLinks } from '../map/nav-links.ts'
import { NavLinkAnchors } from './nav-link-anchors.tsx'
import { ErrorNote, Loading } from '../ui/status.tsx'
import { RADII_M } from '../map/url-state.ts'
import { formatDistance } from '../ui/distance-text.ts'
import { formatDirection, formatRadius } from './format.ts'
import { weeklySummary } from './hours-text.ts'
import { useScrollSelected } from '../ui/use-scroll-selected.ts'

export interface ChildcarePanelProps {
  request: RequestState<NearbyPage<NearbyClassFeature>> & { retry: () => void }
  age: number | null
  date: string | null
  /** Only classes with seats left. */
  seats: boolean
  radiusM: number
  /** A searched county or city: every class in it, not those within radiusM. */
  areaName: string | null
  selectedId: string | null
  originText: string
  onChange: (patch: {
    age?: number | null
    date?: string | null
    seats?: boolean
    radiusM?: number
  }) => void
  onSelect: (f: NearbyClassFeature) => void
}

const AGES = Array.from({ length: 15 }, (_, i) => i + 1)

export function ChildcarePanel(p: ChildcarePanelProps) {
  const t = useT()
  const listRef = useScrollSelected<HTMLOListElement>(p.selectedId)
  const r = p.request
  const wider = p.areaName === null ? RADII_M.find((x) => x > p.radiusM) : undefined

  return (
    <div className="childcare">
      <p className="muted">{t.childcare.intro}</p>
      <div className="filter-row wrap" role="group" aria-label={t.filters.label}>
        <button
          type="button"
          className="chip"
          aria-pressed={p.seats}
          onClick={() => p.onChange({ seats: !p.seats })}
        >
          <Armchair aria-hidden size={18} />
          {t.finder.hasSeats}
        </button>
        <label className="select-chip">
          <Baby aria-hidden size={18} />
          <span className="sr-only">{t.childcare.age}</span>
          <select
            value={p.age ?? ''}
            onChange={(e) =>
              p.onChange({ age: e.target.value === '' ? null : Number(e.target.value) })
            }
          >
            <option value="">{t.childcare.anyAge}</option>
            {AGES.map((a) => (
              <option key={a} value={a}>
                {t.childcare.age} {t.childcare.years(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="select-chip">
          <CalendarDays aria-hidden size={18} />
          <span aria-hidden>{t.childcare.date}</span>
          <input
            type="date"
            value={p.date ?? ''}
            aria-label={t.childcare.date}
            onChange={(e) => p.onChange({ date: e.target.value === '' ? null : e.target.value })}
          />
        </label>
        <label className="select-chip">
          <span className="sr-only">{t.filters.radius}</span>
          <select
            value={p.radiusM}
            onChange={(e) => p.onChange({ radiusM: Number(e.target.value) })}
          >
            {RADII_M.map((x) => (
              <option key={x} value={x}>
                {t.filters.radius} {formatRadius(x, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {r.status === 'idle' || r.status === 'loading' ? (
        <Loading>{t.childcare.loading}</Loading>
      ) : r.status === 'error' ? (
        <ErrorNote retry={r.retry} retryLabel={t.list.retry}>
          {t.childcare.error}
        </ErrorNote>
      ) : r.data.features.length === 0 ? (
        <div className="empty" role="status">
          <p>
            {p.areaName === null
              ? t.childcare.empty(formatRadius(p.radiusM, t))
              : t.finder.areaEmpty(p.areaName)}
          </p>
          <div className="empty-actions">
            {wider && (
              <button type="button" className="btn" onClick={() => p.onChange({ radiusM: wider })}>
                {t.list.widen(formatRadius(wider, t))}
              </button>
            )}
            {p.age !== null && (
              <button type="button" className="btn" onClick={() => p.onChange({ age: null })}>
                {t.childcare.dropAge}
              </button>
            )}
            {p.date !== null && (
              <button type="button" className="btn" onClick={() => p.onChange({ date: null })}>
                {t.childcare.dropDate}
              </button>
            )}
            {p.seats && (
              <button type="button" className="btn" onClick={() => p.onChange({ seats: false })}>
                {t.list.dropFilter(t.finder.hasSeats)}
              </button>
            )}
          </div>
          <p className="muted">{t.list.moveHint}</p>
        </div>
      ) : (
        <section aria-labelledby="classes-heading">
          <h2 id="classes-heading" className="list-heading">
            {p.areaName === null
              ? t.childcare.list(r.data.total)
              : t.finder.classesIn(p.areaName, r.data.total)}{' '}
            <span className="muted">
              {r.data.total > r.data.features.length && (
                <>· {t.finder.showing(r.data.features.length, r.data.total)} </>
              )}
              · {p.originText}
            </span>
          </h2>
          <ol className="classes" ref={listRef}>
            {r.data.features.map((f) => (
              <ClassItem
                key={f.id}
                f={f}
                selected={p.selectedId === f.id}
                onSelect={() => p.onSelect(f)}
              />
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}

function ClassItem({
  f,
  selected,
  onSelect,
}: {
  f: NearbyClassFeature
  selected: boolean
  onSelect: () => void
}) {
  const t = useT()
  const c = f.properties
  const full = c.seatsLeft === 0
  return (
    <li data-id={f.id} className={`class-item${full ? ' full' : ''}${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="class-head"
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
      >
        <span className="class-name">{c.name}</span>
        <span className={`badge ${full ? 'badge-full' : 'badge-open'}`}>
          {full ? t.childcare.full : t.childcare.seatsLeft(c.seatsLeft)}
        </span>
        <span className="result-meta">
          <strong>{formatDistance(c.distanceM, t)}</strong> · {t.walk(c.walkMinutes)} ·{' '}
          {formatDirection(c.bearingDeg, t)} · {t.childcare.ages(c.ageMin, c.ageMax)}
        </span>
      </button>
      <dl className="facts compact">
        <dt>
          <CalendarDays aria-hidden size={16} />
          <span className="sr-only">{t.childcare.date}</span>
        </dt>
        <dd>{t.childcare.term(c.termStart, c.termEnd)}</dd>
        <dt>
          <Clock aria-hidden size={16} />
          <span className="sr-only">{t.childcare.schedule}</span>
        </dt>
        <dd>{weeklySummary(c.hours, t).join('; ')}</dd>
        <dt>
          <Wallet aria-hidden size={16} />
          <span className="sr-only">{t.childcare.fee}</span>
        </dt>
        <dd>{c.feeCny === 0 ? t.childcare.free : t.childcare.feeCny(c.feeCny)}</dd>
        <dt>
          <Users aria-hidden size={16} />
          <span className="sr-only">{t.childcare.contact}</span>
        </dt>
        <dd>
          {c.contactName} · {t.classHosts[c.host]} · {c.address}
        </dd>
      </dl>
      {c.contactPhone && (
        <a
          className="btn btn-call"
          href={`tel:${c.contactPhone.replace(/[^\d+]/g, '')}`}
          aria-label={t.card.call(c.contactPhone)}
        >
          <Phone aria-hidden size={18} /> {c.contactPhone}
        </a>
      )}
      <ClassNavLinks f={f} />
    </li>
  )
}

/** The same map-app links as a station's card, at the class. */
function ClassNavLinks({ f }: { f: NearbyClassFeature }) {
  const t = useT()
  const links = navLinks(f.geometry.coordinates, f.properties.name)
  return (
    <nav className="nav-links compact" aria-label={`${t.finder.navigate}: ${f.properties.name}`}>
      <Navigation aria-hidden size={16} />
      <NavLinkAnchors links={links} />
    </nav>
  )
}
