import { describe, expect, test } from 'vitest'
import { navLinks } from '../../web/map/nav-links.ts'
import { bd09ToWgs84, gcj02ToBd09, gcj02ToWgs84, wgs84ToGcj02 } from '../../server/geo/crs.ts'
import { distanceM } from '../../server/geo/geodesic.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import type { LonLat } from '../../server/domain/geojson.ts'

const numbers = (s: string | null) => (s ?? '').split(',').map(Number)

describe('navigation links', () => {
  test('published reference points: the GCJ-02 and BD-09 forward formulas', () => {
    // wandergis/coordtransform README, converting (116.404, 39.915).
    const gcj = wgs84ToGcj02([116.404, 39.915])
    expect(gcj[0]).toBeCloseTo(116.41024449916938, 9)
    expect(gcj[1]).toBeCloseTo(39.91640428150164, 9)
    const bd = gcj02ToBd09([116.404, 39.915])
    expect(bd[0]).toBeCloseTo(116.41036949371029, 9)
    expect(bd[1]).toBeCloseTo(39.92133699351021, 9)
  })

  test('each app gets the coordinates of its own system, and they lead back to the station', () => {
    const r = createRandom(11)
    for (let i = 0; i < 100; i++) {
      // Anywhere in Zhejiang.
      const station: LonLat = [118 + r.next() * 5, 27 + r.next() * 4.3]
      const links = navLinks(station, '测试驿站 & 1号')
      const amap = new URL(links.amap)
      const [gLon, gLat] = numbers(amap.searchParams.get('position'))
      // Six decimals in the link: back-converted, within 0.2 m of the station.
      expect(distanceM(gcj02ToWgs84([gLon!, gLat!]), station)).toBeLessThan(0.2)
      expect(amap.searchParams.get('name')).toBe('测试驿站 & 1号')

      const baidu = new URL(links.baidu)
      expect(baidu.searchParams.get('coord_type')).toBe('bd09ll')
      const [bLat, bLon] = numbers(baidu.searchParams.get('location'))
      expect(distanceM(bd09ToWgs84([bLon!, bLat!]), station)).toBeLessThan(0.2)

      const apple = new URL(links.apple)
      const [aLat, aLon] = numbers(apple.searchParams.get('ll'))
      expect(distanceM(gcj02ToWgs84([aLon!, aLat!]), station)).toBeLessThan(0.2)
      const osm = new URL(links.osm)
      expect(
        distanceM(
          [Number(osm.searchParams.get('mlon')), Number(osm.searchParams.get('mlat'))],
          station,
        ),
      ).toBeLessThan(0.2)
    }
  })

  test('a link that skipped the conversion would be hundreds of metres off', () => {
    const station: LonLat = [120.1551, 30.2741]
    const [gLon, gLat] = numbers(new URL(navLinks(station, 'x').amap).searchParams.get('position'))
    expect(distanceM([gLon!, gLat!], station)).toBeGreaterThan(300)
  })
})
