import * as turf from '@turf/turf'
import { expect, it } from 'vitest'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { pointOnSurface } from '../../../server/geo/point-on-surface.ts'
import { pointInGeometry } from '../../../server/geo/polygon.ts'
import { readDataset } from '../../../server/seed.ts'

// Label points: checked against turf's pointOnFeature, which the basemap's labels used before.

const counties = readDataset('data').counties

it('gives the point turf gives, on every shipped county', () => {
  for (const c of counties) {
    const ours = pointOnSurface(c.geometry)
    const theirs = turf.pointOnFeature(c as Feature<Polygon | MultiPolygon>).geometry.coordinates
    expect(ours, c.properties.name).toEqual(theirs)
  }
})

it('takes the nearest vertex when the centre of the box falls outside (a C shape)', () => {
  const c: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [3, 0],
        [3, 1.2],
        [1, 1.2],
        [1, 2],
        [3, 2],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
    ],
  }
  const point = pointOnSurface(c)
  expect(pointInGeometry([1.5, 1.5], c)).toBe(false)
  expect(point).toEqual(turf.pointOnFeature(c).geometry.coordinates)
  expect(point).toEqual([1, 1.2])
})
