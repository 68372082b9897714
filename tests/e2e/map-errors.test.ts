import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSuite, CHROMIUM, shot } from './harness.ts'

// "地图加载失败" is for a map that cannot draw at all (its style failed), not for a tile that
// failed after the map loaded: under load the planner showed it over a working map.

const suite = browserSuite()
const MAP_ERROR = '.pill-error'

type MapHandle = { loaded(): boolean }
const mapSettled = (page: Page) =>
  page.waitForFunction(
    () => (window as unknown as { __waystationMap?: MapHandle }).__waystationMap?.loaded(),
    null,
    { timeout: 45_000 },
  )

describe.skipIf(!fs.existsSync(CHROMIUM))('map errors', { timeout: 120_000 }, () => {
  test('tiles refused after the map loaded leave no error on the finder or the planner', async () => {
    const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } })
    let refused = 0
    await ctx.route('**/api/tiles/**', (route) => {
      refused++
      return route.fulfill({ status: 503, body: 'busy' })
    })
    const page = await ctx.newPage()
    await page.goto(`${suite.server.baseUrl}/?map=13/30.2741/120.1551`)
    await mapSettled(page)
    await page.locator('.results li').first().waitFor({ timeout: 30_000 })
    await page.goto(`${suite.server.baseUrl}/planner?c=330106`)
    await mapSettled(page)
    await page.waitForTimeout(500)
    expect(refused).toBeGreaterThan(0)
    await expect.poll(() => page.locator(MAP_ERROR).count()).toBe(0)
    await shot(page, 'map-errors-tiles-refused-planner-desktop')
    await ctx.close()
  })

  test('a style that cannot load says the map failed, on a phone', async () => {
    const ctx = await suite.browser.newContext({ viewport: { width: 390, height: 844 } })
    await ctx.route('**/basemap/style.json', (route) => route.fulfill({ status: 500, body: '' }))
    const page = await ctx.newPage()
    await page.goto(`${suite.server.baseUrl}/`)
    await expect
      .poll(() => page.locator(MAP_ERROR).first().textContent(), { timeout: 30_000 })
      .toBe('地图加载失败')
    await shot(page, 'map-errors-style-failed-phone')
    await ctx.close()
  })
})
