import { describe, expect, it } from 'vitest'
import geographiclib from 'geographiclib-geodesic'
import KDBush from 'kdbush'
import { around } from 'geokdbush'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { nearbyBruteForce } from '../../../server/geo/nearby-brute-force.ts'
import { PointIndex } from '../../../server/geo/spatial-index.ts'
import type { Bbox, NearbyOptions } from '../../../server/geo/spatial-index.ts'
import { randomLonLatIn, seededRandom, ZHEJIANG_BBOX } from './seeded-random.ts'

type Pt = { id: string; lon: number; lat: number; tag: number }
const lonLat = (p: Pt): LonLat => [p.lon, p.lat]
const byId = (p: Pt) => p.id

const geod = geographiclib.Geodesic.WGS84

/** The point `distanceM` metres from `origin` along the geodesic leaving at `azimuthDeg`. */
function along(origin: LonLat, azimuthDeg: number, distanceMetres: number): LonLat {
  const r = geod.Direct(origin[1], origin[0], azimuthDeg, distanceMetres)
  return [r.lon2 as number, r.lat2 as number]
}

function randomPoints(n: number, seed: number, bbox: Bbox = ZHEJIANG_BBOX): Pt[] {
  const random = seededRandom(seed)
  // Ids are not in input order, so a tie-break by position would be caught.
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = randomLonLatIn(random, bbox)
    return {
      id: `p${String((i * 7919) % n).padStart(6, '0')}`,
      lon,
      lat,
      tag: Math.floor(random() * 100),
    }
  })
}

function expectSameAsBruteForce(
  index: PointIndex<Pt>,
  items: Pt[],
  origin: LonLat,
  opts: NearbyOptions<Pt>,
) {
  const got = index.nearby(origin, opts)
  const want = nearbyBruteForce(items, lonLat, origin, opts, byId)
  expect(got.map((h) => [h.item.id, h.distanceM])).toEqual(
    want.map((h) => [h.item.id, h.distanceM]),
  )
  // nearbyCounted: the same hits (its own candidate search), and how many pass in all.
  const counted = index.nearbyCounted(origin, opts)
  expect(counted.hits).toEqual(got)
  const { radiusM, filter } = opts
  expect(counted.total).toBe(
    items.filter((p) => (!filter || filter(p)) && distanceM(origin, lonLat(p)) <= radiusM).length,
  )
  return got
}

describe('PointIndex.nearby equals the brute-force geodesic ranking', () => {
  const items = randomPoints(6000, 1)
  const index = new PointIndex(items, lonLat, byId)

  it('on many random queries over Zhejiang (any pruning or ordering slip)', () => {
    const random = seededRandom(2)
    const limits = [1, 3, 20, 200]
    const radiiM = [50, 500, 3000, 10_000, 60_000, 400_000]
    let nonEmpty = 0
    for (let q = 0; q < 400; q++) {
      const origin = randomLonLatIn(random, ZHEJIANG_BBOX)
      const radiusM = radiiM[q % radiiM.length] as number
      const limit = limits[Math.floor(q / radiiM.length) % limits.length] as number
      if (expectSameAsBruteForce(index, items, origin, { radiusM, limit }).length > 0) nonEmpty++
    }
    expect(nonEmpty).toBeGreaterThan(200) // the queries did exercise the index
  })

  it('when the filter rejects almost every point (pruning must not stop at rejected ones)', () => {
    const random = seededRandom(3)
    const rare = (p: Pt) => p.tag === 0
    for (let q = 0; q < 100; q++) {
      const origin = randomLonLatIn(random, ZHEJIANG_BBOX)
      expectSameAsBruteForce(index, items, origin, { radiusM: 80_000, limit: 5, filter: rare })
      expectSameAsBruteForce(index, items, origin, { radiusM: Infinity, limit: 1, filter: rare })
    }
  })

  it('with limit 1 and limit 200 at the same origins (k-th candidate bound)', () => {
    const random = seededRandom(4)
    for (let q = 0; q < 100; q++) {
      const origin = randomLonLatIn(random, ZHEJIANG_BBOX)
      expect(expectSameAsBruteForce(index, items, origin, { radiusM: 1e6, limit: 1 })).toHaveLength(
        1,
      )
      expect(
        expectSameAsBruteForce(index, items, origin, { radiusM: 1e6, limit: 200 }),
      ).toHaveLength(200)
    }
  })

  it('at the province border and well outside it (origin outside every kd-tree box)', () => {
    const origins: LonLat[] = [
      [118.0, 27.0],
      [123.0, 31.2],
      [118.0, 31.2],
      [123.0, 27.0], // bbox corners
      [123.4, 29.5],
      [117.6, 29.0],
      [120.5, 26.6],
      [121.0, 31.6], // just outside
      [116.4, 39.9],
      [139.7, 35.7],
      [-74.0, 40.7],
      [120.15, -30.27], // Beijing, Tokyo, New York, antipode-ish
    ]
    for (const origin of origins) {
      for (const radiusM of [2000, 50_000, 200_000, Infinity]) {
        for (const limit of [1, 20, 200])
          expectSameAsBruteForce(index, items, origin, { radiusM, limit })
      }
    }
  })

  it('with no limit and an unbounded radius (whole index, sorted)', () => {
    const got = expectSameAsBruteForce(index, items, [120.15, 30.27], {
      radiusM: Infinity,
      limit: Infinity,
    })
    expect(got).toHaveLength(items.length)
  })
})

describe('PointIndex.nearby at the radius edge', () => {
  const origin: LonLat = [120.15, 30.27]
  const radiusM = 3000
  // 360 azimuths, one point 1 cm inside and one 1 cm outside the radius on each.
  const ring: Pt[] = []
  for (let az = 0; az < 360; az++) {
    for (const [side, offsetM] of [
      ['in', -0.01],
      ['out', 0.01],
    ] as const) {
      const [lon, lat] = along(origin, az, radiusM + offsetM)
      ring.push({ id: `${side}${String(az).padStart(3, '0')}`, lon, lat, tag: az })
    }
  }

  it('keeps every point 1 cm inside and drops every point 1 cm outside, in any direction', () => {
    const index = new PointIndex(ring, lonLat, byId)
    const got = expectSameAsBruteForce(index, ring, origin, { radiusM, limit: 1000 })
    expect(got).toHaveLength(360)
    expect(got.every((h) => h.item.id.startsWith('in'))).toBe(true)
  })

  it('is a sharp fixture: a plain spherical query of the same radius gets the edge wrong', () => {
    // Guards the test above: if the sphere agreed with the ellipsoid here, it proved nothing.
    const kd = new KDBush(ring.length)
    for (const p of ring) kd.add(p.lon, p.lat)
    kd.finish()
    const sphereIds = new Set(
      around(kd, origin[0], origin[1], Infinity, radiusM / 1000).map((i) => ring[i]!.id),
    )
    const exactIds = new Set(
      ring.filter((p) => distanceM(origin, lonLat(p)) <= radiusM).map((p) => p.id),
    )
    expect(sphereIds).not.toEqual(exactIds)
  })

  it('with a filter, limits and ring points mixed into random ones', () => {
    const mixed = [...ring, ...randomPoints(2000, 5, [120.1, 30.22, 120.2, 30.32])]
    const index = new PointIndex(mixed, lonLat, byId)
    for (const limit of [1, 10, 200, 1000]) {
      expectSameAsBruteForce(index, mixed, origin, { radiusM, limit })
      expectSameAsBruteForce(index, mixed, origin, {
        radiusM,
        limit,
        filter: (p) => p.tag % 7 === 0,
      })
    }
  })
})

describe('PointIndex.count equals the number of brute-force hits', () => {
  const items = randomPoints(6000, 11)
  const index = new PointIndex(items, lonLat, byId)
  const bruteCount = (pts: Pt[], origin: LonLat, radiusM: number, filter?: (p: Pt) => boolean) =>
    nearbyBruteForce(pts, lonLat, origin, { radiusM, limit: Infinity, filter }).length

  it('on random queries with and without a filter, bounded and unbounded', () => {
    const random = seededRandom(12)
    const radiiM = [50, 3000, 10_000, 60_000, Infinity]
    const odd = (p: Pt) => p.tag % 3 === 1
    let nonZero = 0
    for (let q = 0; q < 150; q++) {
      const origin = randomLonLatIn(random, ZHEJIANG_BBOX)
      const radiusM = radiiM[q % radiiM.length] as number
      const filter = q % 2 === 0 ? odd : undefined
      const n = index.count(origin, radiusM, filter)
      expect(n).toBe(bruteCount(items, origin, radiusM, filter))
      if (n > 0) nonZero++
    }
    expect(nonZero).toBeGreaterThan(60)
  })

  it('counts points 1 cm inside the radius and not those 1 cm outside, in any direction', () => {
    const origin: LonLat = [120.15, 30.27]
    const ring: Pt[] = []
    for (let az = 0; az < 360; az += 0.5) {
      for (const offsetM of [-0.01, 0.01]) {
        const [lon, lat] = along(origin, az, 3000 + offsetM)
        ring.push({ id: `${offsetM}/${az}`, lon, lat, tag: 0 })
      }
    }
    const ringIndex = new PointIndex(ring, lonLat, byId)
    expect(ringIndex.count(origin, 3000)).toBe(720)
    expect(ringIndex.count(origin, 3000)).toBe(bruteCount(ring, origin, 3000))
  })

  it('near a pole and across the antimeridian, where no box holds the circle', () => {
    const polar = randomPoints(3000, 13, [-180, 80, 180, 90])
    const dateLine = randomPoints(3000, 14, [179, -5, 180, 5]).concat(
      randomPoints(3000, 15, [-180, -5, -179, 5]),
    )
    const odd = (p: Pt) => p.tag % 3 === 1
    for (const [pts, origin] of [
      [polar, [10, 89.5]],
      [polar, [-170, 85]],
      [dateLine, [179.99, 0]],
      [dateLine, [-179.9, 1]],
    ] as const) {
      const index = new PointIndex(pts, lonLat, byId)
      for (const radiusM of [5000, 60_000, 300_000]) {
        for (const filter of [undefined, odd]) {
          const n = index.count(origin as LonLat, radiusM, filter)
          expect(n).toBe(bruteCount(pts, origin as LonLat, radiusM, filter))
        }
      }
      expect(index.count(origin as LonLat, 300_000)).toBeGreaterThan(0)
    }
  })

  it('is 0 on an empty index, for a negative radius, and far from every point', () => {
    expect(new PointIndex<Pt>([], lonLat).count([120, 30], 1000)).toBe(0)
    expect(index.count([120.15, 30.27], -1)).toBe(0)
    expect(index.count([-74, 40.7], 50_000)).toBe(0)
    expect(() => index.count([120, 30], NaN)).toThrow()
  })
})

describe('PointIndex.nearby when sphere and ellipsoid disagree on the order', () => {
  // At 30°N the sphere overstates north-south distances (M ≈ 6351 km < 6371 km) and understates
  // east-west ones (N ≈ 6383 km): a point 1000 m north looks farther than one 1001 m east.
  const origin: LonLat = [120.15, 30.27]
  const north: Pt = { id: 'north', ...toLonLatObj(along(origin, 0, 1000)), tag: 0 }
  const east: Pt = { id: 'east', ...toLonLatObj(along(origin, 90, 1001)), tag: 0 }

  it('returns the geodesically nearest even when it is not the spherically nearest (limit 1)', () => {
    const items = [east, north]
    const hits = new PointIndex(items, lonLat, byId).nearby(origin, { radiusM: 5000, limit: 1 })
    expect(hits.map((h) => h.item.id)).toEqual(['north'])
    // The fixture is sharp: geokdbush alone would pick the other one.
    const kd = new KDBush(2)
    for (const p of items) kd.add(p.lon, p.lat)
    kd.finish()
    expect(around(kd, origin[0], origin[1], 1).map((i) => items[i]!.id)).toEqual(['east'])
  })

  it('cuts the top k exactly where the geodesic order does, on a ring of near-equal distances', () => {
    // Distances grow by 1 mm per step while azimuth turns from north to east: the spherical
    // order is roughly reversed, so a k-th spherical candidate bound that was too tight fails.
    const items: Pt[] = Array.from({ length: 90 }, (_, i) => ({
      id: `r${String(i).padStart(2, '0')}`,
      ...toLonLatObj(along(origin, i, 2000 + i * 0.001)),
      tag: i,
    }))
    const index = new PointIndex(items, lonLat, byId)
    for (const limit of [1, 2, 5, 30, 89, 90]) {
      const got = expectSameAsBruteForce(index, items, origin, { radiusM: 10_000, limit })
      expect(got.map((h) => h.item.id)).toEqual(items.slice(0, limit).map((p) => p.id))
    }
  })
})

describe('PointIndex odd but valid input', () => {
  it('answers [] on an empty index instead of throwing', () => {
    const index = new PointIndex<Pt>([], lonLat, byId)
    expect(index.size).toBe(0)
    expect(index.nearby([120, 30], { radiusM: Infinity, limit: 10 })).toEqual([])
    expect(index.withinBbox([-180, -90, 180, 90])).toEqual([])
  })

  it('breaks ties between duplicate coordinates by id, also when the limit cuts through them', () => {
    const spot: LonLat = [120.2, 30.25]
    const ids = ['d07', 'd02', 'd09', 'd01', 'd05', 'd03', 'd08', 'd04', 'd06']
    const items: Pt[] = ids.map((id) => ({ id, lon: spot[0], lat: spot[1], tag: 0 }))
    items.push({ id: 'a00', ...toLonLatObj(along(spot, 45, 10)), tag: 0 })
    const index = new PointIndex(items, lonLat, byId)
    const origin = along(spot, 225, 100)
    const got = expectSameAsBruteForce(index, items, origin, { radiusM: 1000, limit: 4 })
    expect(got.map((h) => h.item.id)).toEqual(['d01', 'd02', 'd03', 'd04'])
    // From the duplicates' own position: distance exactly 0.
    const atSpot = index.nearby(spot, { radiusM: 0, limit: 100 })
    expect(atSpot.map((h) => [h.item.id, h.distanceM])).toEqual(
      [...ids].sort().map((id) => [id, 0]),
    )
  })

  it('breaks ties by input position when no id function is given', () => {
    const items: Pt[] = ['z', 'y', 'x'].map((id) => ({ id, lon: 120, lat: 30, tag: 0 }))
    const got = new PointIndex(items, lonLat).nearby([120.01, 30], { radiusM: 5000, limit: 3 })
    expect(got.map((h) => h.item.id)).toEqual(['z', 'y', 'x'])
  })

  it('returns [] for limit 0, a negative limit or a negative radius', () => {
    const index = new PointIndex(randomPoints(50, 6), lonLat, byId)
    expect(index.nearby([120, 30], { radiusM: 1e6, limit: 0 })).toEqual([])
    expect(index.nearby([120, 30], { radiusM: 1e6, limit: -3 })).toEqual([])
    expect(index.nearby([120, 30], { radiusM: -1, limit: 5 })).toEqual([])
  })

  it('rejects a NaN radius instead of silently returning everything or nothing', () => {
    const index = new PointIndex(randomPoints(50, 6), lonLat, byId)
    expect(() => index.nearby([120, 30], { radiusM: Number.NaN, limit: 5 })).toThrow(/radiusM/)
  })

  it('is not changed when the caller later mutates the array it was built from', () => {
    const items = randomPoints(20, 8)
    const index = new PointIndex(items, lonLat, byId)
    const before = index.nearby([120, 30], { radiusM: Infinity, limit: 5 })
    items.length = 0
    expect(index.size).toBe(20)
    expect(index.nearby([120, 30], { radiusM: Infinity, limit: 5 })).toEqual(before)
  })
})

describe('PointIndex over items by position (ItemsAt)', () => {
  it('answers as the same index over an array of its items', () => {
    const items = randomPoints(3000, 21)
    const byArray = new PointIndex(items, lonLat, byId)
    const byPosition = new PointIndex({ size: items.length, at: (i) => items[i]! }, lonLat, byId)
    expect(byPosition.size).toBe(items.length)
    const random = seededRandom(22)
    const odd = (p: Pt) => p.tag % 2 === 1
    for (let q = 0; q < 60; q++) {
      const origin = randomLonLatIn(random, ZHEJIANG_BBOX)
      const opts = {
        radiusM: [2000, 30_000, Infinity][q % 3]!,
        limit: 20,
        filter: q % 2 ? odd : undefined,
      }
      expect(byPosition.nearby(origin, opts)).toEqual(byArray.nearby(origin, opts))
      expect(byPosition.count(origin, opts.radiusM, opts.filter)).toBe(
        byArray.count(origin, opts.radiusM, opts.filter),
      )
    }
    const box: Bbox = [120, 29.5, 120.6, 30.1]
    expect(byPosition.withinBbox(box)).toEqual(byArray.withinBbox(box))
  })
})

describe('PointIndex.withinBbox', () => {
  const items = randomPoints(3000, 9)
  const index = new PointIndex(items, lonLat, byId)
  const inside =
    ([minLon, minLat, maxLon, maxLat]: Bbox) =>
    (p: Pt) =>
      p.lat >= minLat &&
      p.lat <= maxLat &&
      (minLon <= maxLon ? p.lon >= minLon && p.lon <= maxLon : p.lon >= minLon || p.lon <= maxLon)

  it('returns exactly the points inside random boxes, in input order (range search both ways)', () => {
    const random = seededRandom(10)
    for (let q = 0; q < 100; q++) {
      const [a, b] = [randomLonLatIn(random, ZHEJIANG_BBOX), randomLonLatIn(random, ZHEJIANG_BBOX)]
      const bbox: Bbox = [
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[0], b[0]),
        Math.max(a[1], b[1]),
      ]
      expect(index.withinBbox(bbox)).toEqual(items.filter(inside(bbox)))
    }
  })

  it('includes points lying exactly on the edges', () => {
    const p = items[17]!
    expect(index.withinBbox([p.lon, p.lat, p.lon, p.lat])).toContain(p)
  })

  it('handles a box crossing the antimeridian (minLon > maxLon)', () => {
    const world: Pt[] = [
      { id: 'w', lon: -179.5, lat: 0, tag: 0 },
      { id: 'e', lon: 179.5, lat: 0, tag: 0 },
      { id: 'greenwich', lon: 0, lat: 0, tag: 0 },
    ]
    const got = new PointIndex(world, lonLat, byId).withinBbox([179, -1, -179, 1])
    expect(got.map((p) => p.id)).toEqual(['w', 'e'])
  })
})

function toLonLatObj([lon, lat]: LonLat): { lon: number; lat: number } {
  return { lon, lat }
}
