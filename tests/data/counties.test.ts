import { readFileSync, statSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import * as turf from '@turf/turf'
import { parse } from 'csv-parse/sync'
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { CountyCollectionSchema, type CountyFeature } from '../../server/domain/county.ts'
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../server/geo/crs.ts'
import { geodesicAreaKm2, pointInGeometry, polygonsOf } from '../../server/geo/polygon.ts'
import {
  GAP_FILL_AREA_KM2,
  mapPositions,
  readSourceFeatures,
} from '../../data/scripts/build-counties.ts'

const GEOJSON_PATH = 'data/counties.geojson'
const collection = CountyCollectionSchema.parse(JSON.parse(readFileSync(GEOJSON_PATH, 'utf8')))
const counties = collection.features
const geometryOf = (f: CountyFeature) => f.geometry as unknown as Polygon | MultiPolygon

const census = parse(readFileSync('data/sources/census2020-zhejiang-counties.csv'), {
  columns: true,
  bom: true,
}) as Record<string, string>[]
const censusByCode = new Map(census.map((r) => [r['区划代码'] as string, r]))
const populationOf = (code: string) => Number(censusByCode.get(code)?.['人口数_合计'])
const currentCodes = new Set(
  (
    parse(readFileSync('data/sources/zhejiang-counties-2023.csv'), { columns: true }) as {
      adcode: string
    }[]
  ).map((r) => r.adcode),
)

const source = readSourceFeatures()
const sourceByCode = new Map(source.map((f) => [String(f.properties?.['adcode']), f]))

function unionOf(features: { geometry: Polygon | MultiPolygon }[]) {
  const fc = turf.featureCollection(features.map((f) => turf.feature(f.geometry)))
  const union = turf.union(fc as FeatureCollection<Polygon | MultiPolygon>)
  if (!union) throw new Error('empty union')
  return union.geometry
}

describe('data/counties.geojson', () => {
  test('has the 89 counties of the source, each under a unique 6-digit adcode', () => {
    expect(counties).toHaveLength(89)
    const codes = counties.map((f) => f.properties.adcode)
    expect(new Set(codes).size).toBe(89)
    for (const f of counties) {
      expect(f.id).toBe(f.properties.adcode)
      expect(f.properties.adcode).toMatch(/^33\d{4}$/)
      expect(sourceByCode.get(f.id)?.properties?.['name']).toBe(f.properties.name)
    }
  })

  test('is under 1 MB', () => {
    expect(statSync(GEOJSON_PATH).size).toBeLessThan(1_000_000)
  })

  test('every county has census facts, and the province adds up to the census total', () => {
    const total = counties.reduce((s, f) => s + (f.properties.population ?? NaN), 0)
    expect(populationOf('330000')).toBe(64_567_588)
    expect(total).toBe(64_567_588)
    const urban = counties.reduce((s, f) => s + (f.properties.urbanPopulation ?? NaN), 0)
    expect(urban).toBe(Number(censusByCode.get('330000')?.['城镇人口']))
    // Children are summed per census row from shares given to 0.01 %: allow that rounding.
    const children = counties.reduce((s, f) => s + (f.properties.children ?? NaN), 0)
    const provinceShare = Number(censusByCode.get('330000')?.['人口比重_0-14岁'])
    const provinceChildren = (64_567_588 * provinceShare) / 100
    expect(Math.abs(children - provinceChildren) / provinceChildren).toBeLessThan(0.001)
    for (const { properties: p } of counties) {
      expect(p.urbanPopulation).toBeLessThanOrEqual(p.population as number)
      expect(p.children).toBeLessThan((p.population as number) * 0.25)
      expect(p.children).toBeGreaterThan((p.population as number) * 0.05)
    }
  })

  test('facts follow the census row of the same code unless a documented match applies', () => {
    const byCode = new Map(counties.map((f) => [f.properties.adcode, f.properties]))
    for (const { properties: p } of counties) {
      expect(p.cityAdcode).toBe(`${p.adcode.slice(0, 4)}00`)
      expect(p.city).toBe(censusByCode.get(p.cityAdcode)?.['区县'])
      if (censusByCode.has(p.adcode) && !['330327', '330303'].includes(p.adcode)) {
        expect(p.population).toBe(populationOf(p.adcode))
      }
    }
    expect(byCode.get('330185')?.population).toBe(populationOf('330112')) // 临安
    expect(byCode.get('330283')?.population).toBe(populationOf('330213')) // 奉化
    expect(byCode.get('331021')?.population).toBe(populationOf('331083')) // 玉环
    expect(byCode.get('330327')?.population).toBe(populationOf('330327') + populationOf('330383'))
    expect(byCode.get('330303')?.population).toBe(populationOf('330303') + 249_343)
  })

  test('every boundary that is no longer a current division says so in its note', () => {
    for (const { properties: p } of counties) {
      if (!currentCodes.has(p.adcode)) expect(p.note, p.name).toBeTruthy()
    }
    const note = (code: string) => counties.find((f) => f.id === code)?.properties.note
    expect(note('330327')).toContain('龙港市 330383')
    expect(note('330110')).toContain('临平区 330113')
    expect(note('330104')).toContain('钱塘区 330114')
  })

  test('polygons are valid: closed rings, RFC 7946 winding, no self-crossing', () => {
    const signedArea = (ring: Position[]) => {
      let s = 0
      for (let i = 0; i < ring.length - 1; i++) {
        const [x0, y0] = ring[i] as [number, number]
        const [x1, y1] = ring[i + 1] as [number, number]
        s += x0 * y1 - x1 * y0
      }
      return s / 2
    }
    for (const f of counties) {
      const g = geometryOf(f)
      const vertices = new Set<string>()
      for (const [outer, ...holes] of polygonsOf(g)) {
        for (const ring of [outer as Position[], ...holes]) {
          expect(ring.length).toBeGreaterThanOrEqual(4)
          expect(ring[0]).toEqual(ring[ring.length - 1])
          expect(turf.kinks(turf.polygon([ring])).features, f.id).toHaveLength(0)
          for (const p of ring) vertices.add(p.join())
        }
        expect(signedArea(outer as Position[])).toBeGreaterThan(0)
        for (const hole of holes) expect(signedArea(hole)).toBeLessThan(0)
      }
      // Parts of one county may touch, at shared vertices only (valid in the OGC model).
      for (const k of turf.kinks(turf.feature(g)).features) {
        expect(vertices.has(k.geometry.coordinates.join()), `${f.id} crosses itself`).toBe(true)
      }
    }
  })

  test('neighbours neither overlap nor leave gaps (the source had only sub-0.1 km² gaps)', () => {
    const sum = counties.reduce((s, f) => s + geodesicAreaKm2(geometryOf(f)), 0)
    const union = unionOf(counties.map((f) => ({ geometry: geometryOf(f) })))
    expect(Math.abs(sum - geodesicAreaKm2(union))).toBeLessThan(0.01)
    const holes = polygonsOf(union).flatMap((rings) => rings.slice(1))
    expect(holes).toHaveLength(0)

    // The unsimplified source's own gaps were all artefacts, small enough for -clean to fill.
    const sourceUnion = unionOf(source.map((f) => ({ geometry: f.geometry })))
    const sourceHoles = polygonsOf(sourceUnion).flatMap((rings) => rings.slice(1))
    for (const hole of sourceHoles) {
      expect(geodesicAreaKm2({ type: 'Polygon', coordinates: [hole] })).toBeLessThan(
        GAP_FILL_AREA_KM2,
      )
    }
  })

  test('each random point of the province lies in at most one county', () => {
    let seed = 1
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    let hits = 0
    for (let i = 0; i < 3000; i++) {
      const p: [number, number] = [118 + random() * 5, 27 + random() * 4.3]
      const count = counties.filter((f) => pointInGeometry(p, geometryOf(f))).length
      expect(count).toBeLessThanOrEqual(1)
      hits += count
    }
    expect(hits).toBeGreaterThan(1000) // Zhejiang fills about half of that box
  })

  test('areas are geodesic and within 2.5 % of the unsimplified source', () => {
    let shipped = 0
    let original = 0
    for (const f of counties) {
      const areaKm2 = geodesicAreaKm2(geometryOf(f))
      expect(f.properties.areaKm2).toBeCloseTo(areaKm2, 1)
      const sourceFeature = sourceByCode.get(f.id)
      if (!sourceFeature) throw new Error(`${f.id} not in source`)
      const sourceKm2 = geodesicAreaKm2(mapPositions(sourceFeature.geometry, gcj02ToWgs84))
      expect(Math.abs(areaKm2 - sourceKm2) / sourceKm2, f.properties.name).toBeLessThan(0.025)
      shipped += areaKm2
      original += sourceKm2
    }
    expect(Math.abs(shipped - original) / original).toBeLessThan(0.001)
  })

  test('vertices are the source GCJ-02 vertices converted to WGS-84, not the raw ones', () => {
    const key = (p: Position) =>
      `${Math.round((p[0] as number) * 1e5)},${Math.round((p[1] as number) * 1e5)}`
    for (const code of ['330102', '330922', '331181']) {
      const sourceFeature = sourceByCode.get(code)
      const shipped = counties.find((f) => f.id === code)
      if (!sourceFeature || !shipped) throw new Error(code)
      const raw = new Set(polygonsOf(sourceFeature.geometry).flat(2).map(key))
      const converted = new Set(
        polygonsOf(mapPositions(sourceFeature.geometry, gcj02ToWgs84)).flat(2).map(key),
      )
      const vertices = polygonsOf(geometryOf(shipped)).flat(2)
      const inConverted = vertices.filter((p) => converted.has(key(p))).length
      const inRaw = vertices.filter((p) => raw.has(key(p))).length
      expect(inConverted / vertices.length).toBeGreaterThan(0.95)
      expect(inRaw / vertices.length).toBeLessThan(0.05)
      // And the conversion moved them by the GCJ-02 offset, about 500 m here.
      const p = vertices[0] as [number, number]
      const back = wgs84ToGcj02(p)
      expect(Math.hypot((back[0] - p[0]) * 96, (back[1] - p[1]) * 111)).toBeGreaterThan(0.4)
    }
  })
})
