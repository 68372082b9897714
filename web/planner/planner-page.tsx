import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import { MAX_SCENARIO_SITES } from '../../server/domain/coverage-scenario.ts'
import { fetchPlaces } from '../api/client.ts'
import { fetchCoverage, fetchGaps, fetchScenario, fetchSuggestions } from '../api/planner-client.ts'
import type { CoverageParams, ScenarioPlan } from '../api/planner-client.ts'
import { useRequest } from '../api/use-request.ts'
import type { RequestState } from '../api/use-request.ts'
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
import { NO_SCENARIO, roundSite, WORST_FIRST } from './planner-state.ts'
import type { PlannerState } from './planner-state.ts'
import { PrintReport } from './print-report.tsx'
import { download, scenarioGeoJson } from './scenario-export.ts'
import type { ScenarioMapHandlers, StationChange } from './scenario-layers.ts'
import { ScenarioPanel } from './scenario-panel.tsx'
import { useComputation } from './use-computation.ts'
import { useDebounced } from './use-debounced.ts'
import { useScenarioStations } from './use-scenario-stations.ts'

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

/** An answer's data (the same object until a new answer comes), or null. */
const dataOf = <T,>(r: RequestState<T>): T | null => (r.status === 'ok' ? r.data : null)

/** A scenario's plan as a key: equal plans ask the server once. */
const scenarioKey = (p: ScenarioPlan): string =>
  [
    p.added.map((s) => s.join(',')).join(';'),
    p.removed.join(','),
    p.hours.map((h) => `${h.id}=${h.openingHours}`).join('\n'),
  ].join('|')
const EMPTY_KEY = scenarioKey({ added: [], removed: [], hours: [] })

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
  // The scenario (stations only: the API has no layer), asked for once edits pause. A site being
  // dragged is a draft: drawn and computed as it moves, put in the link when dropped.
  const scenarioOn = county !== null && layer === 'stations'
  const [draft, setDraft] = useState<LonLat[] | null>(null)
  const proposed = draft ?? state.sites
  const { removed, hours } = state
  // The existing sites come from the vector tiles, those across the border included; stations a
  // scenario takes out are left out there and drawn crossed out by the scenario's layer.
  const hidden = scenarioOn ? removed : NO_SCENARIO.removed
  const sites = useMemo(
    (): PlannerSites | null =>
      county ? { layer, radiusM, lat: bbox ? (bbox[1] + bbox[3]) / 2 : 29.2, hidden } : null,
    [county, layer, radiusM, bbox, hidden],
  )
  const plan = useMemo(
    (): ScenarioPlan => ({ added: proposed, removed, hours }),
    [proposed, removed, hours],
  )
  const planKey = scenarioKey(plan)
  const settledPlan = useDebounced(plan, SCENARIO_DEBOUNCE_MS)
  const settledKey = scenarioKey(settledPlan)
  const [adding, setAdding] = useState(false)
  const scenario = useComputation(
    scenarioOn && settledKey !== EMPTY_KEY ? `scenario:${county}:${paramsKey}:${settledKey}` : null,
    (signal) => fetchScenario(county!, { radiusM, at }, settledPlan, signal),
  )
  const scenarioStale = settledKey !== planKey
  const hasScenario = scenarioOn && planKey !== EMPTY_KEY
  const full = proposed.length >= MAX_SCENARIO_SITES
  const addSite = useCallback(
    (site: LonLat) => {
      if (!full) update({ sites: [...proposed, roundSite(site)] })
    },
    [update, proposed, full],
  )
  const pick = scenarioOn && adding && !full ? addSite : null
  const dragSite = useCallback(
    (index: number, at: LonLat, done: boolean) => {
      const next = proposed.map((s, i) => (i === index ? roundSite(at) : s))
      if (done) {
        update({ sites: next })
        setDraft(null)
      } else setDraft(next)
    },
    [update, proposed],
  )
  const [pickedId, setPickedId] = useState<string | null>(null)
  useEffect(() => setPickedId(null), [county])
  // Only the stations the scenario names, by id; the map's stations come from the tiles.
  const named = useMemo(
    () => [...removed, ...hours.map((h) => h.id), ...(pickedId ? [pickedId] : [])],
    [removed, hours, pickedId],
  )
  const stationsById = useScenarioStations(scenarioOn ? named : NO_SCENARIO.removed)
  const picked = (scenarioOn && pickedId && stationsById.get(pickedId)) || null
  const setRemoved = useCallback(
    (id: string, out: boolean) =>
      update({
        removed: out ? [...removed.filter((r) => r !== id), id] : removed.filter((r) => r !== id),
      }),
    [update, removed],
  )
  const setHours = useCallback(
    (id: string, openingHours: string | null) => {
      const others = hours.filter((h) => h.id !== id)
      update({ hours: openingHours === null ? others : [...others, { id, openingHours }] })
    },
    [update, hours],
  )
  const exportScenario = useCallback(
    (answer: ScenarioAnswer) =>
      download(
        `scenario-${answer.adcode}-${answer.radiusM}m.geojson`,
        scenarioGeoJson(answer, { removed, hours }, stationsById),
      ),
    [removed, hours, stationsById],
  )

  // Gaps and suggestions change with the county and the figures' parameters; the scenario's
  // sites change as one is dragged, and only those sources are redrawn. The memos depend on the
  // answers' data, which keep their identity across renders (the request states do not).
  const gapData = dataOf(gaps)
  const suggestionData = dataOf(suggestions)
  const countyOverlays = useMemo(() => {
    const sites = suggestionData?.features ?? []
    const siteLonLats = sites.map((f) => f.geometry.coordinates as LonLat)
    return {
      gaps: (gapData as FeatureCollection | null) ?? EMPTY_FC,
      suggestions: pointFc(siteLonLats, (i) => ({ rank: sites[i]!.properties.rank })),
      suggestionCircles: circlesFc(siteLonLats, radiusM),
    }
  }, [gapData, suggestionData, radiusM])
  const answer = hasScenario && scenario.status === 'ok' ? scenario.data : null
  const gained = useMemo(() => (answer ? (answer.gained as FeatureCollection) : EMPTY_FC), [answer])
  const mine = scenarioOn ? proposed : NO_SCENARIO.sites
  const proposedOverlays = useMemo(
    () => ({
      proposed: pointFc(mine, (i) => ({ n: i + 1 })),
      proposedCircles: circlesFc(mine, radiusM),
    }),
    [mine, radiusM],
  )
  const overlays = useMemo(
    (): Overlays => (county ? { ...countyOverlays, gained, ...proposedOverlays } : NO_OVERLAYS),
    [county, countyOverlays, gained, proposedOverlays],
  )
  // The stations the scenario changes or the planner tapped, drawn over the tiles' points.
  const stationOverlay = useMemo(() => {
    const list = scenarioOn ? [...new Set(named)].flatMap((id) => stationsById.get(id) ?? []) : []
    return pointFc(
      list.map((st) => st.position),
      (i) => {
        const { id } = list[i]!
        const change: StationChange = removed.includes(id)
          ? 'removed'
          : hours.some((h) => h.id === id)
            ? 'hours'
            : 'kept'
        return { id, change, picked: id === pickedId }
      },
    )
  }, [scenarioOn, named, stationsById, removed, hours, pickedId])
  const lost = useMemo(() => (answer ? (answer.lost as FeatureCollection) : EMPTY_FC), [answer])
  // Its own memo: the handlers change with every edit, the drawn data only with the answer.
  const scenarioOverlays = useMemo(
    () => ({ lost, stations: stationOverlay }),
    [lost, stationOverlay],
  )
  const scenarioMap = useMemo(
    (): ScenarioMapHandlers => ({
      overlays: scenarioOverlays,
      onDragSite: dragSite,
      onStation: scenarioOn ? setPickedId : null,
    }),
    [scenarioOverlays, dragSite, scenarioOn],
  )

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
      update({ county: adcode, ...NO_SCENARIO }, { push: county === null })
      const panel = panelRef.current
      if (panel && getComputedStyle(panel).overflowY === 'auto') panel.scrollTo({ top: 0 })
      else mapAreaRef.current?.scrollIntoView({ block: 'start' })
    },
    [update, county],
  )
  const close = useCallback(() => {
    if (onPushedEntry()) window.history.back()
    else update({ county: null, ...NO_SCENARIO })
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
          scenario={scenarioMap}
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
          scenario={hasScenario}
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
                      removed={removed}
                      hours={hours}
                      max={MAX_SCENARIO_SITES}
                      answer={scenario}
                      stale={scenarioStale}
                      stations={stationsById}
                      picked={picked}
                      timed={at !== null}
                      adding={adding}
                      onAdding={setAdding}
                      onRemoveSite={(i) => update({ sites: proposed.filter((_, j) => j !== i) })}
                      onPick={setPickedId}
                      onRemoved={setRemoved}
                      onHours={setHours}
                      onClear={() => update(NO_SCENARIO)}
                      onExport={exportScenario}
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
          timed={shown.params.at !== null}
          scenario={
            row && answer && !scenarioStale
              ? { answer, plan: { removed, hours }, stations: stationsById }
              : null
          }
          snapshot={snapshot}
        />
      )}
    </main>
  )
}
