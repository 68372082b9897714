import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import {
  fetchCoverage,
  fetchCoveragePoints,
  fetchGaps,
  fetchPlaces,
  fetchSuggestions,
} from '../api/client.ts'
import { useRequest } from '../api/use-request.ts'
import { useT } from '../i18n/i18n.ts'
import { circlePolygon } from '../map/circle.ts'
import { ErrorNote, Loading } from '../ui/status.tsx'
import { colorScale, fillColorExpression } from './color-scale.ts'
import { CountyDetail, Figures } from './county-detail.tsx'
import { CountyTable } from './county-table.tsx'
import { DistributionChart } from './distribution-chart.tsx'
import { bboxReachM, growBbox } from './extent.ts'
import type { Bbox } from './extent.ts'
import { Legend } from './legend.tsx'
import { METRIC_DECIMALS, metricValue } from './metric-format.ts'
import { PlannerControls } from './planner-controls.tsx'
import { EMPTY_FC, NO_OVERLAYS, PlannerMap, PROVINCE_BBOX } from './planner-map.tsx'
import type { MapFocus, Overlays, PlannerMapHandle } from './planner-map.tsx'
import type { PlannerState } from './planner-state.ts'
import { PrintReport } from './print-report.tsx'

/** Suggested sites per county. */
const SUGGESTIONS = 5
/** Radii below this build the fine (res 9) grids on first use: say it may take a while. */
const FINE_GRID_BELOW_M = 970

export interface PlannerPageProps {
  state: PlannerState
  update: (patch: Partial<PlannerState>) => void
}

const pointFc = (
  points: LonLat[],
  props: (i: number) => Record<string, unknown> = () => ({}),
): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: points.map((p, i): Feature<Point> => ({
    type: 'Feature',
    properties: props(i),
    geometry: { type: 'Point', coordinates: p },
  })),
})

const circlesFc = (points: LonLat[], radiusM: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: points.map((p) => ({
    type: 'Feature',
    properties: {},
    geometry: circlePolygon(p, radiusM, 48),
  })),
})

export function PlannerPage({ state, update }: PlannerPageProps) {
  const t = useT()
  const p = t.planner
  const { radiusM, layer, metric, county } = state
  const [hovered, setHovered] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [mapError, setMapError] = useState<string | null>(null)
  const mapHandle = useRef<PlannerMapHandle | null>(null)
  const snapshot = useRef<HTMLImageElement | null>(null)

  const report = useRequest(`coverage:${radiusM}:${layer}`, (signal) =>
    fetchCoverage(radiusM, layer, signal),
  )
  const places = useRequest('places', (signal) => fetchPlaces(signal))
  // Keep the last figures on screen (dimmed) while new ones compute, rather than a blank page.
  const [shown, setShown] = useState(report.status === 'ok' ? report.data : null)
  useEffect(() => {
    if (report.status === 'ok') setShown(report.data)
  }, [report])
  const data = shown
  const stale = report.status !== 'ok'

  const bbox = useMemo((): Bbox | null => {
    if (!county || places.status !== 'ok') return null
    return places.data.find((pl) => pl.kind === 'county' && pl.adcode === county)?.bbox ?? null
  }, [county, places])

  const gaps = useRequest(county ? `gaps:${county}:${radiusM}:${layer}` : null, (signal) =>
    fetchGaps(county!, radiusM, layer, signal),
  )
  const suggestions = useRequest(county ? `sites:${county}:${radiusM}:${layer}` : null, (signal) =>
    fetchSuggestions(county!, radiusM, layer, SUGGESTIONS, signal),
  )
  // Sites outside the county cover its land too: fetch everything within R of its bbox.
  const points = useRequest(
    bbox ? `points:${layer}:${radiusM}:${bbox.join(',')}` : null,
    (signal) => {
      const grown = growBbox(bbox!, radiusM)
      return fetchCoveragePoints(layer, grown, bboxReachM(grown), signal)
    },
  )

  const overlays = useMemo((): Overlays => {
    if (!county) return NO_OVERLAYS
    const pts = points.status === 'ok' ? points.data : []
    const sites = suggestions.status === 'ok' ? suggestions.data.features : []
    const siteLonLats = sites.map((f) => f.geometry.coordinates as LonLat)
    return {
      gaps: gaps.status === 'ok' ? (gaps.data as FeatureCollection) : EMPTY_FC,
      points: pointFc(pts),
      circles: circlesFc(pts, radiusM),
      suggestions: pointFc(siteLonLats, (i) => ({ rank: sites[i]!.properties.rank })),
      suggestionCircles: circlesFc(siteLonLats, radiusM),
    }
  }, [county, points, gaps, suggestions, radiusM])

  const scale = useMemo(
    () =>
      data
        ? colorScale(
            data.counties.map((r) => metricValue(r, metric)),
            METRIC_DECIMALS[metric],
          )
        : null,
    [data, metric],
  )
  const fillColor = useMemo(
    () =>
      data && scale
        ? fillColorExpression(
            data.counties.map((r) => ({ adcode: r.adcode, value: metricValue(r, metric) })),
            scale,
          )
        : '#bdbdbd',
    [data, scale, metric],
  )

  // Zoom to the county drilled into, and back out to the province when it is closed.
  const hadCounty = useRef(false)
  useEffect(() => {
    if (bbox) {
      setFocus({ seq: Date.now(), bbox })
      hadCounty.current = true
    } else if (!county && hadCounty.current) {
      setFocus({ seq: Date.now(), bbox: PROVINCE_BBOX })
      hadCounty.current = false
    }
  }, [bbox, county])

  // Drilling in from far down the table: bring the county's figures and the map into view.
  const panelRef = useRef<HTMLElement>(null)
  const mapAreaRef = useRef<HTMLElement>(null)
  const select = useCallback(
    (adcode: string) => {
      update({ county: adcode })
      const panel = panelRef.current
      if (panel && getComputedStyle(panel).overflowY === 'auto') panel.scrollTo({ top: 0 })
      else mapAreaRef.current?.scrollIntoView({ block: 'start' })
    },
    [update],
  )
  const row = (county && data?.counties.find((r) => r.adcode === county)) || null
  const radiusText = p.metres(radiusM)
  const layerName = p.layers[layer]

  // The printed report carries a picture of the map as it is at that moment.
  const takeSnapshot = useCallback(() => {
    const url = mapHandle.current?.snapshot()
    if (url && snapshot.current) snapshot.current.src = url
  }, [])
  // Taken whenever the map settles (print previews that fire no beforeprint, such as a browser's
  // emulated print media, hide the map before any listener could copy it) and again on beforeprint.
  useEffect(() => {
    window.addEventListener('beforeprint', takeSnapshot)
    return () => window.removeEventListener('beforeprint', takeSnapshot)
  }, [takeSnapshot])

  return (
    <main className="planner">
      <PlannerControls
        radiusM={radiusM}
        layer={layer}
        metric={metric}
        onChange={update}
        onPrint={() => window.print()}
      />
      <section className="planner-map-area" ref={mapAreaRef}>
        <PlannerMap
          fillColor={fillColor}
          hovered={hovered}
          selected={county}
          overlays={overlays}
          focus={focus}
          label={p.map.label}
          handle={mapHandle}
          onHover={setHovered}
          onSelect={select}
          onError={setMapError}
          onIdle={takeSnapshot}
        />
        <div className="map-status" aria-live="polite">
          {mapError && <p className="pill pill-error">{t.map.mapError}</p>}
          {report.status === 'loading' && <p className="pill">{p.map.computing}</p>}
          {places.status === 'error' && county && (
            <p className="pill pill-error">{p.county.zoomError}</p>
          )}
        </div>
        <Legend metric={metric} scale={scale} drilled={county !== null} radiusText={radiusText} />
      </section>
      <section className="planner-panel" aria-busy={stale} ref={panelRef}>
        <p className="planner-method small muted">{p.note.method(radiusText)}</p>
        {report.status === 'loading' && (
          <Loading>
            {p.loadingReport}
            {radiusM < FINE_GRID_BELOW_M && <span className="muted small"> {p.loadingSlow}</span>}
          </Loading>
        )}
        {report.status === 'error' && (
          <ErrorNote retry={report.retry} retryLabel={p.retry}>
            {p.reportError} {report.error.message}
          </ErrorNote>
        )}
        {data && (
          <div className={stale ? 'stale' : undefined}>
            {row ? (
              <CountyDetail
                row={row}
                layer={layer}
                gaps={gaps}
                suggestions={suggestions}
                points={points}
                onBack={() => update({ county: null })}
              />
            ) : (
              <section className="province-summary">
                <h2>{p.table.province}</h2>
                <Figures row={data.province} />
              </section>
            )}
            {scale && (
              <DistributionChart
                counties={data.counties}
                province={data.province}
                metric={metric}
                scale={scale}
                selected={county}
                onSelect={select}
              />
            )}
            <CountyTable
              report={data}
              sort={state.sort}
              grouped={state.grouped}
              hovered={hovered}
              selected={county}
              onSort={(sort) => update({ sort })}
              onGrouped={(grouped) => update({ grouped })}
              onHover={setHovered}
              onSelect={select}
            />
          </div>
        )}
      </section>
      {data && (
        <PrintReport
          row={row ?? data.province}
          gaps={row && gaps.status === 'ok' ? gaps.data : null}
          suggestions={row && suggestions.status === 'ok' ? suggestions.data : null}
          radiusText={radiusText}
          layerName={layerName}
          snapshot={snapshot}
        />
      )}
    </main>
  )
}
