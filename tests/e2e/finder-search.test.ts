import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { browserSuite, CHROMIUM, param, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'

// The finder as a delivery rider met it: areas, pinyin, counts, "from where", the card over the
// map, Back, and childcare directions. Real server, headless Chromium.

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const HANGZHOU = { latitude: 30.2741, longitude: 120.1551 }
const AT = `${HANGZHOU.longitude},${HANGZHOU.latitude}`

type Fc = {
  total: number
  features: {
    id: string
    properties: Record<string, unknown>
    geometry: { coordinates: [number, number] }
  }[]
}
type MapHandle = {
  loaded(): boolean
  project(p: [number, number]): { x: number; y: number }
  queryRenderedFeatures(o: { layers: string[] }): {
    properties: Record<string, unknown>
    geometry: { coordinates: [number, number] }
  }[]
}

let suite: BrowserSuite

const context = (options: BrowserContextOptions = {}): Promise<BrowserContext> =>
  suite.browser.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })

async function openFinder(ctx: BrowserContext, query = ''): Promise<Page> {
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${suite.server.baseUrl}/${query}`)
  await page.waitForFunction(() => performance.getEntriesByName('waystation:map-load').length > 0)
  expect(errors).toEqual([])
  return page
}

/** A point's position in the viewport (CSS px), as the map draws it now. */
const onScreen = (page: Page, p: [number, number]) =>
  page.evaluate((pt) => {
    const map = (window as unknown as { __waystationMap: MapHandle }).__waystationMap
    const box = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect()
    const { x, y } = map.project(pt)
    return { x: box.left + x, y: box.top + y, map: box.toJSON() as DOMRect }
  }, p)

/** Waits until the camera has stopped moving. */
const settled = (page: Page) =>
  page.waitForFunction(() => {
    const m = (window as unknown as { __waystationMap: MapHandle & { isMoving(): boolean } })
      .__waystationMap
    return m.loaded() && !m.isMoving()
  })

const resultIds = (page: Page) =>
  page.locator('ol.results > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')))

describe.skipIf(!fs.existsSync(CHROMIUM))('finder search and card', { timeout: 150_000 }, () => {
  suite = browserSuite()

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`${device}: a county is listed whole, by distance, with the exact count`, async () => {
      const ctx = await context({ viewport })
      const page = await openFinder(ctx)
      await page.locator('input[type=search]').fill('鄞州')
      await page.getByRole('option', { name: /^鄞州区 区县/ }).click()
      await expect.poll(() => param(page, 'area')).toBe('330212')
      const all = await suite.api<Fc>(`/api/stations/nearby?lat=29.8&lon=121.5&adcode=330212`)
      expect(all.total).toBeGreaterThan(30)
      await page.getByRole('heading', { name: `鄞州区 · ${all.total} 个站点` }).waitFor()
      await page.getByText(`显示 ${all.total} 个中的 30 个`).waitFor()
      // Framed: the map now shows the county, and the list is ordered from its centre.
      await settled(page)
      const map = await page.evaluate(() => {
        const m = (
          window as unknown as { __waystationMap: { getCenter(): { lng: number; lat: number } } }
        ).__waystationMap
        const c = m.getCenter()
        return [c.lng, c.lat]
      })
      await expect
        .poll(async () => {
          const fromCentre = await suite.api<Fc>(
            `/api/stations/nearby?lat=${map[1]!.toFixed(3)}&lon=${map[0]!.toFixed(3)}&adcode=330212&limit=30`,
          )
          return (await resultIds(page)).join() === fromCentre.features.map((f) => f.id).join()
        })
        .toBe(true)
      await page.waitForTimeout(400)
      await shot(page, `finder-ux-${device}-county`)
      await ctx.close()
    })

    test(`${device}: pinyin and initials find places, in Chinese and English mode`, async () => {
      const ctx = await context({ viewport })
      const page = await openFinder(ctx)
      const box = page.locator('input[type=search]')
      for (const q of ['yiwu', 'Yiwu', 'yw']) {
        await box.fill(q)
        await page.getByRole('option', { name: /^义乌市 区县 · 金华市/ }).waitFor()
      }
      await box.fill('yinzhou')
      await page.getByRole('option', { name: /^鄞州区/ }).waitFor()
      await shot(page, `finder-ux-${device}-pinyin`)
      await page.getByRole('button', { name: 'English' }).click()
      await box.fill('yinzhou')
      await page.getByRole('option', { name: /^Yinzhou District County · Ningbo/ }).click()
      await page.getByRole('heading', { name: /^Yinzhou District · \d+ stations/ }).waitFor()
      await page.getByText(/showing 30 of \d+/).waitFor()
      await page.waitForTimeout(600)
      await shot(page, `finder-ux-${device}-english`)
      await ctx.close()
    })
  }

  test('station matches are ranked by distance from the search point, with the distance', async () => {
    const ctx = await context()
    const page = await openFinder(ctx, `?at=${AT}`)
    await page.locator('input[type=search]').fill('小哥驿站')
    const want = await suite.api<Fc>(
      `/api/stations/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&q=${encodeURIComponent('小哥驿站')}&limit=8`,
    )
    expect(want.features.length).toBe(8)
    const options = page.getByRole('listbox').getByRole('option')
    await expect.poll(() => options.count()).toBe(8)
    const texts = await options.allTextContents()
    want.features.forEach((f, i) => expect(texts[i]).toContain(String(f.properties.name)))
    // The nearest is in town, not wherever the lowest id happens to be.
    expect(want.features[0]!.properties.distanceM as number).toBeLessThan(5000)
    expect(texts[0]).toMatch(/\d+ 米|\d(\.\d)? 公里/)
    await ctx.close()
  })

  test('the card says from where, says straight line, keeps the station above it, and Back closes it', async () => {
    const ctx = await context({
      geolocation: { ...HANGZHOU, accuracy: 60 },
      permissions: ['geolocation'],
    })
    const page = await openFinder(ctx)
    await page.getByRole('button', { name: '定位我' }).click()
    await page.getByText('距离从我的位置算起').waitFor()
    await expect.poll(async () => (await resultIds(page)).length).toBeGreaterThan(5)
    // The fifth row: not the nearest, so the camera has to move to it.
    const row = page.locator('ol.results > li').nth(4)
    const id = (await row.getAttribute('data-id'))!
    await page.getByRole('heading', { name: /个站点/ }).scrollIntoViewIfNeeded()
    await row.locator('button').click()
    const card = page.getByRole('dialog')
    await card.getByRole('heading', { level: 2 }).waitFor()
    await expect(card.locator('.card-distance').textContent()).resolves.toMatch(
      /^距你 .+ · 直线步行约 \d+ 分钟 · 在.+方$/,
    )
    await expect(page.locator('ol.results').textContent()).resolves.toContain('直线步行约')
    await settled(page)
    const station = await suite.api<Fc['features'][number]>(`/api/stations/${id}`)
    const pos = await onScreen(page, station.geometry.coordinates)
    const me = await onScreen(page, [HANGZHOU.longitude, HANGZHOU.latitude])
    const cardBox = (await card.boundingBox())!
    for (const p of [pos, me]) {
      // On the map, inside the viewport, and not under the card.
      expect(p.y).toBeGreaterThan(p.map.top)
      expect(p.y).toBeLessThan(Math.min(p.map.bottom, cardBox.y))
      expect(p.x).toBeGreaterThan(0)
      expect(p.x).toBeLessThan(PHONE.width)
    }
    await shot(page, 'finder-ux-phone-card')
    // Back closes the card and stays in the app.
    const before = page.url()
    await page.goBack()
    await card.waitFor({ state: 'detached' })
    expect(new URL(page.url()).pathname).toBe('/')
    expect(param(page, 's')).toBeNull()
    expect(param(page, 'me')).toBe('1')
    expect(before).toContain(`s=${id}`)
    // Closing with ✕ also takes the history step back: a later Back does not reopen it.
    await row.locator('button').click()
    await card.getByRole('heading', { level: 2 }).waitFor()
    await card.getByRole('button', { name: '关闭' }).click()
    await card.waitFor({ state: 'detached' })
    await page.waitForTimeout(300)
    expect(param(page, 's')).toBeNull()
    await ctx.close()
  })

  test('desktop: the card says where from, and leaves the station in view', async () => {
    const ctx = await context({
      viewport: DESKTOP,
      geolocation: { ...HANGZHOU, accuracy: 60 },
      permissions: ['geolocation'],
    })
    const page = await openFinder(ctx, `?at=${AT}&me=1`)
    await page.locator('ol.results > li').nth(3).locator('button').click()
    const card = page.getByRole('dialog')
    await card.getByText(/^距你 .+直线/).waitFor()
    const id = param(page, 's')!
    const station = await suite.api<Fc['features'][number]>(`/api/stations/${id}`)
    const box = (await card.boundingBox())!
    // Polled: with tiles the map can be loaded and still before the camera's move begins.
    const underCard = async () => {
      await settled(page)
      const pos = await onScreen(page, station.geometry.coordinates)
      return (
        pos.x >= box.x &&
        pos.x <= box.x + box.width &&
        pos.y >= box.y &&
        pos.y <= box.y + box.height
      )
    }
    await expect.poll(underCard).toBe(false)
    await page.waitForTimeout(300)
    await shot(page, 'finder-ux-desktop-card')
    await ctx.close()
  })

  test('a card opened with no search point shows no distance (from the map centre it means nothing)', async () => {
    const ctx = await context()
    const page = await openFinder(ctx, `?map=14/${HANGZHOU.latitude}/${HANGZHOU.longitude}`)
    const first = (await resultIds(page))[0]!
    await page.locator('ol.results > li button').first().click()
    await expect.poll(() => param(page, 's')).toBe(first)
    await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
    expect(await page.locator('.card-distance').count()).toBe(0)
    await ctx.close()
  })

  test('a me=1 link locates again when allowed, and drops the claim when not', async () => {
    const elsewhere = { latitude: 30.29, longitude: 120.12 }
    const allowed = await context({
      geolocation: { ...elsewhere, accuracy: 50 },
      permissions: ['geolocation'],
    })
    const page = await openFinder(allowed, `?at=${AT}&me=1`)
    await expect.poll(() => param(page, 'at')).toBe(`${elsewhere.longitude},${elsewhere.latitude}`)
    await page.getByText('距离从我的位置算起').waitFor()
    await allowed.close()

    const denied = await context()
    const other = await openFinder(denied, `?at=${AT}&me=1`)
    await expect.poll(() => param(other, 'me')).toBeNull()
    expect(param(other, 'at')).toBe(AT)
    await other.getByText('距离从所选位置算起').waitFor()
    await denied.close()
  })

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`${device}: childcare classes have directions and a seats toggle kept in the URL`, async () => {
      const ctx = await context({ viewport })
      const page = await openFinder(ctx, `?at=${AT}&r=10000&tab=childcare`)
      await page.locator('ol.classes > li').first().waitFor()
      await page.getByRole('button', { name: '有空位' }).click()
      await expect.poll(() => param(page, 'seats')).toBe('1')
      const want = await suite.api<Fc>(
        `/api/classes/nearby?lat=${HANGZHOU.latitude}&lon=${HANGZHOU.longitude}&radius=10000&limit=30&hasSeats=true`,
      )
      await expect
        .poll(() =>
          page
            .locator('ol.classes > li')
            .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')).join()),
        )
        .toBe(want.features.map((f) => f.id).join())
      expect(await page.locator('ol.classes > li.full').count()).toBe(0)
      const first = page.locator('ol.classes > li').first()
      for (const app of ['amap', 'baidu', 'apple', 'osm'])
        expect(await first.locator(`a[data-nav="${app}"]`).getAttribute('href')).toMatch(/^https:/)
      expect(await first.locator('a[data-nav="osm"]').getAttribute('href')).toContain(
        want.features[0]!.geometry.coordinates[1]!.toFixed(6),
      )
      await page
        .getByText(/显示 \d+ 个中的 30 个|附近 \d+ 个托班/)
        .first()
        .waitFor()
      await page.reload()
      await page.locator('ol.classes > li').first().waitFor()
      expect(await page.getByRole('button', { name: '有空位' }).getAttribute('aria-pressed')).toBe(
        'true',
      )
      await page.waitForFunction(
        () => performance.getEntriesByName('waystation:map-load').length > 0,
      )
      await page
        .locator('ol.classes > li')
        .first()
        .locator('a[data-nav="osm"]')
        .scrollIntoViewIfNeeded()
      await page.waitForTimeout(500)
      await shot(page, `finder-ux-${device}-childcare`)
      await ctx.close()
    })
  }
})
