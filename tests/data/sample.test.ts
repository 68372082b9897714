import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MultiPolygon, Polygon } from 'geojson'
import OpeningHours from 'opening_hours'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DEFAULTS, formatRecords } from '../../data/scripts/generate-sample.ts'
import { apportion } from '../../data/scripts/sample/apportion.ts'
import {
  MIN_CLASSES_PER_COUNTY,
  MIN_STATIONS_PER_COUNTY,
  generateSample,
} from '../../data/scripts/sample/generate-sample.ts'
import type { SampleCounty } from '../../data/scripts/sample/generate-sample.ts'
import { createPlaceSampler } from '../../data/scripts/sample/place-sampler.ts'
import { RESIDENTS_PER_PARK } from '../../data/scripts/sample/park-generator.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { ChildcareClassSchema } from '../../server/domain/childcare-class.ts'
import { CountyCollectionSchema } from '../../server/domain/county.ts'
import { ParkSchema } from '../../server/domain/park.ts'
import { StationSchema } from '../../server/domain/station.ts'
import { pointInGeometry } from '../../server/geo/polygon.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const counties = CountyCollectionSchema.parse(
  JSON.parse(readFileSync(join(ROOT, 'data/counties.geojson'), 'utf8')),
).features
const geometryOf = new Map(
  counties.map((c) => [c.properties.adcode, c.geometry as Polygon | MultiPolygon]),
)
const input = counties as SampleCounty[]
const small = (seed: number) =>
  generateSample({ seed, stations: 1200, classes: 300, counties: input })
const full = generateSample({
  seed: DEFAULTS.seed,
  stations: DEFAULTS.stations,
  classes: DEFAULTS.classes,
  counties: input,
})

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex')

/** Spearman rank correlation, ties given their average rank. */
function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const order = v.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x)
    const r = new Array<number>(v.length)
    for (let a = 0; a < order.length; ) {
      let b = a
      while (b + 1 < order.length && order[b + 1]!.x === order[a]!.x) b++
      for (let k = a; k <= b; k++) r[order[k]!.i] = (a + b) / 2
      a = b + 1
    }
    return r
  }
  const [rx, ry] = [rank(xs), rank(ys)]
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
  const [mx, my] = [mean(rx), mean(ry)]
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my)
    sxx += (rx[i]! - mx) ** 2
    syy += (ry[i]! - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>()
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1)
  return m
}

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between neighbouring seeds', () => {
    const draw = (seed: number) => Array.from({ length: 50 }, createRandom(seed).next)
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
    // Small seeds must not start near 1 or 0 (raw pure-rand seeding does for seed 42).
    for (let seed = 0; seed < 20; seed++) {
      expect(draw(seed).slice(0, 4).some((x) => x > 0.05 && x < 0.95)).toBe(true)
    }
  })

  it('draws from the stated ranges and frequencies', () => {
    const rng = createRandom(1)
    const hits = [0, 0, 0]
    let sum = 0
    let sumSq = 0
    const n = 60_000
    let outOfRange = 0
    for (let i = 0; i < n; i++) {
      const x = rng.next()
      if (!(x >= 0 && x < 1)) outOfRange++
      const k = rng.int(3, 5)
      if (k !== 3 && k !== 4 && k !== 5) outOfRange++
      hits[rng.weighted([0, 1, 2], [1, 2, 7])]!++
      const z = rng.normal(10, 2)
      sum += z
      sumSq += z * z
    }
    expect(outOfRange).toBe(0)
    // Binomial sd of a share p over 60 000 draws is below 0.002: 0.01 is five of them.
    expect(hits.map((h) => h / n)).toEqual([
      expect.closeTo(0.1, 1.7),
      expect.closeTo(0.2, 1.7),
      expect.closeTo(0.7, 1.7),
    ])
    const mean = sum / n
    expect(mean).toBeCloseTo(10, 1)
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(2, 1)
  })

  it('forks streams that do not repeat each other or the parent', () => {
    const root = createRandom(9)
    const a = root.fork()
    const b = root.fork()
    const take = (r: { next(): number }) => Array.from({ length: 20 }, () => r.next())
    const [ra, rb, rr] = [take(a), take(b), take(root)]
    expect(ra).not.toEqual(rb)
    expect(ra).not.toEqual(rr)
    expect(take(createRandom(9).fork())).toEqual(ra)
  })
})

describe('apportion', () => {
  it('sums to the total, honours the minimum and stays within one of the exact quota', () => {
    const rng = createRandom(3)
    for (let t = 0; t < 300; t++) {
      const length = rng.int(1, 40)
      const weights = Array.from({ length }, () => (rng.chance(0.1) ? 0 : rng.next()))
      const total = rng.int(0, 5000)
      const minEach = rng.int(0, 20)
      const parts = apportion(total, weights, minEach)
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
      const base = Math.min(minEach, Math.floor(total / weights.length))
      const sum = weights.reduce((a, b) => a + b, 0)
      parts.forEach((p, i) => {
        expect(p).toBeGreaterThanOrEqual(base)
        const share = sum > 0 ? weights[i]! / sum : 1 / weights.length
        const quota = base + (total - base * weights.length) * share
        expect(Math.abs(p - quota)).toBeLessThan(1)
      })
    }
  })

  it('breaks exact ties towards the lower index', () => {
    expect(apportion(5, [1, 1, 1, 1])).toEqual([2, 1, 1, 1])
    expect(apportion(3, [0, 0, 0], 5)).toEqual([1, 1, 1])
  })
})

describe('createPlaceSampler', () => {
  it('agrees with pointInGeometry on random points in every county bbox, inside and out', () => {
    const rng = createRandom(5)
    let inside = 0
    let outside = 0
    for (const c of counties) {
      const geometry = geometryOf.get(c.properties.adcode)!
      const sampler = createPlaceSampler(geometry)
      const [w, s, e, n] = sampler.bbox
      for (let i = 0; i < 400; i++) {
        // Some points snapped to the 1e-5° vertex grid, to hit vertex latitudes exactly.
        const snap = i % 4 === 0 ? 1e5 : 1e9
        const lon = Math.round(rng.uniform(w - 0.01, e + 0.01) * snap) / snap
        const lat = Math.round(rng.uniform(s - 0.01, n + 0.01) * snap) / snap
        const expected = pointInGeometry([lon, lat], geometry)
        expect(sampler.contains(lon, lat)).toBe(expected)
        if (expected) inside++
        else outside++
      }
    }
    expect(inside).toBeGreaterThan(1000)
    expect(outside).toBeGreaterThan(1000)
  })

  it('never samples inside a hole and splits points between parts by area', () => {
    const square = (x: number, y: number, size: number) => [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ]
    // Part A: 0.2° square with a 0.1° hole (area 0.03); part B: a 0.1° square (0.01), open ring.
    const geometry: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [square(120, 30, 0.2), square(120.05, 30.05, 0.1).reverse()],
        [square(121, 30.05, 0.1).slice(0, 4)],
      ],
    }
    const sampler = createPlaceSampler(geometry)
    const rng = createRandom(8)
    let inB = 0
    const n = 20_000
    for (let i = 0; i < n; i++) {
      const [lon, lat] = sampler.uniform(rng)
      expect(pointInGeometry([lon, lat], geometry)).toBe(true)
      const inHole = lon > 120.05 && lon < 120.15 && lat > 30.05 && lat < 30.15
      expect(inHole).toBe(false)
      if (lon > 120.5) inB++
    }
    expect(inB / n).toBeCloseTo(0.25, 1.7)
    // A centre in the hole scatters onto the ring around it, never into the hole.
    for (let i = 0; i < 2000; i++) {
      const [lon, lat] = sampler.near(rng, 120.1, 30.1, 3)
      expect(pointInGeometry([lon, lat], geometry)).toBe(true)
    }
  })
})

describe('generateSample', () => {
  it('gives identical output for the same seed and different output for another', () => {
    expect(sha(small(1))).toBe(sha(small(1)))
    expect(small(1)).toEqual(small(1))
    const [a, b] = [small(1), small(2)]
    expect(sha(a.stations)).not.toBe(sha(b.stations))
    expect(sha(a.classes)).not.toBe(sha(b.classes))
  })

  it('keeps stations unchanged when only the class count changes', () => {
    const more = generateSample({ seed: 1, stations: 1200, classes: 900, counties: input })
    expect(more.stations).toEqual(small(1).stations)
  })

  it('makes exactly the counts asked, with stable sequential ids', () => {
    for (const [stations, classes] of [
      [0, 0],
      [1200, 300],
      [DEFAULTS.stations, DEFAULTS.classes],
    ] as const) {
      const s = generateSample({ seed: 4, stations, classes, counties: input })
      expect(s.stations.map((r) => r.id)).toEqual(
        Array.from({ length: stations }, (_, i) => `st-${String(i + 1).padStart(6, '0')}`),
      )
      expect(s.classes.map((r) => r.id)).toEqual(
        Array.from({ length: classes }, (_, i) => `cl-${String(i + 1).padStart(6, '0')}`),
      )
    }
  })

  it('rejects counts that are negative or not integers', () => {
    expect(() => generateSample({ seed: 1, stations: -1, classes: 0, counties: input })).toThrow(
      /stations/,
    )
    expect(() => generateSample({ seed: 1, stations: 0, classes: 1.5, counties: input })).toThrow(
      /classes/,
    )
  })

  it('produces records that the domain schemas accept, all flagged sample', () => {
    const stations = z.array(StationSchema.strict()).parse(full.stations)
    const classes = z.array(ChildcareClassSchema.strict()).parse(full.classes)
    const parks = z.array(ParkSchema.strict()).parse(full.parks)
    expect(stations.every((s) => s.sample === true)).toBe(true)
    expect(classes.every((c) => c.sample === true)).toBe(true)
    expect(parks.every((p) => p.sample === true)).toBe(true)
  })

  it('places every station and class inside its own county polygon', () => {
    for (const r of [...full.stations, ...full.classes, ...full.parks, ...small(7).stations]) {
      const geometry = geometryOf.get(r.adcode)
      expect(geometry, r.id).toBeDefined()
      expect(pointInGeometry([r.lon, r.lat], geometry!), r.id).toBe(true)
    }
  })

  it('gives every county its minimum of stations and classes, and at least one when short', () => {
    const stationsPer = countBy(full.stations, (s) => s.adcode)
    const classesPer = countBy(full.classes, (c) => c.adcode)
    for (const c of counties) {
      expect(stationsPer.get(c.properties.adcode)).toBeGreaterThanOrEqual(MIN_STATIONS_PER_COUNTY)
      expect(classesPer.get(c.properties.adcode)).toBeGreaterThanOrEqual(MIN_CLASSES_PER_COUNTY)
    }
    const n = counties.length
    const few = generateSample({ seed: 3, stations: n, classes: n, counties: input })
    expect(countBy(few.stations, (s) => s.adcode).size).toBe(counties.length)
    expect(countBy(few.classes, (c) => c.adcode).size).toBe(counties.length)
  })

  it('puts more stations where more people live, and more classes where more children live', () => {
    const stationsPer = countBy(full.stations, (s) => s.adcode)
    const classesPer = countBy(full.classes, (c) => c.adcode)
    const pop = counties.map((c) => c.properties.population ?? 0)
    const kids = counties.map((c) => c.properties.children ?? 0)
    const ns = counties.map((c) => stationsPer.get(c.properties.adcode) ?? 0)
    const nc = counties.map((c) => classesPer.get(c.properties.adcode) ?? 0)
    expect(spearman(ns, pop)).toBeGreaterThan(0.7)
    expect(spearman(nc, kids)).toBeGreaterThan(0.7)
    // The oracle itself: the same counts in shuffled order must not pass.
    const rng = createRandom(12)
    const shuffled = [...ns]
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(0, i)
      ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
    }
    expect(Math.abs(spearman(shuffled, pop))).toBeLessThan(0.7)
    expect(spearman(pop, pop)).toBeCloseTo(1, 10)
  })

  it('gives each county one park per 60,000 residents, at least one, named as parks are', () => {
    const parksPer = countBy(full.parks, (p) => p.adcode)
    for (const c of counties) {
      const pop = c.properties.population
      const got = parksPer.get(c.properties.adcode) ?? 0
      expect(got, c.properties.name).toBeGreaterThanOrEqual(1)
      if (pop !== null) expect(got).toBe(Math.max(1, Math.round(pop / RESIDENTS_PER_PARK)))
    }
    const residents = counties.reduce((s, c) => s + (c.properties.population ?? 0), 0)
    expect(full.parks.length / (residents / RESIDENTS_PER_PARK)).toBeCloseTo(1, 1)
    expect(full.parks.map((p) => p.id)).toEqual(
      full.parks.map((_, i) => `pk-${String(i + 1).padStart(6, '0')}`),
    )
    for (const p of full.parks) {
      expect(p.name).toMatch(/(物流园|快递分拣中心|物流中心|电商物流产业园)$/)
      expect(p.address.startsWith(cityOf(p.adcode))).toBe(true)
      expect(p.facingDeg % 5).toBe(0)
    }
    expect(new Set(full.parks.map((p) => p.facingDeg)).size).toBeGreaterThan(36)
  })

  it('keeps classes self-consistent: seats, ages and a summer-2026 term', () => {
    for (const c of full.classes) {
      expect(c.enrolled).toBeLessThanOrEqual(c.capacity)
      expect(c.capacity).toBeGreaterThanOrEqual(20)
      expect(c.capacity).toBeLessThanOrEqual(80)
      expect(c.ageMin).toBeLessThanOrEqual(c.ageMax)
      expect(c.termStart <= c.termEnd).toBe(true)
      expect(c.termStart >= '2026-06-01' && c.termEnd <= '2026-08-31').toBe(true)
      // Terms run Monday to Friday.
      expect(new Date(`${c.termStart}T00:00:00Z`).getUTCDay()).toBe(1)
      expect(new Date(`${c.termEnd}T00:00:00Z`).getUTCDay()).toBe(5)
    }
    expect(full.classes.some((c) => c.enrolled === c.capacity)).toBe(true)
    expect(full.classes.some((c) => c.feeCny === 0)).toBe(true)
    expect(full.classes.some((c) => c.feeCny > 0)).toBe(true)
  })

  it('writes opening hours and schedules that the opening_hours library parses', () => {
    const texts = new Set([
      ...full.stations.flatMap((s) => (s.openingHours === null ? [] : [s.openingHours])),
      ...full.classes.map((c) => c.schedule),
    ])
    expect(texts.size).toBeGreaterThan(5)
    for (const text of texts) {
      const oh = new OpeningHours(text, null)
      // No warnings either: the strings are written the way OSM validators expect.
      expect(oh.getWarnings(), text).toEqual([])
    }
    const share = (p: (s: (typeof full.stations)[number]) => boolean) =>
      full.stations.filter(p).length / full.stations.length
    expect(share((s) => s.openingHours === '24/7')).toBeGreaterThan(0.15)
    expect(share((s) => s.openingHours === '24/7')).toBeLessThan(0.35)
    expect(share((s) => s.openingHours === null)).toBeGreaterThan(0)
  })

  it('uses the real area code of each city for landlines', () => {
    const AREA: Record<string, string> = {
      杭州市: '0571', 宁波市: '0574', 温州市: '0577', 嘉兴市: '0573',
      湖州市: '0572', 绍兴市: '0575', 金华市: '0579', 衢州市: '0570',
      舟山市: '0580', 台州市: '0576', 丽水市: '0578',
    }
    const cityOf = new Map(counties.map((c) => [c.properties.adcode, c.properties.city]))
    const phones = [
      ...full.stations.map((s) => [s.adcode, s.phone] as const),
      ...full.classes.map((c) => [c.adcode, c.contactPhone] as const),
    ]
    for (const [adcode, phone] of phones) {
      if (phone === null) continue
      const city = cityOf.get(adcode)!
      expect(phone).toMatch(/^(1[35789]\d{9}|0\d{3}-\d{7,8})$/)
      if (phone.includes('-')) expect(phone.slice(0, 4), city).toBe(AREA[city])
    }
  })

  it('mixes kinds, tiers, hosts and statuses plausibly, with more amenities at centres', () => {
    const n = full.stations.length
    const tiers = countBy(full.stations, (s) => s.tier)
    expect(tiers.get('centre')! / n).toBeCloseTo(0.05, 1.4)
    expect(tiers.get('point')! / n).toBeCloseTo(0.6, 1.1)
    const active = full.stations.filter((s) => s.status === 'active').length / n
    expect(active).toBeGreaterThan(0.88)
    expect(active).toBeLessThan(0.96)
    for (const s of full.stations) {
      if (s.kind === 'trucker_home') {
        expect(['petrol_station', 'service_area', 'logistics_park']).toContain(s.host)
      }
      if (s.kind === 'sanitation_rest_point') expect(['community_centre', 'park']).toContain(s.host)
      expect(s.address.startsWith(cityOf(s.adcode))).toBe(true)
      if (s.verifiedOn !== null) {
        expect(s.verifiedOn >= '2025-01-01' && s.verifiedOn <= '2026-12-31').toBe(true)
      }
    }
    const meanAmenities = (tier: string) => {
      const xs = full.stations.filter((s) => s.tier === tier)
      return xs.reduce((a, s) => a + s.amenities.length, 0) / xs.length
    }
    expect(meanAmenities('centre')).toBeGreaterThan(meanAmenities('point') + 2)
    const water = full.stations.filter((s) => s.amenities.includes('drinking_water')).length / n
    expect(water).toBeGreaterThan(0.9)
  })

  it('says how to get into most stations, as their hosts would run the door', () => {
    const n = full.stations.length
    const access = countBy(full.stations, (s) => String(s.access))
    expect(access.get('null')! / n).toBeCloseTo(0.06, 1.6)
    for (const way of ['open_door', 'ask_staff', 'code_lock', 'app_scan', 'face_scan']) {
      expect(access.get(way)! / n).toBeGreaterThan(0.03)
    }
    for (const s of full.stations) {
      if (s.host === 'service_area') expect([null, 'open_door']).toContain(s.access)
      if (s.access === null) expect(s.accessNote).toBeNull()
      expect((s.accessNote ?? '').length).toBeLessThanOrEqual(100)
    }
    const notes = full.stations.filter((s) => s.accessNote !== null).length / n
    expect(notes).toBeCloseTo(0.31, 1.3)
  })

  it('matches the committed data/sample files (regenerate with npm run data:sample)', () => {
    expect(readFileSync(join(ROOT, 'data/sample/stations.json'), 'utf8')).toBe(
      formatRecords(full.stations),
    )
    expect(readFileSync(join(ROOT, 'data/sample/classes.json'), 'utf8')).toBe(
      formatRecords(full.classes),
    )
    expect(readFileSync(join(ROOT, 'data/sample/parks.json'), 'utf8')).toBe(
      formatRecords(full.parks),
    )
  })
})

function cityOf(adcode: string): string {
  return counties.find((c) => c.properties.adcode === adcode)!.properties.city
}

describe('generate-sample CLI', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'data/scripts/generate-sample.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    })

  it.each([
    [['--bogus']],
    [['--stations', 'many']],
    [['--stations=-5']],
    [['--classes', '1.5']],
    [['--seed', '']],
    [['positional']],
  ])('rejects %j with exit code 2 and a message', (args) => {
    const res = run(args)
    expect(res.status).toBe(2)
    expect(res.stderr).toMatch(/generate-sample: .+/)
    expect(res.stderr).toMatch(/usage:/)
  })

  it('writes one record per line, atomically, equal to generateSample', () => {
    const out = mkdtempSync(join(tmpdir(), 'waystation-sample-'))
    const res = run(['--seed', '42', '--stations', '300', '--classes', '90', '--out', out])
    expect(res.status, res.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['classes.json', 'parks.json', 'stations.json'])
    const expected = generateSample({ seed: 42, stations: 300, classes: 90, counties: input })
    const text = readFileSync(join(out, 'stations.json'), 'utf8')
    expect(text.split('\n')).toHaveLength(300 + 3)
    expect(JSON.parse(text)).toEqual(expected.stations)
    expect(JSON.parse(readFileSync(join(out, 'classes.json'), 'utf8'))).toEqual(expected.classes)
    expect(JSON.parse(readFileSync(join(out, 'parks.json'), 'utf8'))).toEqual(expected.parks)
  })
})
