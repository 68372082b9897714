import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { hoursOn, isOpenAt, nextChange } from '../../../server/domain/opening-hours.ts'
import { NearbyClassCollectionSchema } from '../../../server/domain/childcare-class.ts'
import {
  NearbyStationCollectionSchema,
  StationFeatureSchema,
  StationPageSchema,
} from '../../../server/domain/station.ts'
import type { HoursSummary } from '../../../server/domain/station.ts'

// Every answer carrying a station (or class) carries its hours evaluated by the parser, so the
// browser never needs the parser. The oracle: the parser's own functions, called one by one.

const data = makeDataset()
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const DAY_MS = 86_400_000

function expectEvaluated(h: HoursSummary, value: string | null, at: Date, label: string) {
  expect(h.openNow, label).toBe(isOpenAt(value, at))
  const change = nextChange(value, at)
  expect(h.nextChange === null ? null : Date.parse(h.nextChange), label).toBe(
    change?.getTime() ?? null,
  )
  expect(
    h.week.map((d) => d.intervals),
    label,
  ).toEqual(
    Array.from({ length: 7 }, (_, i) => hoursOn(value, new Date(at.getTime() + i * DAY_MS))),
  )
}

const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

describe('hours summaries in station answers', () => {
  it('nearby: evaluated at `at`, in Shanghai time', async () => {
    // Sat 00:30 in Shanghai, still Friday in UTC.
    for (const at of ['2026-07-10T16:30:00Z', '2026-07-07T02:00:00Z', '2026-10-01T01:00:00Z']) {
      const { body } = await t.get(
        `/api/stations/nearby?lat=30.25&lon=120.15&radius=20000&limit=60&at=${at}`,
      )
      const fc = NearbyStationCollectionSchema.parse(body)
      expect(fc.features.length).toBe(60)
      const when = new Date(at)
      for (const f of fc.features) {
        const p = f.properties
        expectEvaluated(p.hours, p.openingHours, when, `${p.id} ${p.openingHours} at ${at}`)
        expect(p.openNow).toBe(p.hours.openNow)
        expect(p.hours.week[0]!.date).toBe(shanghaiDate(when))
      }
    }
  })

  it('list and by-id: evaluated now', async () => {
    const before = new Date()
    const page = StationPageSchema.parse((await t.get('/api/stations?limit=50')).body)
    const one = StationFeatureSchema.parse(
      (await t.get(`/api/stations/${page.features[0]!.id}`)).body,
    )
    for (const f of [...page.features, one]) {
      const p = f.properties
      // "Now" is between `before` and the check: compare where nothing changes in between.
      if (p.hours.nextChange !== null && Date.parse(p.hours.nextChange) < Date.now() + 1000)
        continue
      expect(p.hours.openNow, p.id).toBe(isOpenAt(p.openingHours, before))
      expect(p.hours.week[0]!.intervals, p.id).toEqual(hoursOn(p.openingHours, before))
    }
    expect(one.properties.hours.week.map((d) => d.date)).toEqual(
      Array.from({ length: 7 }, (_, i) => shanghaiDate(new Date(before.getTime() + i * DAY_MS))),
    )
  })

  it('classes nearby: the schedule evaluated', async () => {
    const { body } = await t.get('/api/classes/nearby?lat=30.25&lon=120.15&radius=50000&limit=20')
    const fc = NearbyClassCollectionSchema.parse(body)
    expect(fc.features.length).toBeGreaterThan(0)
    const now = new Date()
    for (const f of fc.features) {
      expect(f.properties.hours.week[0]!.intervals).toEqual(hoursOn(f.properties.schedule, now))
    }
  })
})
