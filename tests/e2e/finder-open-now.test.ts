import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSuite, CHROMIUM, shot } from './harness.ts'

// Open now narrows the finder's map as it narrows the list: the markers drawn are exactly the
// stations the API says are open, at the instant the map asked its tiles for.

const suite = browserSuite()
/** Hangzhou by West Lake at zoom 14: single markers, dense in the sample data. */
const VIEW = 'map=14/30.2741/120.1551'

type MapHandle = {
  loaded(): boolean
  project(p: [number, number]): { x: number; y: number }
  unproject(p: [number, number]): { lng: number; lat: number }
  getCenter(): { lng: number; lat: number }
  queryRenderedFeatures(o: {
    layers: string[]
  }): { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[]
}
type Fc = { total: number; features: { id: string; geometry: { coordinates: [number, number] } }[] }

/** Ids of the station markers whose centres are on the canvas, once the map has settled. */
async function drawnIds(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () => {
      const m = (window as unknown as { __waystationMap?: MapHandle }).__waystationMap
      return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['station-points'] }).length > 0
    },
    null,
    { timeout: 45_000 },
  )
  const ids = await page.evaluate(() => {
    const m = (window as unknown as { __waystationMap: MapHandle }).__waystationMap
    const box = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect()
    return m
      .queryRenderedFeatures({ layers: ['station-points'] })
      .filter((f) => {
        const { x, y } = m.project(f.geometry.coordinates)
        return x >= 0 && y >= 0 && x <= box.width && y <= box.height
      })
      .map((f) => String(f.properties.id))
  })
  return [...new Set(ids)].sort()
}

/** The API's stations around the map's centre (as far as its corners), those on the canvas. */
async function apiIdsOnScreen(page: Page, query: string): Promise<string[]> {
  const { center, corner, width, height } = await page.evaluate(() => {
    const m = (window as unknown as { __waystationMap: MapHandle }).__waystationMap
    const box = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect()
    const c = m.getCenter()
    const k = m.unproject([0, 0])
    return { center: c, corner: k, width: box.width, height: box.height }
  })
  const radius = Math.ceil(
    Math.hypot(
      (corner.lng - center.lng) * 111_320 * Math.cos((center.lat * Math.PI) / 180),
      (corner.lat - center.lat) * 110_570,
    ) * 1.2,
  )
  const answer = await suite.api<Fc>(
    `/api/stations/nearby?lat=${center.lat}&lon=${center.lng}&radius=${radius}&limit=200${query}`,
  )
  expect(answer.total).toBeLessThanOrEqual(200)
  const onScreen = await page.evaluate(
    ({ features, width, height }) => {
      const m = (window as unknown as { __waystationMap: MapHandle }).__waystationMap
      return features
        .filter((f) => {
          const { x, y } = m.project(f.geometry.coordinates)
          return x >= 0 && y >= 0 && x <= width && y <= height
        })
        .map((f) => f.id)
    },
    { features: answer.features, width, height },
  )
  return onScreen.sort()
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'open now on the finder map',
  { timeout: 120_000 },
  () => {
    test('with open now on, the markers drawn are the stations the API finds open at that minute', async () => {
      const ctx = await suite.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
      const page = await ctx.newPage()
      // A fixed evening instant, so the sample holds both open and closed stations in view.
      await page.clock.setFixedTime(new Date('2025-11-19T19:30:00+08:00'))
      const tileUrls: string[] = []
      page.on('request', (r) => {
        if (r.url().includes('/api/tiles/stations/')) tileUrls.push(r.url())
      })
      await page.goto(`${suite.server.baseUrl}/?${VIEW}`)
      const all = await drawnIds(page)
      expect(all).toEqual(await apiIdsOnScreen(page, ''))

      await page.goto(`${suite.server.baseUrl}/?${VIEW}&open=1`)
      const open = await drawnIds(page)
      const openAt = new URL(tileUrls.at(-1)!).searchParams.get('openAt')
      expect(openAt).toBe('2025-11-19T11:30:00.000Z')
      const expected = await apiIdsOnScreen(page, `&openNow=true&at=${encodeURIComponent(openAt!)}`)
      expect(open).toEqual(expected)
      // Else the filter would not have been tested: some in view are closed then.
      expect(open.length).toBeGreaterThan(0)
      expect(open.length).toBeLessThan(all.length)
      await shot(page, 'desktop-open-now-map')
      await ctx.close()
    })
  },
)
