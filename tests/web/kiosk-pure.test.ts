import { describe, expect, it } from 'vitest'
import {
  relativeDirection,
  RELATIVE_DIRECTIONS,
  screenRelativeDeg,
} from '../../web/kiosk/relative-direction.ts'
import { parseKioskTarget } from '../../web/kiosk/kiosk-target.ts'
import { finderStationUrl } from '../../web/kiosk/finder-link.ts'
import { parseUrlState } from '../../web/map/url-state.ts'
import { initialBearingDeg } from '../../server/geo/geodesic.ts'

describe('screenRelativeDeg', () => {
  it('points a station due north of a screen facing east to the left', () => {
    const kiosk: [number, number] = [120.2, 30.2]
    const north = initialBearingDeg(kiosk, [120.2, 30.25])
    const rel = screenRelativeDeg(north, 90)
    expect(rel).toBeCloseTo(270, 6)
    expect(relativeDirection(rel)).toBe('left')
  })

  it('agrees with the geometry all round: rotating screen and target together changes nothing', () => {
    for (let facing = 0; facing < 360; facing += 15) {
      for (let bearing = 0; bearing < 360; bearing += 10) {
        const rel = screenRelativeDeg(bearing, facing)
        expect(rel).toBeGreaterThanOrEqual(0)
        expect(rel).toBeLessThan(360)
        // facing + rel is the bearing again, modulo a turn
        expect((((facing + rel - bearing) % 360) + 360) % 360).toBeCloseTo(0, 9)
        expect(screenRelativeDeg((bearing + 37) % 360, (facing + 37) % 360)).toBeCloseTo(rel, 9)
      }
    }
    expect(screenRelativeDeg(0, 0)).toBe(0)
    expect(screenRelativeDeg(10, 350)).toBe(20)
    expect(screenRelativeDeg(350, 10)).toBe(340)
  })

  it('names each eighth, centred on its direction, boundaries going clockwise', () => {
    RELATIVE_DIRECTIONS.forEach((d, i) => {
      expect(relativeDirection(i * 45)).toBe(d)
      expect(relativeDirection(i * 45 + 22)).toBe(d)
      expect(relativeDirection(i * 45 - 22)).toBe(d)
    })
    expect(relativeDirection(22.5)).toBe('aheadRight')
    expect(relativeDirection(359.9)).toBe('ahead')
    expect(relativeDirection(-90)).toBe('left')
  })
})

describe('parseKioskTarget', () => {
  it('reads a park id and a place with its facing', () => {
    expect(parseKioskTarget('/kiosk/pk-000012', '')).toEqual({
      kind: 'park',
      parkId: 'pk-000012',
      lang: 'zh-CN',
    })
    expect(
      parseKioskTarget('/kiosk', '?lat=30.25&lon=120.15&name=西溪物流园&facing=90&lang=en'),
    ).toEqual({
      kind: 'place',
      place: { name: '西溪物流园', lat: 30.25, lon: 120.15, facingDeg: 90 },
      lang: 'en',
    })
    expect(parseKioskTarget('/kiosk', '?lat=30.25&lon=120.15')).toMatchObject({
      place: { name: null, facingDeg: 0 },
    })
  })

  it.each([
    ['/kiosk', '', 'lat'],
    ['/kiosk', '?lon=120', 'lat'],
    ['/kiosk', '?lat=91&lon=120', 'lat'],
    ['/kiosk', '?lat=30&lon=1e2', 'lon'],
    ['/kiosk', '?lat=30&lon=', 'lon'],
    ['/kiosk', '?lat=30&lon=120&facing=360', 'facing'],
    ['/kiosk', '?lat=30&lon=120&facing=45.5', 'facing'],
    ['/kiosk', '?lat=30&lon=120&name=%20', 'name'],
    ['/kiosk', '?lat=30&lon=120&name=a%00b', 'name'],
    ['/kiosk', '?lat=30&lat=31&lon=120', 'lat'],
    ['/kiosk', '?lat=30&lon=120&raduis=5', 'raduis'],
    ['/kiosk', '?lat=30&lon=120&lang=fr', 'lang'],
    ['/kiosk/pk-1', '?lat=30', 'lat'],
    ['/kiosk/a%20b', '', 'parkId'],
    ['/kiosk/%E0%A4', '', 'parkId'],
  ])('%s%s is invalid, naming %s', (path, search, parameter) => {
    expect(parseKioskTarget(path, search)).toMatchObject({ kind: 'invalid', parameter })
  })
})

describe('finderStationUrl', () => {
  it("opens the finder at the station's card, measured from the kiosk, in its language", () => {
    const url = finderStationUrl(
      'https://stations.example.cn',
      { id: 'st-000042', lon: 120.123456, lat: 30.2 },
      [120.1, 30.21],
      'en',
    )
    const parsed = new URL(url)
    expect(parsed.origin + parsed.pathname).toBe('https://stations.example.cn/')
    const state = parseUrlState(parsed.search)
    expect(state).toMatchObject({
      station: 'st-000042',
      origin: [120.1, 30.21],
      originSource: 'picked',
      lang: 'en',
      view: { lon: 120.12346, lat: 30.2, zoom: 16 },
    })
  })
})
