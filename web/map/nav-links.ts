import type { LonLat } from '../../server/domain/geojson.ts'
import { wgs84ToBd09, wgs84ToGcj02 } from '../../server/geo/crs.ts'

/** Map apps we link to, in the order the finder's card and the planner show them. */
export const NAV_APPS = ['amap', 'baidu', 'apple', 'osm'] as const
export type NavLinks = Record<(typeof NAV_APPS)[number], string>

// Six decimals is ≈ 0.1 m: finer than any of these apps can show.
const f6 = (v: number) => v.toFixed(6)

/**
 * Links that open each map app at a place (a station, or a planner's suggested site). We store
 * WGS-84; Amap wants GCJ-02 and Baidu BD-09, each converted here at the edge. Apple Maps draws mainland China from AutoNavi's
 * GCJ-02 data and reads `ll` in that frame there, so it gets GCJ-02 too (wgs84ToGcj02 is the
 * identity outside China). OpenStreetMap takes WGS-84.
 */
export function navLinks(position: LonLat, name: string): NavLinks {
  const [lon, lat] = position
  const [gLon, gLat] = wgs84ToGcj02(position)
  const [bLon, bLat] = wgs84ToBd09(position)
  const q = encodeURIComponent(name)
  return {
    amap: `https://uri.amap.com/marker?position=${f6(gLon)},${f6(gLat)}&name=${q}&coordinate=gaode&callnative=1&src=waystation`,
    baidu: `https://api.map.baidu.com/marker?location=${f6(bLat)},${f6(bLon)}&title=${q}&content=${q}&coord_type=bd09ll&output=html&src=waystation`,
    apple: `https://maps.apple.com/?ll=${f6(gLat)},${f6(gLon)}&q=${q}`,
    osm: `https://www.openstreetmap.org/?mlat=${f6(lat)}&mlon=${f6(lon)}#map=18/${f6(lat)}/${f6(lon)}`,
  }
}
