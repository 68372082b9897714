import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(makeDataset(50, 10))
})
afterAll(() => t.close())

const S = '/api/stations/nearby?'
const C = '/api/classes/nearby?'
const L = '/api/stations?'
// [url, the parameter the problem must name]
const CASES: Array<[string, string]> = [
  [`${S}lon=120`, 'lat'],
  [`${S}lat=&lon=120`, 'lat'],
  [`${S}lat=abc&lon=120`, 'lat'],
  [`${S}lat=90.5&lon=120`, 'lat'],
  [`${S}lat=30`, 'lon'],
  [`${S}lat=30&lon=-180.01`, 'lon'],
  [`${S}lat=30&lon=Infinity`, 'lon'],
  [`${S}lat=30&lon=120&radius=0`, 'radius'],
  [`${S}lat=30&lon=120&radius=50001`, 'radius'],
  [`${S}lat=30&lon=120&radius=1.5`, 'radius'],
  [`${S}lat=30&lon=120&radius=1e9`, 'radius'],
  [`${S}lat=30&lon=120&limit=0`, 'limit'],
  [`${S}lat=30&lon=120&limit=201`, 'limit'],
  [`${S}lat=30&lon=120&amenities=toilet,sauna`, 'amenities'],
  [`${S}lat=30&lon=120&kind=hotel`, 'kind'],
  [`${S}lat=30&lon=120&openNow=yes`, 'openNow'],
  [`${S}lat=30&lon=120&at=tomorrow`, 'at'],
  [`${S}lat=30&lon=120&at=2026-07-01`, 'at'],
  [`${S}lat=30&lon=120&raduis=500`, 'raduis'],
  [`${L}bbox=120,30,121`, 'bbox'],
  [`${L}bbox=121,30,120,31`, 'bbox'],
  [`${L}bbox=a,b,c,d`, 'bbox'],
  [`${L}bbox=120,30,,31`, 'bbox'],
  [`${L}adcode=3301`, 'adcode'],
  [`${L}limit=1001`, 'limit'],
  [`${L}cursor=not-a-cursor`, 'cursor'],
  [`${L}q=`, 'q'],
  [`${C}lat=30&lon=120&age=-1`, 'age'],
  [`${C}lat=30&lon=120&age=six`, 'age'],
  [`${C}lat=30&lon=120&date=2026-02-30`, 'date'],
  [`${C}lat=30&lon=120&date=20260701`, 'date'],
  [`${C}lat=30&lon=120&hasSeats=1`, 'hasSeats'],
]

describe('bad input is a 400 problem+json naming the parameter', () => {
  for (const [url, parameter] of CASES) {
    it(`${url} → ${parameter}`, async () => {
      const { status, type, body } = await t.get(url)
      expect(status).toBe(400)
      expect(type).toContain('application/problem+json')
      expect(body).toMatchObject({ status: 400, title: 'Invalid request', parameter })
      expect(String(body.detail)).toContain(parameter)
    })
  }
})

it('an unknown route is a 404 problem+json', async () => {
  const { status, type } = await t.get('/api/nope')
  expect(status).toBe(404)
  expect(type).toContain('application/problem+json')
})

it('random query strings never produce a 5xx', async () => {
  const rnd = createRandom(5)
  const keys = [
    'lat',
    'lon',
    'radius',
    'limit',
    'amenities',
    'kind',
    'openNow',
    'at',
    'age',
    'date',
    'hasSeats',
    'bbox',
    'cursor',
    'q',
    'adcode',
    'x',
  ]
  const values = [
    '',
    '0',
    '-1',
    '1e308',
    'NaN',
    '30.2',
    '120.1',
    '%E4%B8%AD',
    '%',
    'true',
    'toilet,,wifi',
    '2026-07-01',
    '120,30,121,31',
    '[]',
    "'; drop table stations;--",
    '%00',
  ]
  const paths = [
    '/api/stations/nearby',
    '/api/classes/nearby',
    '/api/stations',
    '/api/stations/%E4%B8%AD',
    '/api/counties',
    '/api/health',
  ]
  for (let i = 0; i < 400; i++) {
    const params = Array.from(
      { length: rnd.int(0, 5) },
      () => `${rnd.pick(keys)}=${rnd.pick(values)}`,
    )
    const url = `${rnd.pick(paths)}?${params.join('&')}`
    const { status } = await t.get(url)
    expect(status, url).toBeLessThan(500)
  }
})
