import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import {
  ClassPageSchema,
  NearbyClassCollectionSchema,
} from '../../../server/domain/childcare-class.ts'

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

it('lists a page of classes by county and name or address, in id order, with a cursor', async () => {
  const inCounty = data.classes.filter((c) => c.adcode === '330106').sort(byId)
  const all = ClassPageSchema.parse((await t.get('/api/classes?adcode=330106&limit=1000')).body)
  expect(all.features.map((f) => f.id)).toEqual(inCounty.map((c) => c.id))
  expect(all.nextCursor).toBeNull()
  const first = ClassPageSchema.parse((await t.get('/api/classes?adcode=330106&limit=2')).body)
  const rest = ClassPageSchema.parse(
    (await t.get(`/api/classes?adcode=330106&limit=1000&cursor=${first.nextCursor}`)).body,
  )
  expect([...first.features, ...rest.features]).toEqual(all.features)
  // By a piece of the name, or of the address; LIKE wildcards are taken literally.
  const k = inCounty[1]!
  const byName = ClassPageSchema.parse(
    (await t.get(`/api/classes?q=${encodeURIComponent(k.name.slice(-4))}`)).body,
  )
  expect(byName.features.map((f) => f.id)).toEqual(
    data.classes
      .filter((c) => c.name.includes(k.name.slice(-4)) || c.address.includes(k.name.slice(-4)))
      .sort(byId)
      .map((c) => c.id),
  )
  expect(byName.features.map((f) => f.id)).toContain(k.id)
  expect(ClassPageSchema.parse((await t.get('/api/classes?q=%25')).body).features).toEqual([])
  const bad = await t.get('/api/classes?cursor=nonsense')
  expect(bad.status).toBe(400)
  expect(bad.body).toMatchObject({ parameter: 'cursor' })
})

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
