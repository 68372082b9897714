import { ArrowLeft, Plus } from 'lucide-react'
import type { ReactNode } from 'react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { CoverageLayer, CoverageRow } from '../../server/domain/coverage.ts'
import type { GapCollection, SuggestionCollection } from '../api/planner-client.ts'
import type { RequestState } from '../api/use-request.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { NAV_APPS, navLinks } from '../map/nav-links.ts'
import { ErrorNote } from '../ui/status.tsx'
import { formatKm2, formatNumber, formatPct, MISSING } from './metric-format.ts'
import { Pending } from './pending.tsx'
import type { Progress } from './pending.tsx'
import { sitePlace } from './site-place.ts'

type Req<T> = RequestState<T> & { retry: () => void }
/** A computed figure: also how long it has taken, and any wait the server asked for. */
export type Computation<T> = Req<T> & Progress

/** The headline figures of one area (a county, or the province). */
export function Figures({ row }: { row: CoverageRow }) {
  const t = usePlannerT()
  const p = t.planner
  const l = t.lang
  return (
    <dl className="figures">
      <div>
        <dt>{p.metrics.coveredPct}</dt>
        <dd data-figure="coveredPct">{formatPct(row.coveredPct, l)}</dd>
      </div>
      <div>
        <dt>{p.metrics.uncoveredKm2}</dt>
        <dd data-figure="uncoveredKm2">{formatKm2(row.uncoveredKm2, l)}</dd>
      </div>
      <div>
        <dt>{p.metrics.count}</dt>
        <dd data-figure="count">{formatNumber(row.count, 0, l)}</dd>
      </div>
      <div>
        <dt>{p.metrics.perTenThousand}</dt>
        <dd data-figure="perTenThousand">{formatNumber(row.perTenThousand, 2, l)}</dd>
      </div>
      <div>
        <dt>{p.metrics.per100Km2}</dt>
        <dd data-figure="per100Km2">{formatNumber(row.per100Km2, 1, l)}</dd>
      </div>
      <div>
        <dt>{p.metrics.areaKm2}</dt>
        <dd data-figure="areaKm2">{formatKm2(row.areaKm2, l)}</dd>
      </div>
      <div>
        <dt>{p.county.population}</dt>
        <dd>{formatNumber(row.population, 0, l)}</dd>
      </div>
      <div title={p.table.popUnavailable}>
        <dt>{p.table.populationCoveredPct}</dt>
        <dd data-figure="populationCoveredPct">
          {row.populationCoveredPct === null ? MISSING : formatPct(row.populationCoveredPct, l)}
        </dd>
      </div>
    </dl>
  )
}

export interface SuggestionTableProps {
  suggestions: SuggestionCollection
  layer: CoverageLayer
  /** Links to map apps (on screen; the printed report has no use for them). */
  links: boolean
  /** Adds a site to the scenario (on screen, for stations). */
  onTake?: (site: LonLat) => void
}

export function SuggestionTable({ suggestions, layer, links, onTake }: SuggestionTableProps) {
  const t = usePlannerT()
  const c = t.planner.county
  const site = t.planner.site
  return (
    <table className="suggestions">
      <thead>
        <tr>
          <th scope="col">{c.rank}</th>
          <th scope="col" className="num">
            {c.added}
          </th>
          <th scope="col" className="num">
            {c.resulting}
          </th>
          <th scope="col">{c.place}</th>
        </tr>
      </thead>
      <tbody>
        {suggestions.features.map((f) => (
          <tr key={f.properties.rank} data-rank={f.properties.rank}>
            <td>
              <span className="rank-dot">{f.properties.rank}</span>
            </td>
            <td className="num" data-col="addedCoverageKm2">
              {formatNumber(f.properties.addedCoverageKm2, 2, t.lang)}
            </td>
            <td className="num" data-col="coveredPct">
              {formatPct(f.properties.coveredPct, t.lang)}
            </td>
            <td className="site-place">
              <span data-col="nearest">{sitePlace(f.properties.nearestStation, layer, t)}</span>
              <span className="muted small" title={site.lonLat}>
                {f.geometry.coordinates[0].toFixed(4)}, {f.geometry.coordinates[1].toFixed(4)}
              </span>
              {links && (
                <SiteLinks
                  position={f.geometry.coordinates}
                  name={site.name(f.properties.rank)}
                  label={`${site.name(f.properties.rank)}: ${site.openIn}`}
                />
              )}
              {onTake && (
                <button
                  type="button"
                  className="btn btn-small take-site"
                  aria-label={t.planner.scenario.takeLabel(f.properties.rank)}
                  onClick={() => onTake(f.geometry.coordinates)}
                >
                  <Plus aria-hidden size={14} /> {t.planner.scenario.take}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The finder's map-app links, opened at a suggested site. */
function SiteLinks({
  position,
  name,
  label,
}: {
  position: [number, number]
  name: string
  label: string
}) {
  const t = usePlannerT()
  const links = navLinks(position, name)
  return (
    <nav className="site-links" aria-label={label}>
      {NAV_APPS.map((app) => (
        <a key={app} href={links[app]} target="_blank" rel="noreferrer" data-app={app}>
          {t.card[app]}
        </a>
      ))}
    </nav>
  )
}

export interface CountyDetailProps {
  row: CoverageRow
  layer: CoverageLayer
  gaps: Computation<GapCollection>
  suggestions: Computation<SuggestionCollection>
  /** The scenario's part, under the figures; null where scenarios do not apply. */
  scenario: ReactNode
  onTake: ((site: LonLat) => void) | undefined
  onBack: () => void
}

export function CountyDetail({
  row,
  layer,
  gaps,
  suggestions,
  scenario,
  onTake,
  onBack,
}: CountyDetailProps) {
  const t = usePlannerT()
  const p = t.planner
  const c = p.county
  const gapKm2 =
    gaps.status === 'ok' ? gaps.data.features.reduce((s, f) => s + f.properties.areaKm2, 0) : 0
  return (
    <section className="county-detail" aria-labelledby="county-name">
      <div className="county-head">
        <button type="button" className="btn btn-small" onClick={onBack}>
          <ArrowLeft aria-hidden size={16} /> {c.back}
        </button>
        <h2 id="county-name">
          {row.name} <span className="muted">{row.city}</span>
        </h2>
      </div>
      <Figures row={row} />
      <div className="detail-status">
        {gaps.status === 'loading' && <Pending req={gaps}>{c.gapsLoading}</Pending>}
        {gaps.status === 'error' && (
          <ErrorNote retry={gaps.retry} retryLabel={p.retry}>
            {c.gapsError}
          </ErrorNote>
        )}
        {gaps.status === 'ok' && (
          <p data-gaps={gaps.data.features.length}>
            {c.gaps(gaps.data.features.length, formatKm2(gapKm2, t.lang))}
          </p>
        )}
      </div>
      {scenario}
      <h3>{c.suggestions}</h3>
      <p className="muted small">{c.suggestionsHint}</p>
      {suggestions.status === 'loading' && (
        <Pending req={suggestions}>{c.suggestionsLoading}</Pending>
      )}
      {suggestions.status === 'error' && (
        <ErrorNote retry={suggestions.retry} retryLabel={p.retry}>
          {c.suggestionsError}
        </ErrorNote>
      )}
      {suggestions.status === 'ok' &&
        (suggestions.data.features.length === 0 ? (
          <p>{c.none}</p>
        ) : (
          <SuggestionTable suggestions={suggestions.data} layer={layer} links onTake={onTake} />
        ))}
    </section>
  )
}
