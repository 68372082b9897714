import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import type { ScenarioPlan, ScenarioStation } from '../api/planner-client.ts'

/** What each feature of an exported scenario is, its `properties.kind`. */
export type ScenarioFeatureKind =
  'proposedSite' | 'removedStation' | 'changedHours' | 'gainedLand' | 'lostLand'

/** The scenario file: its features, and the county's figures now and with it as foreign members. */
export type ScenarioExport = FeatureCollection &
  Pick<
    ScenarioAnswer,
    'adcode' | 'radiusM' | 'at' | 'dataVersion' | 'live' | 'scenario' | 'difference'
  >

/**
 * A scenario as GeoJSON, from the answer the page shows (so the file holds exactly the figures on
 * screen): proposed sites with the land only each covers, removed stations, stations given other
 * hours (with the hours registered), and the land gained and lost. `stations` places and names
 * the county's stations; one it does not know has no position and is left out.
 */
export function scenarioGeoJson(
  answer: ScenarioAnswer,
  plan: Pick<ScenarioPlan, 'removed' | 'hours'>,
  stations: ReadonlyMap<string, ScenarioStation>,
): ScenarioExport {
  const feature = (geometry: Geometry, properties: Record<string, unknown>): Feature => ({
    type: 'Feature',
    geometry,
    properties,
  })
  const station = (id: string, kind: ScenarioFeatureKind, more: Record<string, unknown> = {}) => {
    const s = stations.get(id)
    return s
      ? [feature({ type: 'Point', coordinates: s.position }, { kind, id, name: s.name, ...more })]
      : []
  }
  const land = (kind: ScenarioFeatureKind, fc: ScenarioAnswer['gained']) =>
    fc.features.map((f) => feature(f.geometry as Geometry, { kind, ...f.properties }))
  const { adcode, radiusM, at, dataVersion, live, scenario, difference } = answer
  return {
    type: 'FeatureCollection',
    adcode,
    radiusM,
    at,
    dataVersion,
    live,
    scenario,
    difference,
    features: [
      ...answer.sites.map((s, i) =>
        feature(
          { type: 'Point', coordinates: [s.lon, s.lat] },
          { kind: 'proposedSite', n: i + 1, addedCoverageKm2: s.addedCoverageKm2 },
        ),
      ),
      ...plan.removed.flatMap((id) => station(id, 'removedStation')),
      ...plan.hours.flatMap((h) =>
        station(h.id, 'changedHours', {
          openingHours: h.openingHours,
          registeredHours: stations.get(h.id)?.openingHours ?? null,
        }),
      ),
      ...land('gainedLand', answer.gained),
      ...land('lostLand', answer.lost),
    ],
  }
}

/** Saves `data` as a GeoJSON file named `name` through the browser's download. */
export function download(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data)], { type: 'application/geo+json' })
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(href), 0)
}
