import { describe, expect, test } from 'vitest'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import type { CoverageRow } from '../../server/domain/coverage.ts'
import type { ScenarioStation } from '../../web/api/planner-client.ts'
import { scenarioGeoJson } from '../../web/planner/scenario-export.ts'

const row = (coveredKm2: number): CoverageRow =>
  ({ adcode: '330106', name: '西湖区', coveredKm2 }) as unknown as CoverageRow
const cell = (lon: number, areaKm2: number) => ({
  type: 'Feature' as const,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, 30],
        [lon + 0.01, 30],
        [lon, 30.01],
        [lon, 30],
      ],
    ],
  },
  properties: { areaKm2, cells: 1 },
})
const answer: ScenarioAnswer = {
  adcode: '330106',
  radiusM: 1000,
  at: 'weekday-02:00',
  dataVersion: 7,
  live: row(100),
  scenario: row(101.5),
  difference: { count: 0, coveredKm2: 1.5, coveredPp: 0.5, populationCoveredPp: null },
  sites: [{ lon: 120.1, lat: 30.2, addedCoverageKm2: 2.5 }],
  gained: { type: 'FeatureCollection', areaKm2: 2.5, features: [cell(120.1, 2.5)] },
  lost: { type: 'FeatureCollection', areaKm2: 1, features: [cell(120.2, 1)] },
}
const stations = new Map<string, ScenarioStation>([
  ['st-1', { id: 'st-1', name: '一号驿站', position: [120.2, 30.2], openingHours: null }],
  [
    'st-2',
    { id: 'st-2', name: '二号驿站', position: [120.3, 30.2], openingHours: 'Mo-Fr 08:00-18:00' },
  ],
])

describe('a scenario exported as GeoJSON', () => {
  test('holds the sites with their gains, the stations changed and the land gained and lost', () => {
    const fc = scenarioGeoJson(
      answer,
      { removed: ['st-1', 'gone'], hours: [{ id: 'st-2', openingHours: '24/7' }] },
      stations,
    )
    // A round trip through JSON, as the file is read back.
    const file = JSON.parse(JSON.stringify(fc)) as typeof fc
    expect(file).toMatchObject({ type: 'FeatureCollection', adcode: '330106', radiusM: 1000 })
    expect(file.difference).toEqual(answer.difference)
    expect(file.features.map((f) => [f.geometry.type, f.properties!.kind])).toEqual([
      ['Point', 'proposedSite'],
      ['Point', 'removedStation'],
      ['Point', 'changedHours'],
      ['Polygon', 'gainedLand'],
      ['Polygon', 'lostLand'],
    ])
    expect(file.features[0]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.1, 30.2] },
      properties: { kind: 'proposedSite', n: 1, addedCoverageKm2: 2.5 },
    })
    // A station the page does not know has no position: it is left out, not placed at 0, 0.
    expect(file.features[1]!.properties).toEqual({
      kind: 'removedStation',
      id: 'st-1',
      name: '一号驿站',
    })
    expect(file.features[2]!.properties).toEqual({
      kind: 'changedHours',
      id: 'st-2',
      name: '二号驿站',
      openingHours: '24/7',
      registeredHours: 'Mo-Fr 08:00-18:00',
    })
    expect(file.features[4]!.properties).toEqual({ kind: 'lostLand', areaKm2: 1, cells: 1 })
  })
})
