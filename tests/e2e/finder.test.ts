import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { wgs84ToBd09, wgs84ToGcj02 } from '../../server/geo/crs.ts'
import { AMENITIES } from '../../server/domain/vocabularies.ts'
import type { Amenity } from '../../server/domain/vocabularies.ts'
import { blockNonLocal, browserSuite, CHROMIUM, param, SCREENSHOTS, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'

let suite: BrowserSuite

// The worker's finder in headless Chromium against the real server and its seeded sample data.

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
/** Hangzhou, by West Lake: dense in the sample data. */
const HANGZHOU = { latitude: 30.2741, longitude: 120.1551 }

const mapLoadMs: Record<string, number> = {}

type MapHandle = {
  loaded(): boolean
  project(p: [number, number]): { x: number; y: number }
  queryRenderedFeatures(o: {
    layers: string[]
  }): { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[]
  getSource(id: string): unknown
}
declare global {
  interface Window {
    __waystationMap?: MapHandle
  }
}

/** Whether the map currently shows every one of these points (none off screen). */
const allOnScreen = (page: Page, points: [number, number][]) =>
  page.evaluate((pts) => {
    const map = window.__waystationMap!
    const box = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect()
    return pts.every((p) => {
      const { x, y } = map.project(p)
      return x >= 0 && y >= 0 && x <= box.width && y <= box.height
    })
  }, points)

async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return suite.browser.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
}

/** Opens the app and waits for MapLibre's 'load' (our performance mark); returns its time. */
async function open(ctx: BrowserContext, query = ''): Promise<{ page: Page; loadMs: number }> {
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${suite.server.baseUrl}/${query}`)
  await page.waitForFunction(
    () => performance.getEntriesByName('waystation:map-load').length > 0,
    null,
    {
      timeout: 15_000,
    },
  )
  const loadMs = await page.evaluate(
    () => performance.getEntriesByName('waystation:map-load')[0]!.startTime,
  )
  expect(errors).toEqual([])
  return { page, loadMs }
}

type Fc = {
  features: {
    id: string
    properties: Record<string, unknown>
    geometry: { coordinates: [number, number] }
  }[]
}

async function resultIds(page: Page): Promise<string[]> {
  await page.locator('ol.results, .empty').first().waitFor()
  return page
    .locator('ol.results > li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')!))
}

/** Stations drawn as single markers on screen, once the all-stations layer has arrived. */
async function visibleStations(page: Page) {
  await page.waitForFunction(
    () => {
      const m = window.__waystationMap
      return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['station-points'] }).length > 0
    },
    null,
    { timeout: 15_000 },
  )
  return page.evaluate(() =>
    window.__waystationMap!.queryRenderedFeatures({ layers: ['station-points'] }).map((f) => {
      const p = window.__waystationMap!.project(f.geometry.coordinates)
      return { id: String(f.properties.id), x: p.x, y: p.y }
    }),
  )
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'finder in headless Chromium',
  { timeout: 45_000 },
  () => {
    suite = browserSuite()

    afterAll(() => {
      if (Object.keys(mapLoadMs).length > 0) {
        fs.writeFileSync(
          path.join(SCREENSHOTS, 'map-load-ms.json'),
          JSON.stringify(mapLoadMs, null, 2),
        )
        console.log('time to map load (ms):', mapLoadMs)
      }
    })

    test('works offline: every non-local request blocked, the map and its Chinese labels still draw', async () => {
      const ctx = await newContext({ viewport: DESKTOP })
      const blocked = await blockNonLocal(ctx)
      const { page, loadMs } = await open(ctx, '?map=7.4/29.2/120.5')
      mapLoadMs.offlineProvince = Math.round(loadMs)
      const labels = await page.evaluate(() =>
        window
          .__waystationMap!.queryRenderedFeatures({ layers: ['city-label'] })
          .map((f) => f.properties.name),
      )
      expect(labels).toEqual(expect.arrayContaining(['杭州市', '宁波市', '温州市']))
      const counties = await page.evaluate(
        () => window.__waystationMap!.queryRenderedFeatures({ layers: ['county-fill'] }).length,
      )
      expect(counties).toBeGreaterThan(20)
      // Stations come as clusters from the server's own vector tiles.
      await page.waitForFunction(
        () =>
          window.__waystationMap!.queryRenderedFeatures({ layers: ['station-clusters'] }).length >
          0,
        null,
        { timeout: 15_000 },
      )
      await page.waitForTimeout(500)
      await shot(page, 'offline-desktop-province')
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('locate me with a mocked position lists the nearest stations, as the API ranks them', async () => {
      const ctx = await newContext({
        geolocation: { ...HANGZHOU, accuracy: 60 },
        permissions: ['geolocation'],
      })
      const { page, loadMs } = await open(ctx)
      mapLoadMs.phoneStart = Math.round(loadMs)
      await page.getByRole('button', { name: '定位我' }).click()
      await expect.poll(() => param(page, 'me')).toBe('1')
      expect(param(page, 'at')).toBe(`${HANGZHOU.longitude},${HANGZHOU.latitude}`)
      await page.getByText('距离从我的位置算起').waitFor()
      const expected = await suite.api<Fc>(
        `/api/stations/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&radius=3000&limit=30`,
      )
      expect(expected.features.length).toBeGreaterThan(0)
      expect(await resultIds(page)).toEqual(expected.features.map((f) => f.id))
      // The first row shows the API's distance in the UI's words.
      const first = expected.features[0]!.properties
      await expect
        .poll(() => page.locator('ol.results > li').first().textContent())
        .toContain(String(first.name))
      // The map frames the user with the nearest results of *this* search, not the last one's.
      const nearest = expected.features.slice(0, 3).map((f) => f.geometry.coordinates)
      await expect.poll(() => allOnScreen(page, nearest)).toBe(true)
      await ctx.close()
    })

    test('denied geolocation says to tap the map or search, and a tap sets the search point', async () => {
      const ctx = await newContext()
      // Close in, where markers leave bare ground between them.
      const { page } = await open(ctx, `?map=16/${HANGZHOU.latitude}/${HANGZHOU.longitude}`)
      await page.getByRole('button', { name: '定位我' }).click()
      await expect(
        page.getByRole('alert').filter({ hasText: '轻点地图' }).textContent(),
      ).resolves.toContain('搜索')
      // Tap bare ground, once every station is drawn: a marker would open its card instead.
      await page.waitForLoadState('networkidle')
      const box = (await page.locator('.map canvas').boundingBox())!
      const spot = await page.evaluate(() => {
        const map = window.__waystationMap as unknown as {
          queryRenderedFeatures(
            b: [[number, number], [number, number]],
            o: { layers: string[] },
          ): unknown[]
          getLayer(id: string): unknown
          getCanvas(): { clientWidth: number; clientHeight: number }
        }
        const layers = ['station-clusters', 'station-points', 'class-points'].filter((l) =>
          map.getLayer(l),
        )
        const { clientWidth: w, clientHeight: h } = map.getCanvas()
        for (let y = h - 60; y > 60; y -= 20) {
          for (let x = 60; x < w - 60; x += 20) {
            const around: [[number, number], [number, number]] = [
              [x - 24, y - 24],
              [x + 24, y + 24],
            ]
            if (map.queryRenderedFeatures(around, { layers }).length === 0) return { x, y }
          }
        }
        return null
      })
      expect(spot, 'a spot of the map with nothing drawn on it').not.toBeNull()
      await page.mouse.click(box.x + spot!.x, box.y + spot!.y)
      await expect.poll(() => param(page, 'at')).not.toBeNull()
      await page.getByText('距离从所选位置算起').waitFor()
      // The notice has been acted on: it goes.
      await page.getByRole('alert').filter({ hasText: '轻点地图' }).waitFor({ state: 'detached' })
      await ctx.close()
    })

    test('filters narrow the list exactly as the API does, and an empty result says what to change', async () => {
      const ctx = await newContext()
      const at = `${HANGZHOU.longitude},${HANGZHOU.latitude}`
      const { page } = await open(ctx, `?at=${at}`)
      await page.getByRole('button', { name: '热水', exact: true }).click()
      await page.getByRole('button', { name: '厕所', exact: true }).click()
      await expect.poll(() => param(page, 'am')).toBe('hot_water,toilet')
      await page.locator('.status-loading').waitFor({ state: 'detached' })
      const expected = await suite.api<Fc>(
        `/api/stations/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&radius=3000&limit=30&amenities=hot_water,toilet`,
      )
      expect(await resultIds(page)).toEqual(expected.features.map((f) => f.id))
      for (const f of expected.features)
        expect(f.properties.amenities).toEqual(expect.arrayContaining(['hot_water', 'toilet']))
      await expect
        .poll(() =>
          allOnScreen(
            page,
            expected.features.slice(0, 3).map((f) => f.geometry.coordinates),
          ),
        )
        .toBe(true)
      await shot(page, 'phone-filtered-list')
      // The map's markers are filtered too: each one drawn has both (bit i: AMENITIES[i]).
      await visibleStations(page)
      const masks = await page.evaluate(() =>
        window
          .__waystationMap!.queryRenderedFeatures({ layers: ['station-points'] })
          .map((f) => Number(f.properties.amenities)),
      )
      const bit = (a: Amenity) => 2 ** AMENITIES.indexOf(a)
      for (const m of masks)
        expect(m & (bit('hot_water') | bit('toilet'))).toBe(bit('hot_water') | bit('toilet'))

      // Nothing has all of these within 1 km: the pane must offer ways out, not go blank.
      await page.goto(
        `${suite.server.baseUrl}/?at=${at}&r=1000&am=legal_aid,job_services,repair_tools,heating,reading_corner&open=1`,
      )
      await page.getByText('1 公里内没有符合条件的站点').waitFor()
      await page.getByRole('button', { name: '不限开放时间' }).waitFor()
      await page.getByRole('button', { name: '不限“法律援助”' }).waitFor()
      await page.getByRole('button', { name: '扩大到3 公里' }).click()
      await expect.poll(() => param(page, 'r')).toBe(null) // 3 km is the default, left out of the URL
      await ctx.close()
    })

    test('a station card opens from the list; its navigation links carry the converted coordinates', async () => {
      const ctx = await newContext()
      await ctx.route(
        /^https:\/\/(uri\.amap\.com|api\.map\.baidu\.com|maps\.apple\.com|www\.openstreetmap\.org)\//,
        (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<title>stub</title>' }),
      )
      const { page } = await open(ctx, `?at=${HANGZHOU.longitude},${HANGZHOU.latitude}`)
      const ids = await resultIds(page)
      await page.locator('ol.results > li button').first().click()
      const card = page.getByRole('dialog')
      await card.getByRole('heading', { level: 2 }).waitFor()
      expect(param(page, 's')).toBe(ids[0])
      const station = await suite.api<Fc['features'][number]>(`/api/stations/${ids[0]}`)
      const lonLat = station.geometry.coordinates
      await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
        station.properties.name,
      )
      await card.getByText('示例数据').waitFor()
      await card
        .getByText(/今天|开放时间未知/)
        .first()
        .waitFor()
      if (station.properties.phone) {
        expect(await card.locator('a[href^="tel:"]').getAttribute('href')).toBe(
          `tel:${String(station.properties.phone).replace(/[^\d+]/g, '')}`,
        )
      }

      // Follow the Amap link: the new tab's URL holds the GCJ-02 position.
      const [amapTab] = await Promise.all([
        ctx.waitForEvent('page'),
        card.locator('[data-nav="amap"]').click(),
      ])
      await amapTab.waitForLoadState()
      const amap = new URL(amapTab.url())
      expect(amap.host).toBe('uri.amap.com')
      const [gLon, gLat] = amap.searchParams.get('position')!.split(',').map(Number)
      const gcj = wgs84ToGcj02(lonLat)
      expect(Math.abs(gLon! - gcj[0])).toBeLessThan(1e-6)
      expect(Math.abs(gLat! - gcj[1])).toBeLessThan(1e-6)
      // And it really is shifted from WGS-84 (by ~500 m in Hangzhou), so a missed conversion fails.
      expect(Math.abs(gLon! - lonLat[0])).toBeGreaterThan(1e-3)

      const baidu = new URL((await card.locator('[data-nav="baidu"]').getAttribute('href'))!)
      expect(baidu.searchParams.get('coord_type')).toBe('bd09ll')
      const [bLat, bLon] = baidu.searchParams.get('location')!.split(',').map(Number)
      const bd = wgs84ToBd09(lonLat)
      expect(Math.abs(bLon! - bd[0])).toBeLessThan(1e-6)
      expect(Math.abs(bLat! - bd[1])).toBeLessThan(1e-6)
      const osm = new URL((await card.locator('[data-nav="osm"]').getAttribute('href'))!)
      expect(Number(osm.searchParams.get('mlat'))).toBeCloseTo(lonLat[1], 6)
      expect(Number(osm.searchParams.get('mlon'))).toBeCloseTo(lonLat[0], 6)
      const apple = new URL((await card.locator('[data-nav="apple"]').getAttribute('href'))!)
      expect(apple.searchParams.get('ll')).toBe(`${gcj[1].toFixed(6)},${gcj[0].toFixed(6)}`)

      await page.keyboard.press('Escape')
      await card.waitFor({ state: 'detached' })
      expect(param(page, 's')).toBeNull()
      await ctx.close()
    })

    test('tapping a station marker on the map opens its card', async () => {
      const ctx = await newContext()
      const { page } = await open(ctx, `?map=13.4/${HANGZHOU.latitude}/${HANGZHOU.longitude}`)
      const markers = await visibleStations(page)
      await shot(page, 'phone-street-markers')
      const box = (await page.locator('.map canvas').boundingBox())!
      // The marker nearest the middle, away from the zoom and locate buttons in the corners.
      const target = markers
        .filter((m) => m.x > 20 && m.x < box.width - 60 && m.y > 20 && m.y < box.height - 90)
        .sort(
          (a, b) =>
            Math.hypot(a.x - box.width / 2, a.y - box.height / 2) -
            Math.hypot(b.x - box.width / 2, b.y - box.height / 2),
        )[0]!
      expect(target).toBeDefined()
      await page.mouse.click(box.x + target.x, box.y + target.y)
      await expect.poll(() => param(page, 's')).toBe(target.id)
      await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
      await ctx.close()
    })

    test('a shared link reproduces view, filters and card', async () => {
      const ctx = await newContext()
      const near = await suite.api<Fc>(
        `/api/stations/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&limit=1&kind=courier_station`,
      )
      const id = near.features[0]!.id
      const { page } = await open(
        ctx,
        `?map=14/${HANGZHOU.latitude}/${HANGZHOU.longitude}&kind=courier_station&am=wifi&open=1&s=${id}`,
      )
      await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
      expect(
        await page
          .getByRole('button', { name: '无线网络', exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('true')
      expect(
        await page.getByRole('button', { name: '现在开放' }).getAttribute('aria-pressed'),
      ).toBe('true')
      expect(await page.locator('select').first().inputValue()).toBe('courier_station')
      const zoom = await page.evaluate(() =>
        (window.__waystationMap as unknown as { getZoom(): number }).getZoom(),
      )
      expect(zoom).toBeCloseTo(14, 5)
      await ctx.close()
    })

    test('search finds counties and cities by Chinese name, and stations by part of their name', async () => {
      const ctx = await newContext()
      const { page } = await open(ctx)
      const box = page.getByRole('combobox', { name: '搜索站点、区县或城市' })
      await box.fill('西湖')
      // The county option itself: station results (whose addresses also say 西湖区) may arrive
      // from the server before the click, and must not be picked instead.
      await page.getByRole('option', { name: /^西湖区 区县/ }).click()
      // A county is an area, not a point: it is listed whole (see finder-search.test.ts).
      await expect.poll(() => param(page, 'area')).toBe('330106')
      expect(param(page, 'at')).toBeNull()
      await page.getByRole('heading', { name: /^西湖区 · \d+ 个站点/ }).waitFor()

      await box.fill('宁波')
      await page
        .getByRole('option', { name: /宁波市/ })
        .first()
        .waitFor()
      // A station by a fragment of its name, from the server's search.
      const some = await suite.api<Fc>(`/api/stations?q=${encodeURIComponent('小哥驿站')}&limit=1`)
      const name = String(some.features[0]!.properties.name)
      await box.fill(name)
      await page
        .getByRole('option', { name: new RegExp(name.replace(/[()（）]/g, '.')) })
        .first()
        .click()
      await expect.poll(() => param(page, 's')).toBe(some.features[0]!.id)
      await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
      await ctx.close()
    })

    test('touch targets are at least 44 px and the list works from the keyboard', async () => {
      const ctx = await newContext()
      const { page } = await open(ctx, `?at=${HANGZHOU.longitude},${HANGZHOU.latitude}`)
      await resultIds(page)
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, a[href], select, input')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ el: el.outerHTML.slice(0, 80), r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 44 || r.height < 44)
          .map(({ el, r }) => `${Math.round(r.width)}×${Math.round(r.height)} ${el}`),
      )
      expect(small).toEqual([])

      const first = page.locator('ol.results > li button').first()
      await first.focus()
      await page.keyboard.press('Enter')
      await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
      // Focus moves into the card, and Escape returns to the list.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        '关闭',
      )
      await page.keyboard.press('Escape')
      await page.getByRole('dialog').waitFor({ state: 'detached' })
      await ctx.close()
    })

    test('switches to English and back, keeping the state in the URL', async () => {
      const ctx = await newContext()
      const { page } = await open(ctx, '?am=toilet')
      await page.getByRole('button', { name: 'English' }).click()
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
      expect(param(page, 'lang')).toBe('en')
      expect(param(page, 'am')).toBe('toilet')
      await page.getByRole('tab', { name: 'Stations' }).waitFor()
      await page.getByText('Sample data: stations and classes are generated').waitFor()
      await page.getByRole('button', { name: 'Toilet', exact: true }).waitFor()
      await page.getByRole('button', { name: '中文' }).click()
      await page.getByRole('tab', { name: '驿站' }).waitFor()
      expect(param(page, 'lang')).toBeNull()
      await ctx.close()
    })

    test('childcare: classes near a point for a child of 5, full ones greyed and still listed', async () => {
      const ctx = await newContext()
      const { page } = await open(ctx, `?at=${HANGZHOU.longitude},${HANGZHOU.latitude}&r=50000`)
      await page.getByRole('tab', { name: '爱心托班' }).click()
      await page.getByLabel('孩子年龄').selectOption('5')
      await expect.poll(() => param(page, 'age')).toBe('5')
      await page.locator('.status-loading').waitFor({ state: 'detached' })
      const expected = await suite.api<Fc>(
        `/api/classes/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&radius=50000&limit=30&age=5`,
      )
      expect(expected.features.length).toBeGreaterThan(0)
      const ids = await page
        .locator('ol.classes > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')))
      expect(ids).toEqual(expected.features.map((f) => f.id))
      for (const f of expected.features) {
        expect(f.properties.ageMin as number).toBeLessThanOrEqual(5)
        expect(f.properties.ageMax as number).toBeGreaterThanOrEqual(5)
      }
      const full = expected.features.filter((f) => f.properties.seatsLeft === 0).map((f) => f.id)
      const greyed = await page
        .locator('ol.classes > li.full')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')))
      expect(greyed).toEqual(full)
      const first = page.locator('ol.classes > li').first()
      await first.getByText(/ 至 /).waitFor() // term dates
      await first.locator('a[href^="tel:"]').waitFor()

      // A date outside every term empties the list, and the pane offers to drop it.
      await page.getByLabel('日期').fill('2020-01-15')
      await page.getByRole('button', { name: '不限日期' }).click()
      await expect.poll(() => param(page, 'date')).toBeNull()
      await ctx.close()
    })

    for (const [device, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      test(`screenshots at ${viewport.width}×${viewport.height}: start, filtered, card, childcare, English`, async () => {
        const ctx = await newContext({
          viewport,
          geolocation: { ...HANGZHOU, accuracy: 80 },
          permissions: ['geolocation'],
        })
        const { page, loadMs } = await open(ctx)
        mapLoadMs[`${device}Start`] = Math.round(loadMs)
        await page.getByRole('button', { name: '定位我' }).click()
        await page.getByText('距离从我的位置算起').waitFor()
        await visibleStations(page)
        await page.waitForTimeout(700)
        await shot(page, `${device}-1-start`)
        await page.getByRole('button', { name: '热水', exact: true }).click()
        await page.getByRole('button', { name: '现在开放' }).click()
        await page.locator('.status-loading').waitFor({ state: 'detached' })
        await page.waitForTimeout(500)
        await shot(page, `${device}-2-filtered`)
        await page.locator('ol.results > li button, .empty button').first().click()
        await page.waitForTimeout(900)
        await shot(page, `${device}-3-card`)
        await page.keyboard.press('Escape')
        await page.getByRole('tab', { name: '爱心托班' }).click()
        await page.getByLabel('孩子年龄').selectOption('6')
        await page.getByLabel('范围').last().selectOption('10000')
        await page.locator('ol.classes, .childcare .empty').first().waitFor()
        await page.waitForTimeout(700)
        await shot(page, `${device}-4-childcare`)
        await page.getByRole('button', { name: 'English' }).click()
        await page.getByRole('tab', { name: 'Stations' }).click()
        await page.locator('ol.results, .empty').first().waitFor()
        await page.waitForTimeout(500)
        await shot(page, `${device}-5-english`)
        await ctx.close()
      })
    }
  },
)
