import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import type { AreaGeometry } from '../../../../server/geo/polygon.ts'
import { geometryBBox, pointInGeometry } from '../../../../server/geo/polygon.ts'

type CountyFeature = { properties: { name: string; adcode: string }; geometry: AreaGeometry }

const COUNTIES_PATH = fileURLToPath(new URL('../../../../data/counties.geojson', import.meta.url))
let counties: CountyFeature[] | undefined

/** A county outline from data/counties.geojson, by Chinese name. */
export function countyGeometry(name: string): AreaGeometry {
  const found = allCounties().find((c) => c.properties.name === name)
  if (!found) throw new Error(`no county named ${name} in data/counties.geojson`)
  return found.geometry
}

/** n points uniformly inside the geometry (rejection sampling in its bbox). */
export function sparsePoints(geometry: AreaGeometry, n: number, random: () => number): LonLat[] {
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry)
  const out: LonLat[] = []
  while (out.length < n) {
    const p: LonLat = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)]
    if (pointInGeometry(p, geometry)) out.push(p)
  }
  return out
}

/** n points scattered normally (sd sdDeg degrees) about a centre, kept if inside the geometry. */
export function clusteredPoints(
  geometry: AreaGeometry,
  centre: LonLat,
  n: number,
  sdDeg: number,
  random: () => number,
): LonLat[] {
  const out: LonLat[] = []
  while (out.length < n) {
    const r = Math.sqrt(-2 * Math.log(1 - random())) * sdDeg
    const t = 2 * Math.PI * random()
    const p: LonLat = [centre[0] + r * Math.cos(t), centre[1] + r * Math.sin(t)]
    if (pointInGeometry(p, geometry)) out.push(p)
  }
  return out
}

/** An axis-aligned lon/lat square (a simple fixture with a known outline). */
export function square(lon: number, lat: number, sizeDeg: number): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + sizeDeg, lat],
        [lon + sizeDeg, lat + sizeDeg],
        [lon, lat + sizeDeg],
        [lon, lat],
      ],
    ],
  }
}

/** Every county in data/counties.geojson. */
export function allCounties(): readonly CountyFeature[] {
  counties ??= (JSON.parse(readFileSync(COUNTIES_PATH, 'utf8')) as { features: CountyFeature[] })
    .features
  return counties
}

const STATIONS_PATH = fileURLToPath(
  new URL('../../../../data/sample/stations.json', import.meta.url),
)

/** The shipped sample's active stations, as the coverage API counts them. */
export function sampleStations(): LonLat[] {
  const rows = JSON.parse(readFileSync(STATIONS_PATH, 'utf8')) as Array<{
    lon: number
    lat: number
    status: string
  }>
  return rows.filter((s) => s.status === 'active').map((s): LonLat => [s.lon, s.lat])
}
