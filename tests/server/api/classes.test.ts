import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { NearbyClassCollectionSchema } from '../../../server/domain/childcare-class.ts'

const data = makeDataset()
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

it('lists classes near a point with seatsLeft, filtered by age, date and seats', async () => {
  const { status, body } = await t.get(
    '/api/classes/nearby?lat=30.25&lon=120.15&radius=10000&limit=200&age=7&date=2026-07-20&hasSeats=true',
  )
  expect(status).toBe(200)
  const fc = NearbyClassCollectionSchema.parse(body)
  expect(fc.features.length).toBeGreaterThan(0)
  for (const f of fc.features) {
    const p = f.properties
    expect(p.ageMin <= 7 && 7 <= p.ageMax).toBe(true)
    expect(p.termStart <= '2026-07-20' && '2026-07-20' <= p.termEnd).toBe(true)
    expect(p.seatsLeft).toBe(p.capacity - p.enrolled)
    expect(p.seatsLeft).toBeGreaterThan(0)
  }
})

it('includes full classes unless hasSeats=true', async () => {
  const fc = NearbyClassCollectionSchema.parse(
    (await t.get('/api/classes/nearby?lat=30.25&lon=120.15&radius=20000&limit=200')).body,
  )
  expect(fc.features.length).toBe(data.classes.length)
  expect(fc.features.some((f) => f.properties.seatsLeft === 0)).toBe(true)
})

it('says how many classes matched beside the page, and lists a county by distance', async () => {
  const fc = NearbyClassCollectionSchema.parse(
    (await t.get('/api/classes/nearby?lat=30.25&lon=120.15&radius=20000&limit=5&hasSeats=true'))
      .body,
  )
  const withSeats = data.classes.filter((c) => c.enrolled < c.capacity)
  expect(fc.features.length).toBe(5)
  expect(fc).toMatchObject({ total: withSeats.length, limit: 5 })
  const area = NearbyClassCollectionSchema.parse(
    (await t.get('/api/classes/nearby?lat=30.25&lon=120.4&adcode=330106&limit=200')).body,
  )
  const inCounty = data.classes.filter((c) => c.adcode === '330106')
  expect(area.total).toBe(inCounty.length)
  expect(area.features.map((f) => f.id).sort()).toEqual(inCounty.map((c) => c.id).sort())
})
