import type { RefObject } from 'react'
import type { CoverageLayer, CoverageRow } from '../../server/domain/coverage.ts'
import type { GapCollection, SuggestionCollection } from '../api/client.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { Figures, SuggestionTable } from './county-detail.tsx'
import { formatKm2 } from './metric-format.ts'

export interface PrintReportProps {
  row: CoverageRow
  /** The county's, or null for the province overview. */
  gaps: GapCollection | null
  suggestions: SuggestionCollection | null
  /** The figures' radius, layer and time, as the page's line above them names them. */
  figuresFor: string
  radiusText: string
  layer: CoverageLayer
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
      <img ref={snapshot} className="print-map" alt={p.print.snapshot} />
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
