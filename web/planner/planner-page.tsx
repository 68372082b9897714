import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import { MAX_SCENARIO_SITES } from '../../server/domain/coverage-scenario.ts'
import {
  fetchCoverage,
  fetchGaps,
  fetchPlaces,
  fetchScenario,
  fetchSuggestions,
} from '../api/client.ts'
import type { CoverageParams } from '../api/client.ts'
import { useRequest } from '../api/use-request.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import type { Messages } from '../i18n/messages.ts'
import { circlePolygon } from '../map/circle.ts'
import { onPushedEntry } from '../map/use-url-state.ts'
import { ErrorNote } from '../ui/status.tsx'
import { colorScale, fillColorExpression } from './color-scale.ts'
import { coverageAt, parseCoverageTime } from './coverage-time.ts'
import { CountyDetail, Figures } from './county-detail.tsx'
import { CountyTable } from './county-table.tsx'
import { DistributionChart } from './distribution-chart.tsx'
import type { Bbox } from './extent.ts'
import { classRange, Legend } from './legend.tsx'
import { legendFilter } from './legend-filter.ts'
import { formatMetric, METRIC_DECIMALS, metricValue } from './metric-format.ts'
import { Pending } from './pending.tsx'
import { PlannerControls } from './planner-controls.tsx'
import { EMPTY_FC, NO_OVERLAYS, PlannerMap, PROVINCE_BBOX } from './planner-map.tsx'
import type { MapFocus, Overlays, PlannerMapHandle, PlannerSites } from './planner-map.tsx'
import { roundSite, WORST_FIRST } from './planner-state.ts'
import type { PlannerState } from './planner-state.ts'
import { PrintReport } from './print-report.tsx'
import { ScenarioPanel } from './scenario-panel.tsx'
import { useComputation } from './use-computation.ts'
import { useDebounced } from './use-debounced.ts'

/** Suggested sites per county. */
const SUGGESTIONS = 5
/** Radii below this build the fine (res 9) grids on first use: say it may take a while. */
const FINE_GRID_BELOW_M = 970
/** Scenario edits this close together ask the server once. */
const SCENARIO_DEBOUNCE_MS = 400

export interface PlannerPageProps {
  state: PlannerState
  update: (patch: Partial<PlannerState>, how?: { push: boolean }) => void
}

/** "服务半径 1,000 米 · 驿站 · 工作日 02:00": what a set of figures was computed for. */
function describe(params: CoverageParams, t: Messages) {
  const p = t.planner
  const time = parseCoverageTime(params.at)
  const when = time ? p.time.at(time.day, time.time) : null
  return {
    radius: p.metres(params.radiusM),
    layer: p.layers[params.layer],
    time: when ?? p.time.any,
    counts: p.time.counts(when, params.layer),
  }
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
  const t = usePlannerT()
  const p = t.planner
  const { radiusM, layer, metric, county } = state
  const at = coverageAt(state.time)
  const params = useMemo((): CoverageParams => ({ radiusM, layer, at }), [radiusM, layer, at])
  const paramsKey = `${radiusM}:${layer}:${at ?? 'any'}`
  const [hovered, setHovered] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [mapError, setMapError] = useState<string | null>(null)
  const mapHandle = useRef<PlannerMapHandle | null>(null)
  const snapshot = useRef<HTMLImageElement | null>(null)

  const reportKey = `coverage:${paramsKey}`
  // Each answer carries the parameters it was asked with, so the figures are always labelled
  // with what they are for, even while newer ones compute.
  const report = useComputation(reportKey, (signal) =>
    fetchCoverage(params, signal).then((data) => ({ data, params })),
  )
  const places = useRequest('places', (signal) => fetchPlaces(signal))
  // Keep the last figures on screen (dimmed, and labelled as what they are) while new ones
  // compute, rather than a blank page.
  const [shown, setShown] = useState(report.status === 'ok' ? report.data : null)
  const answered = report.status === 'ok' ? report.data : null
  useEffect(() => {
    if (answered) setShown(answered)
  }, [answered])
  const data = shown?.data ?? null
  const stale = !(report.status === 'ok' && report.key === reportKey)
  // The radius the server used (it may round the one asked for), with the layer and time asked.
  const shownFor = shown
    ? describe({ ...shown.params, radiusM: shown.data.radiusM, layer: shown.data.layer }, t)
    : null
  const asked = describe(params, t)

  const bbox = useMemo((): Bbox | null => {
    if (!county || places.status !== 'ok') return null
    return places.data.find((pl) => pl.kind === 'county' && pl.adcode === county)?.bbox ?? null
  }, [county, places])

  const gaps = useComputation(county ? `gaps:${county}:${paramsKey}` : null, (signal) =>
    fetchGaps(county!, params, signal),
  )
  const suggestions = useComputation(county ? `sites:${county}:${paramsKey}` : null, (signal) =>
    fetchSuggestions(county!, params, SUGGESTIONS, signal),
  )
  // The existing sites come from the vector tiles, those across the border included.
  const sites = useMemo(
    (): PlannerSites | null =>
      county ? { layer, radiusM, lat: bbox ? (bbox[1] + bbox[3]) / 2 : 29.2, hidden: [] } : null,
    [county, layer, radiusM, bbox],
  )

  // The scenario: proposed sites (stations only: the API has no layer), asked for once edits pause.
  const proposed = state.sites
  const scenarioOn = county !== null && layer === 'stations'
  const [adding, setAdding] = useState(false)
  const settledSites = useDebounced(proposed, SCENARIO_DEBOUNCE_MS)
  const settledKey = settledSites.map((s) => s.join(',')).join(';')
  const scenario = useComputation(
    scenarioOn && settledSites.length > 0 ? `scenario:${county}:${paramsKey}:${settledKey}` : null,
    (signal) => fetchScenario(county!, { radiusM, at }, settledSites, signal),
  )
  const scenarioStale = settledSites !== proposed
  const full = proposed.length >= MAX_SCENARIO_SITES
  const addSite = useCallback(
    (site: LonLat) => {
      if (!full) update({ sites: [...proposed, roundSite(site)] })
    },
    [update, proposed, full],
  )
  const pick = scenarioOn && adding && !full ? addSite : null

  const overlays = useMemo((): Overlays => {
    if (!county) return NO_OVERLAYS
    const sites = suggestions.status === 'ok' ? suggestions.data.features : []
    const siteLonLats = sites.map((f) => f.geometry.coordinates as LonLat)
    const mine = scenarioOn ? proposed : []
    return {
      gaps: gaps.status === 'ok' ? (gaps.data as FeatureCollection) : EMPTY_FC,
      suggestions: pointFc(siteLonLats, (i) => ({ rank: sites[i]!.properties.rank })),
      suggestionCircles: circlesFc(siteLonLats, radiusM),
      gained:
        mine.length > 0 && scenario.status === 'ok'
          ? (scenario.data.gained as FeatureCollection)
          : EMPTY_FC,
      proposed: pointFc(mine, (i) => ({ n: i + 1 })),
      proposedCircles: circlesFc(mine, radiusM),
    }
  }, [county, gaps, suggestions, radiusM, scenarioOn, proposed, scenario])

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
  const include = useMemo(
    () => legendFilter(scale, metric, state.legendClass),
    [scale, metric, state.legendClass],
  )
  const fillColor = useMemo(
    () =>
      data && scale
        ? fillColorExpression(
            data.counties.map((r) => ({
              adcode: r.adcode,
              value: metricValue(r, metric),
              filteredOut: include !== null && !include(r),
            })),
            scale,
          )
        : '#bdbdbd',
    [data, scale, metric, include],
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
  // Opening a county from the overview is a step Back undoes; moving between counties is not.
  const select = useCallback(
    (adcode: string) => {
      update({ county: adcode, sites: [] }, { push: county === null })
      const panel = panelRef.current
      if (panel && getComputedStyle(panel).overflowY === 'auto') panel.scrollTo({ top: 0 })
      else mapAreaRef.current?.scrollIntoView({ block: 'start' })
    },
    [update, county],
  )
  const close = useCallback(() => {
    if (onPushedEntry()) window.history.back()
    else update({ county: null, sites: [] })
  }, [update])
  const row = (county && data?.counties.find((r) => r.adcode === county)) || null
  const radiusText = p.metres(radiusM)
  const filter =
    include && scale && state.legendClass !== null
      ? {
          include,
          range: `${p.metrics[metric]} ${classRange(
            scale.classes[state.legendClass]!,
            state.legendClass,
            (v) => formatMetric(metric, v, t.lang),
          )}`,
        }
      : null
  // A class of one metric means nothing for another.
  const change = useCallback(
    (patch: Partial<PlannerState>) =>
      update(patch.metric && patch.metric !== metric ? { ...patch, legendClass: null } : patch),
    [update, metric],
  )

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
        time={state.time}
        metric={metric}
        params={params}
        lang={state.lang}
        onChange={change}
        onPrint={() => window.print()}
      />
      <section className="planner-map-area" ref={mapAreaRef}>
        <PlannerMap
          fillColor={fillColor}
          sites={sites}
          hovered={hovered}
          selected={county}
          overlays={overlays}
          focus={focus}
          label={p.map.label}
          handle={mapHandle}
          onHover={setHovered}
          onSelect={select}
          onPick={pick}
          onError={setMapError}
          onIdle={takeSnapshot}
        />
        <div className="map-status" aria-live="polite">
          {mapError && <p className="pill pill-error">{t.map.mapError}</p>}
          {report.status === 'loading' && (
            <p className="pill">
              {p.map.computing}
              {report.elapsedS > 0 && ` ${p.elapsed(report.elapsedS)}`}
            </p>
          )}
          {places.status === 'error' && county && (
            <p className="pill pill-error">{p.county.zoomError}</p>
          )}
        </div>
        <Legend
          metric={metric}
          scale={scale}
          drilled={county !== null}
          radiusText={radiusText}
          layer={layer}
          timed={at !== null}
          scenario={scenarioOn && proposed.length > 0}
          picked={filter ? state.legendClass : null}
          onPick={(legendClass) => update({ legendClass })}
        />
      </section>
      <section className="planner-panel" aria-busy={stale} ref={panelRef}>
        {shownFor && (
          <p className="figures-for" data-figures-for={shown!.params.at ?? 'any'}>
            <strong>{p.figuresFor(shownFor.radius, shownFor.layer, shownFor.time)}</strong>{' '}
            <span className="muted">{shownFor.counts}</span>
          </p>
        )}
        <p className="planner-method small muted">
          {p.note.method(shownFor?.radius ?? asked.radius, shown?.params.layer ?? layer)}
        </p>
        {report.status === 'loading' && (
          <Pending req={report}>
            {shown ? p.computingFor(asked.radius, asked.layer, asked.time) : p.loadingReport}
            {radiusM < FINE_GRID_BELOW_M && <span className="muted small"> {p.loadingSlow}</span>}
          </Pending>
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
                scenario={
                  scenarioOn ? (
                    <ScenarioPanel
                      sites={proposed}
                      max={MAX_SCENARIO_SITES}
                      answer={scenario}
                      stale={scenarioStale}
                      adding={adding}
                      onAdding={setAdding}
                      onRemove={(i) => update({ sites: proposed.filter((_, j) => j !== i) })}
                      onClear={() => update({ sites: [] })}
                    />
                  ) : (
                    county && <p className="muted small">{p.scenario.stationsOnly}</p>
                  )
                }
                onTake={scenarioOn && !full ? addSite : undefined}
                onBack={close}
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
              filter={filter}
              onSort={(sort) => update({ sort })}
              onGrouped={(grouped) => update({ grouped })}
              onWorstFirst={() => update(WORST_FIRST)}
              onClearFilter={() => update({ legendClass: null })}
              onHover={setHovered}
              onSelect={select}
            />
          </div>
        )}
      </section>
      {data && shown && shownFor && (
        <PrintReport
          row={row ?? data.province}
          gaps={row && gaps.status === 'ok' ? gaps.data : null}
          suggestions={row && suggestions.status === 'ok' ? suggestions.data : null}
          figuresFor={`${p.figuresFor(shownFor.radius, shownFor.layer, shownFor.time)} · ${shownFor.counts}`}
          radiusText={shownFor.radius}
          layer={shown.params.layer}
          snapshot={snapshot}
        />
      )}
    </main>
  )
}
