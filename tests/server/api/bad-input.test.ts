import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'

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
  [`${L}q=%00`, 'q'],
  [`${L}q=%E8%A5%BF%1F`, 'q'],
  [`${L}cursor=%7F`, 'cursor'],
  [`${S}lat=+&lon=+`, 'lat'],
  [`${S}lat=%20&lon=120`, 'lat'],
  [`${S}lat=0x10&lon=120`, 'lat'],
  [`${S}lat=0b11&lon=120`, 'lat'],
  [`${S}lat=1e-400&lon=120`, 'lat'],
  [`${S}lat=30&lon=1.2e2`, 'lon'],
  [`${S}lat=30&lon=120&lat=31`, 'lat'],
  ['/api/stations/%00', 'id'],
  ['/api/health?x=1', 'x'],
  ['/api/counties?raduis=500', 'raduis'],
  ['/api/openapi.json?v=2', 'v'],
  ['/api/docs?url=x', 'url'],
  ['/basemap/style.json?x=1', 'x'],
  ['/api/basemap/counties.geojson?v=1', 'v'],
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

describe('the detail says what is wrong with the value', () => {
  const DETAILS: Array<[string, string]> = [
    [`${S}lon=120`, 'lat: is required'],
    [`${S}lat=&lon=120`, 'lat: is empty'],
    [`${L}bbox=`, 'bbox: is empty'],
    [`${L}adcode=`, 'adcode: is empty'],
    [`${L}cursor=`, 'cursor: is empty'],
    [`${L}amenities=`, 'amenities: is empty'],
    [`${L}q=%20%20`, 'q: is empty'],
    [`${S}lat=30&lon=120&lat=31`, 'lat: is given more than once'],
    [`${S}lat=1e3&lon=120`, 'lat: expected a plain decimal number'],
    [`${L}q=%00`, 'q: must not contain control characters'],
    ['/api/health?x=1', 'x: unknown parameter'],
  ]
  for (const [url, detail] of DETAILS) {
    it(`${url} → ${detail}`, async () => {
      const { status, body } = await t.get(url)
      expect(status).toBe(400)
      expect(String(body.detail)).toContain(detail)
    })
  }
})

it('accepts plain decimals in every form the grammar allows', async () => {
  for (const [lat, lon] of [
    ['30', '120'],
    ['+30.25', '120.150'],
    ['-0', '120'],
    ['30.000000000000000000000000001', '0120'],
  ]) {
    const { status } = await t.get(`${S}lat=${encodeURIComponent(lat!)}&lon=${lon}`)
    expect(status, `${lat},${lon}`).toBe(200)
  }
})

it('an unknown route is a 404 problem+json', async () => {
  const { status, type } = await t.get('/api/nope')
  expect(status).toBe(404)
  expect(type).toContain('application/problem+json')
})
