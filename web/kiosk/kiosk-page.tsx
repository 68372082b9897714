import { useCallback, useEffect, useMemo, useState } from 'react'
import { ChevronLeft, Languages, TriangleAlert, WifiOff } from 'lucide-react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { KioskConfig } from '../../server/domain/kiosk.ts'
import type { NearbyStationFeature } from '../../server/domain/station.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import type { Lang } from '../i18n/i18n.ts'
import { useKioskT } from '../i18n/i18n.ts'
import { AmenityIcon, AmenityIcons } from '../ui/amenity-icons.tsx'
import { formatDistance } from '../ui/distance-text.ts'
import { trustLines, trustMessages } from '../ui/trust-text.ts'
import type { KioskPlace } from './kiosk-target.ts'
import { KioskMap } from './kiosk-map.tsx'
import { DirectionArrow } from './direction-arrow.tsx'
import { QrCode } from './qr-code.tsx'
import { finderStationUrl } from './finder-link.ts'
import { useKioskData } from './use-kiosk-data.ts'
import { useIdle } from './use-idle.ts'

type KioskTab = 'stations' | 'childcare'

/** Rows that fit without scrolling: the list is beside the map in landscape, below it in portrait. */
const ROWS = { portrait: 6, landscape: 5 } as const

const HHMM = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'Asia/Shanghai',
})

export interface KioskPageProps {
  place: KioskPlace
  config: KioskConfig
  lang: Lang
  onLang: () => void
}

/** The kiosk's one screen: map, the nearest stations or classes, a station's card with a QR code. */
export function KioskPage({ place, config, lang, onLang }: KioskPageProps) {
  const t = useKioskT()
  const here = useMemo<LonLat>(() => [place.lon, place.lat], [place.lon, place.lat])
  const data = useKioskData(here, config.refreshS)
  const [tab, setTab] = useState<KioskTab>('stations')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [homeSeq, setHomeSeq] = useState(0)
  const goHome = useCallback(() => {
    setTab('stations')
    setSelectedId(null)
    setHomeSeq((s) => s + 1)
  }, [])
  const { phase, drift } = useIdle(config.idleS * 1000, config.dimS * 1000, goHome)
  const rows = useLandscape() ? ROWS.landscape : ROWS.portrait

  const stations = useMemo(() => data.stations?.slice(0, rows) ?? [], [data.stations, rows])
  const markers = useMemo(
    () =>
      stations.map((f) => ({ id: f.id, lonLat: f.geometry.coordinates, name: f.properties.name })),
    [stations],
  )
  // A refresh may drop the open station from the list; the card keeps the last copy of it.
  const [selected, setSelected] = useState<NearbyStationFeature | null>(null)
  useEffect(() => {
    if (selectedId === null) return setSelected(null)
    const found = data.stations?.find((f) => f.id === selectedId)
    if (found) setSelected(found)
  }, [selectedId, data.stations])

  return (
    <div
      className={`kiosk-screen kiosk kiosk-${phase}`}
      style={{ transform: `translate(${drift[0]}px, ${drift[1]}px)` }}
    >
      <header className="kiosk-head">
        <div>
          <h1>{place.name ?? t.kiosk.here}</h1>
          <p className="kiosk-subtitle">{t.kiosk.title}</p>
        </div>
        <button
          type="button"
          className="kiosk-button kiosk-lang"
          lang={lang === 'en' ? 'zh-CN' : 'en'}
          onClick={onLang}
        >
          <Languages aria-hidden size={36} /> {t.switchLanguage}
        </button>
      </header>
      <KioskMap
        here={here}
        hereLabel={t.kiosk.youAreHere}
        stations={tab === 'stations' ? markers : []}
        selectedId={selectedId}
        onSelect={(id) => {
          setTab('stations')
          setSelectedId(id)
        }}
        homeSeq={homeSeq}
      />
      <nav className="kiosk-tabs" role="tablist">
        {(['stations', 'childcare'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className="kiosk-button kiosk-tab"
            onClick={() => {
              setTab(k)
              setSelectedId(null)
            }}
          >
            {t.tabs[k]}
          </button>
        ))}
      </nav>
      <main className="kiosk-body">
        {selected && selectedId !== null ? (
          <StationCard
            station={selected}
            url={finderStationUrl(
              config.publicUrl,
              {
                id: selected.id,
                lon: selected.geometry.coordinates[0],
                lat: selected.geometry.coordinates[1],
              },
              here,
              lang,
            )}
            local={config.publicUrlIsLocal}
            facingDeg={place.facingDeg}
            onBack={() => setSelectedId(null)}
          />
        ) : tab === 'stations' ? (
          <StationList
            stations={stations}
            loaded={data.stations !== null}
            rows={rows}
            facingDeg={place.facingDeg}
            onSelect={setSelectedId}
          />
        ) : (
          <ClassList
            classes={data.classes?.slice(0, rows) ?? []}
            loaded={data.classes !== null}
            rows={rows}
            facingDeg={place.facingDeg}
          />
        )}
      </main>
      <footer className="kiosk-foot">
        {data.offline && (
          <span className="kiosk-offline" role="status">
            <WifiOff aria-hidden size={32} /> {t.kiosk.offline}
          </span>
        )}
        <span className="kiosk-updated">
          {data.updatedAt ? t.kiosk.updatedAt(HHMM.format(data.updatedAt)) : t.kiosk.loading}
        </span>
        <span className="kiosk-sample">
          <TriangleAlert aria-hidden size={28} /> {t.sampleNotice}
        </span>
      </footer>
    </div>
  )
}

function useLandscape(): boolean {
  const query = '(orientation: landscape)'
  const [landscape, setLandscape] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const mq = window.matchMedia(query)
    const on = () => setLandscape(mq.matches)
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  return landscape
}

function OpenNow({ open }: { open: boolean | null }) {
  const t = useKioskT()
  const [cls, text] =
    open === null
      ? ['unknown', t.status.unknown]
      : open
        ? ['open', t.status.open]
        : ['closed', t.status.closed]
  return <span className={`kiosk-badge kiosk-badge-${cls}`}>{text}</span>
}

function StationList({
  stations,
  loaded,
  rows,
  facingDeg,
  onSelect,
}: {
  stations: NearbyStationFeature[]
  loaded: boolean
  rows: number
  facingDeg: number
  onSelect: (id: string) => void
}) {
  const t = useKioskT()
  if (!loaded) return <p className="kiosk-note">{t.kiosk.loading}</p>
  if (stations.length === 0) return <p className="kiosk-note">{t.kiosk.noStations}</p>
  return (
    <ol className="kiosk-list" style={{ gridTemplateRows: `repeat(${rows}, 1fr)` }}>
      {stations.map((f, i) => {
        const p = f.properties
        // One line fits a row: a problem first, else the last confirmation.
        const lines = trustLines(p, new Date(), t)
        const trust = lines.find((l) => l.tone === 'problem') ?? lines.find((l) => l.tone === 'ok')
        return (
          <li key={f.id}>
            <button
              type="button"
              className="kiosk-row"
              data-id={f.id}
              onClick={() => onSelect(f.id)}
            >
              <span className="kiosk-rank">{i + 1}</span>
              <span className="kiosk-row-main">
                <span className="kiosk-row-name">{p.name}</span>
                <span className="kiosk-row-meta">
                  <strong>{formatDistance(p.distanceM, t)}</strong> ·{' '}
                  {t.kiosk.walkMinutes(p.walkMinutes)} <OpenNow open={p.openNow} />
                </span>
                {trust && (
                  <span className={`kiosk-trust kiosk-trust-${trust.tone}`}>{trust.text}</span>
                )}
                <AmenityIcons amenities={p.amenities} size={30} />
              </span>
              <DirectionArrow bearingDeg={p.bearingDeg} facingDeg={facingDeg} />
            </button>
          </li>
        )
      })}
    </ol>
  )
}

function ClassList({
  classes,
  loaded,
  rows,
  facingDeg,
}: {
  classes: NearbyClassFeature[]
  loaded: boolean
  rows: number
  facingDeg: number
}) {
  const t = useKioskT()
  if (!loaded) return <p className="kiosk-note">{t.kiosk.loading}</p>
  if (classes.length === 0) return <p className="kiosk-note">{t.kiosk.noClasses}</p>
  return (
    <ol className="kiosk-list" style={{ gridTemplateRows: `repeat(${rows}, 1fr)` }}>
      {classes.map((f) => {
        const p = f.properties
        return (
          <li key={f.id} className={`kiosk-row${p.seatsLeft === 0 ? ' kiosk-row-full' : ''}`}>
            <span className="kiosk-row-main">
              <span className="kiosk-row-name">{p.name}</span>
              <span className="kiosk-row-meta">
                <strong>{formatDistance(p.distanceM, t)}</strong> ·{' '}
                {t.kiosk.walkMinutes(p.walkMinutes)}
              </span>
              <span className="kiosk-row-meta">
                {t.childcare.ages(p.ageMin, p.ageMax)} · {t.childcare.term(p.termStart, p.termEnd)}{' '}
                · {p.seatsLeft === 0 ? t.childcare.full : t.childcare.seatsLeft(p.seatsLeft)}
              </span>
            </span>
            <DirectionArrow bearingDeg={p.bearingDeg} facingDeg={facingDeg} />
          </li>
        )
      })}
    </ol>
  )
}

function StationCard({
  station,
  url,
  local,
  facingDeg,
  onBack,
}: {
  station: NearbyStationFeature
  url: string
  local: boolean
  facingDeg: number
  onBack: () => void
}) {
  const t = useKioskT()
  const p = station.properties
  return (
    <article className="kiosk-card" aria-label={p.name}>
      <button type="button" className="kiosk-button kiosk-back" onClick={onBack}>
        <ChevronLeft aria-hidden size={40} /> {t.kiosk.back}
      </button>
      <div className="kiosk-card-body">
        <div className="kiosk-card-facts">
          <h2>{p.name}</h2>
          <p>
            {t.kinds[p.kind]} {p.sample && <span className="kiosk-badge">{t.sampleBadge}</span>}
          </p>
          <p>{p.address}</p>
          <p className="kiosk-row-meta">
            <strong>{formatDistance(p.distanceM, t)}</strong> · {t.kiosk.walkMinutes(p.walkMinutes)}{' '}
            <OpenNow open={p.openNow} />
          </p>
          <DirectionArrow bearingDeg={p.bearingDeg} facingDeg={facingDeg} />
          {trustLines(p, new Date(), t).map(({ tone, text }) => (
            <p key={text} className={`kiosk-trust kiosk-trust-${tone}`}>
              {text}
            </p>
          ))}
          {p.access && (
            <p>
              <strong>{trustMessages(t).accessLabel}</strong> {trustMessages(t).access[p.access]}
              {p.accessNote && ` · ${p.accessNote}`}
            </p>
          )}
          {p.verifiedOn && <p className="kiosk-verified">{t.card.verified(p.verifiedOn)}</p>}
          <ul className="kiosk-amenities">
            {p.amenities.map((a) => (
              <li key={a}>
                <AmenityIcon amenity={a} size={32} /> {t.amenities[a]}
              </li>
            ))}
          </ul>
        </div>
        <figure className="kiosk-qr-box">
          <QrCode text={url} sizePx={360} label={t.kiosk.scan} />
          <figcaption>{t.kiosk.scan}</figcaption>
          {local && (
            <p className="kiosk-local-hint" role="note">
              {t.kiosk.localUrl}
            </p>
          )}
        </figure>
      </div>
    </article>
  )
}
