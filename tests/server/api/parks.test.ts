import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { createApp } from '../../../server/app.ts'
import { ParkCollectionSchema, ParkFeatureSchema } from '../../../server/domain/park.ts'
import { KioskConfigSchema } from '../../../server/domain/kiosk.ts'
import { readSettings, SettingsError } from '../../../server/settings.ts'

const data = makeDataset()
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

describe('GET /api/parks', () => {
  it('lists every park as a GeoJSON point in id order, as stored', async () => {
    const { status, body } = await t.get('/api/parks')
    expect(status).toBe(200)
    const fc = ParkCollectionSchema.strict().parse(body)
    expect(fc.features.map((f) => f.id)).toEqual(data.parks.map((p) => p.id))
    for (const [i, f] of fc.features.entries()) {
      const { lon, lat, ...rest } = data.parks[i]!
      expect(f.geometry.coordinates).toEqual([lon, lat])
      expect(f.properties).toEqual(rest)
    }
  })

  it('filters by county, and by city when the code ends in 00', async () => {
    const west = ParkCollectionSchema.parse((await t.get('/api/parks?adcode=330106')).body)
    const expected = data.parks.filter((p) => p.adcode === '330106').map((p) => p.id)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(data.parks.length)
    expect(west.features.map((f) => f.id)).toEqual(expected)
    const city = ParkCollectionSchema.parse((await t.get('/api/parks?adcode=330100')).body)
    expect(city.features).toHaveLength(data.parks.length)
    const other = ParkCollectionSchema.parse((await t.get('/api/parks?adcode=330200')).body)
    expect(other.features).toEqual([])
  })

  it('refuses a malformed or unknown parameter naming it', async () => {
    for (const [url, parameter] of [
      ['/api/parks?adcode=3301', 'adcode'],
      ['/api/parks?adcode=', 'adcode'],
      ['/api/parks?adcod=330106', 'adcod'],
    ] as const) {
      const res = await t.get(url)
      expect(res.status, url).toBe(400)
      expect(res.type).toContain('application/problem+json')
      expect(res.body.parameter, url).toBe(parameter)
    }
  })

  it('answers one park by id, or 404', async () => {
    const park = data.parks[2]!
    const { status, body } = await t.get(`/api/parks/${park.id}`)
    expect(status).toBe(200)
    const f = ParkFeatureSchema.strict().parse(body)
    expect(f.properties.facingDeg).toBe(park.facingDeg)
    expect(f.geometry.coordinates).toEqual([park.lon, park.lat])
    const missing = await t.get('/api/parks/pk-999999')
    expect(missing.status).toBe(404)
    expect(missing.type).toContain('application/problem+json')
  })

  it('is emptied by a dataset without parks, as stores written before parks existed', async () => {
    const { counties, stations, classes } = data
    await t.store.replaceDataset({ counties, stations, classes })
    expect((await t.get('/api/parks')).body.features).toEqual([])
    await t.store.replaceDataset(data)
    expect((await t.get('/api/parks')).body.features).toHaveLength(data.parks.length)
  })
})

describe('GET /api/kiosk/config', () => {
  it("names the request's own origin by default, flagged local on localhost", async () => {
    const res = await t.app.request('http://localhost:8080/api/kiosk/config')
    const config = KioskConfigSchema.strict().parse(await res.json())
    expect(config).toEqual({
      publicUrl: 'http://localhost:8080',
      publicUrlIsLocal: true,
      idleS: 60,
      dimS: 300,
      refreshS: 60,
    })
    const lan = KioskConfigSchema.parse(
      await (await t.app.request('http://192.168.1.20:8080/api/kiosk/config')).json(),
    )
    expect(lan).toMatchObject({ publicUrl: 'http://192.168.1.20:8080', publicUrlIsLocal: false })
  })

  it('names WAYSTATION_PUBLIC_URL when set, with the idle time from the settings', async () => {
    const { kiosk } = readSettings({
      WAYSTATION_PUBLIC_URL: 'https://stations.example.cn/',
      WAYSTATION_KIOSK_IDLE_S: '45',
      WAYSTATION_KIOSK_REFRESH_S: '30',
    })
    expect(kiosk).toEqual({ publicUrl: 'https://stations.example.cn', idleS: 45, refreshS: 30 })
    const app = createApp(t.store, { kiosk })
    const res = await app.request('http://127.0.0.1:8080/api/kiosk/config')
    expect(KioskConfigSchema.parse(await res.json())).toEqual({
      publicUrl: 'https://stations.example.cn',
      publicUrlIsLocal: false,
      idleS: 45,
      dimS: 225,
      refreshS: 30,
    })
  })

  it.each([
    ['WAYSTATION_PUBLIC_URL', 'stations.example.cn'],
    ['WAYSTATION_PUBLIC_URL', 'ftp://example.cn'],
    ['WAYSTATION_PUBLIC_URL', 'https://example.cn/?kiosk=1'],
    ['WAYSTATION_KIOSK_IDLE_S', '0'],
    ['WAYSTATION_KIOSK_IDLE_S', '1.5'],
    ['WAYSTATION_KIOSK_REFRESH_S', '-1'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => readSettings({ [name]: value })).toThrow(SettingsError)
    expect(() => readSettings({ [name]: value })).toThrow(name)
  })
})
