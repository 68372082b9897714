import { ArrowLeft } from 'lucide-react'
import type { CoverageLayer, CoverageRow } from '../../server/domain/coverage.ts'
import type { GapCollection, SuggestionCollection } from '../api/client.ts'
import type { RequestState } from '../api/use-request.ts'
import { useT } from '../i18n/i18n.ts'
import { ErrorNote, Loading } from '../ui/status.tsx'
import { formatKm2, formatNumber, formatPct, MISSING } from './metric-format.ts'

type Req<T> = RequestState<T> & { retry: () => void }

/** The headline figures of one area (a county, or the province). */
export function Figures({ row }: { row: CoverageRow }) {
  const t = useT()
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

export function SuggestionTable({ suggestions }: { suggestions: SuggestionCollection }) {
  const t = useT()
  const c = t.planner.county
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
          <th scope="col" className="num">
            {c.place}
          </th>
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
            <td className="num small">
              {f.geometry.coordinates[0].toFixed(4)}, {f.geometry.coordinates[1].toFixed(4)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export interface CountyDetailProps {
  row: CoverageRow
  layer: CoverageLayer
  gaps: Req<GapCollection>
  suggestions: Req<SuggestionCollection>
  points: Req<unknown[]>
  onBack: () => void
}

export function CountyDetail({ row, layer, gaps, suggestions, points, onBack }: CountyDetailProps) {
  const t = useT()
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
        {gaps.status === 'loading' && <Loading>{c.gapsLoading}</Loading>}
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
        {points.status === 'loading' && <Loading>{c.pointsLoading}</Loading>}
        {points.status === 'error' && (
          <ErrorNote retry={points.retry} retryLabel={p.retry}>
            {c.pointsError}
          </ErrorNote>
        )}
        {points.status === 'ok' && (
          <p className="muted small">{c.points(points.data.length, layer)}</p>
        )}
      </div>
      <h3>{c.suggestions}</h3>
      <p className="muted small">{c.suggestionsHint}</p>
      {suggestions.status === 'loading' && <Loading>{c.suggestionsLoading}</Loading>}
      {suggestions.status === 'error' && (
        <ErrorNote retry={suggestions.retry} retryLabel={p.retry}>
          {c.suggestionsError}
        </ErrorNote>
      )}
      {suggestions.status === 'ok' &&
        (suggestions.data.features.length === 0 ? (
          <p>{c.none}</p>
        ) : (
          <SuggestionTable suggestions={suggestions.data} />
        ))}
    </section>
  )
}
