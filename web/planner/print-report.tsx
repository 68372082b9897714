import type { RefObject } from 'react'
import type { CoverageLayer, CoverageRow } from '../../server/domain/coverage.ts'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import type { GapCollection, ScenarioPlan, ScenarioStation } from '../api/planner-client.ts'
import type { SuggestionCollection } from '../api/planner-client.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { Figures, SuggestionTable } from './county-detail.tsx'
import { OverlayLegendItems } from './legend.tsx'
import { formatKm2, formatNumber } from './metric-format.ts'
import { ScenarioFigures } from './scenario-panel.tsx'

export interface PrintReportProps {
  row: CoverageRow
  /** The county's, or null for the province overview. */
  gaps: GapCollection | null
  suggestions: SuggestionCollection | null
  /** The figures' radius, layer and time, as the page's line above them names them. */
  figuresFor: string
  radiusText: string
  layer: CoverageLayer
  /** The figures are for a time of day (the map's points are those open then). */
  timed: boolean
  /** The county's scenario as the page shows it, or null when there is none. */
  scenario: {
    answer: ScenarioAnswer
    plan: Pick<ScenarioPlan, 'removed' | 'hours'>
    stations: ReadonlyMap<string, ScenarioStation>
  } | null
  /** Filled with the map's picture just before printing. */
  snapshot: RefObject<HTMLImageElement | null>
}

/** Hidden on screen; the print stylesheet shows only this, as one A4 page. */
export function PrintReport({
  row,
  gaps,
  suggestions,
  figuresFor,
  radiusText,
  layer,
  timed,
  scenario,
  snapshot,
}: PrintReportProps) {
  const t = usePlannerT()
  const p = t.planner
  const date = new Date().toLocaleDateString(t.lang, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  })
  const gapKm2 = gaps ? gaps.features.reduce((s, f) => s + f.properties.areaKm2, 0) : null
  return (
    <article className="print-report" aria-hidden>
      <header>
        <h1>
          {p.print.title(
            row.city === row.name
              ? row.name
              : `${row.city}${t.lang === 'en' ? ' · ' : ''}${row.name}`,
            layer,
          )}
        </h1>
        <p>
          {figuresFor} · {p.print.date(date)}
        </p>
      </header>
      <p className="print-sample">{p.note.sample}</p>
      {/* Beside the map, where its picture leaves the page's width free: the legend and the
          scenario's figures and changes, so the report with a scenario still fits one page. */}
      <div className="print-map-row">
        <img ref={snapshot} className="print-map" alt={p.print.snapshot} />
        {(gaps || scenario) && (
          <div className="print-side">
            <ul className="print-legend">
              <OverlayLegendItems
                radiusText={radiusText}
                layer={layer}
                timed={timed}
                scenario={scenario !== null}
              />
            </ul>
            {scenario && <PrintScenario {...scenario} />}
          </div>
        )}
      </div>
      <Figures row={row} />
      {gaps && gapKm2 !== null && (
        <p>{p.county.gaps(gaps.features.length, formatKm2(gapKm2, t.lang))}</p>
      )}
      {suggestions && suggestions.features.length > 0 && (
        <>
          <h2>{p.county.suggestions}</h2>
          <SuggestionTable suggestions={suggestions} layer={layer} links={false} />
          <p className="small">{p.county.suggestionsHint}</p>
        </>
      )}
      <footer className="small">
        <p>{p.note.method(radiusText, layer)}</p>
        <p>{p.note.population}</p>
      </footer>
    </article>
  )
}

/** The scenario's figures now → with it, its sites and the stations it changes. */
function PrintScenario({ answer, plan, stations }: NonNullable<PrintReportProps['scenario']>) {
  const t = usePlannerT()
  const s = t.planner.scenario
  const name = (id: string) => stations.get(id)?.name ?? id
  const sep = t.lang === 'en' ? ', ' : '、'
  return (
    <section className="print-scenario">
      <h2>{s.printTitle}</h2>
      <ScenarioFigures answer={answer} />
      {answer.sites.length > 0 && (
        <p>
          {s.proposed}:{' '}
          {answer.sites
            .map(
              (site, i) =>
                `${i + 1}. ${site.lon.toFixed(4)}, ${site.lat.toFixed(4)} (+${formatNumber(site.addedCoverageKm2, 2, t.lang)} km²)`,
            )
            .join('; ')}
        </p>
      )}
      {plan.removed.length > 0 && (
        <p>
          {s.removedList}: {plan.removed.map(name).join(sep)}
        </p>
      )}
      {plan.hours.length > 0 && (
        <p>
          {s.hoursList}: {plan.hours.map((h) => `${name(h.id)} (${h.openingHours})`).join(sep)}
        </p>
      )}
    </section>
  )
}
