import type { Feature, FeatureCollection, Point, Position } from 'geojson'
import type { CountyFeature } from '../domain/county.ts'
import type { BBox } from '../geo/polygon.ts'
import { geometryBBox } from '../geo/polygon.ts'
import { pointOnSurface } from '../geo/point-on-surface.ts'
import { placeNameForms, type PlaceNameForms } from './place-names.ts'

export type Label = {
  name: string
  kind: 'city' | 'county'
  city: string
  adcode: string
  bbox: number[]
  /** English name of the city, and the name's Latin forms for search (placeNameForms). */
  cityEn: string
} & PlaceNameForms

/**
 * Place names for the map and for search: a point inside each county and each city. The
 * basemap loads this module on its first request for labels, not at start: pinyin-pro's
 * dictionary is ~0.1 s to load.
 */
export function buildLabels(counties: CountyFeature[]): FeatureCollection<Point, Label> {
  const labels: Feature<Point, Label>[] = []
  const byCity = new Map<string, CountyFeature[]>()
  const label = (at: CountyFeature, properties: Label): Feature<Point, Label> => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Point', coordinates: roundPoint(pointOnSurface(at.geometry)) },
  })
  for (const c of counties) {
    byCity.set(c.properties.cityAdcode, [...(byCity.get(c.properties.cityAdcode) ?? []), c])
    labels.push(
      label(c, {
        name: c.properties.name,
        kind: 'county' as const,
        city: c.properties.city,
        adcode: c.properties.adcode,
        bbox: roundBbox(geometryBBox(c.geometry)),
        cityEn: placeNameForms(c.properties.city).nameEn,
        ...placeNameForms(c.properties.name),
      }),
    )
  }
  for (const [cityAdcode, members] of byCity) {
    // The city seat is usually its first district (lowest adcode): label there, not at the centroid.
    const seat = [...members].sort((a, b) =>
      a.properties.adcode.localeCompare(b.properties.adcode),
    )[0]!
    labels.push(
      label(seat, {
        name: seat.properties.city,
        kind: 'city' as const,
        city: seat.properties.city,
        adcode: cityAdcode,
        bbox: roundBbox(union(members.map((m) => geometryBBox(m.geometry)))),
        cityEn: placeNameForms(seat.properties.city).nameEn,
        ...placeNameForms(seat.properties.city),
      }),
    )
  }
  return { type: 'FeatureCollection', features: labels }
}

const roundPoint = (p: Position) => p.map((v) => Math.round(v * 1e5) / 1e5)

function roundBbox(b: readonly number[]): number[] {
  return b.map((v) => Math.round(v * 1e4) / 1e4)
}

function union(boxes: readonly BBox[]): BBox {
  return boxes.reduce((a, b) => [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  ])
}
