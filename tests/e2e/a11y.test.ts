import fs from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSuite, CHROMIUM, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'

// Accessibility (axe-core, zero violations), map polish in both languages, and markers drawn
// before every station has arrived: the real server in headless Chromium.

let suite: BrowserSuite

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]
const HANGZHOU = '120.1551,30.2741'
const XIHU = '330106'

type MapHandle = {
  loaded(): boolean
  queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[]
}
type AxeViolation = { id: string; impact: string; nodes: { target: string[] }[] }
// What the page puts on window: the map (for tests) and axe once injected. Not a global
// declaration, which finder.test.ts makes with a different shape.
type TestWindow = {
  __waystationMap?: MapHandle
  axe?: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> }
}

async function openPage(page: Page, path: string) {
  await page.goto(`${suite.server.baseUrl}${path}`)
  await page.waitForFunction(() => performance.getEntriesByName('waystation:map-load').length > 0)
}

/**
 * axe-core's findings on the page as it is now, as "rule: selectors" lines. axe goes in as an
 * inline script, which the page's CSP refuses, so these contexts bypass it (delivery.test.ts
 * checks the CSP itself).
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ content: AXE_SOURCE })
  const { violations } = await page.evaluate(() =>
    (window as unknown as TestWindow).axe!.run(document),
  )
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'accessibility and map polish',
  { timeout: 120_000 },
  () => {
    suite = browserSuite()

    for (const viewport of VIEWPORTS) {
      const size = `${viewport.width}×${viewport.height}`

      test(`finder at ${size}: no axe violations with the list, a card, and the childcare tab`, async () => {
        const ctx = await suite.browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true })
        const page = await ctx.newPage()
        await openPage(page, `/?at=${HANGZHOU}`)
        await page.locator('ol.results > li').first().waitFor()
        expect(await axeViolations(page), 'list').toEqual([])

        await page.locator('ol.results > li button').first().click()
        await page
          .getByRole('dialog')
          .getByText(/今天|开放时间未知|今日/)
          .first()
          .waitFor()
        expect(await axeViolations(page), 'card').toEqual([])
        await shot(page, `a11y-finder-card-${size}`)

        await page.locator('.card-close').click()
        await page.getByRole('tab', { name: /爱心托班/ }).click()
        await page.locator('ol.classes > li, .empty').first().waitFor()
        expect(await axeViolations(page), 'childcare').toEqual([])
        await ctx.close()
      })

      test(`planner at ${size}: no axe violations, overview and a county open`, async () => {
        const ctx = await suite.browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true })
        const page = await ctx.newPage()
        await openPage(page, '/planner')
        await page.locator('.planner-panel[aria-busy="false"] table.county-table').waitFor()
        await page.locator('.chart-box svg').first().waitFor()
        expect(await axeViolations(page), 'overview').toEqual([])
        await shot(page, `a11y-planner-${size}`)

        await page.goto(`${suite.server.baseUrl}/planner?c=${XIHU}`)
        await page.locator('.county-detail [data-gaps]').waitFor({ timeout: 60_000 })
        expect(await axeViolations(page), 'county').toEqual([])
        await ctx.close()
      })
    }

    test('MapLibre controls, the attribution and the title follow the language on a phone', async () => {
      const ctx = await suite.browser.newContext({ viewport: VIEWPORTS[0], locale: 'zh-CN' })
      const page = await ctx.newPage()
      await openPage(page, '/')
      const zoomIn = page.locator('.maplibregl-ctrl-zoom-in')
      const attribution = page.locator('.maplibregl-ctrl-attrib-inner')
      const canvas = page.locator('.maplibregl-canvas')
      expect(await zoomIn.getAttribute('aria-label')).toBe('放大')
      expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('缩小')
      expect(await canvas.getAttribute('aria-label')).toBe('地图')
      await expect.poll(() => attribution.textContent()).toContain('行政区划')

      await page.locator('.lang-btn').click()
      await page.getByRole('heading', { level: 1, name: 'Outdoor Worker Stations' }).waitFor()
      expect(await zoomIn.getAttribute('aria-label')).toBe('Zoom in')
      expect(await zoomIn.getAttribute('title')).toBe('Zoom in')
      expect(await canvas.getAttribute('aria-label')).toBe('Map')
      await expect.poll(() => attribution.textContent()).toContain('Boundaries')
      expect(await attribution.textContent()).not.toMatch(/[\u4e00-\u9fff]/)
      // The whole title is on screen: neither clipped by an ellipsis nor past the edge.
      const title = await page.locator('.topbar h1').evaluate((h) => ({
        clipped: h.scrollWidth > h.clientWidth,
        right: h.getBoundingClientRect().right,
      }))
      expect(title.clipped).toBe(false)
      expect(title.right).toBeLessThanOrEqual(VIEWPORTS[0]!.width)
      await shot(page, 'a11y-finder-en-390x844')

      // A link opened in English labels the controls from the start (the locale option).
      await openPage(page, '/?lang=en')
      expect(await zoomIn.getAttribute('aria-label')).toBe('Zoom in')
      await ctx.close()
    })

    test('markers come from vector tiles: the whole layer is never downloaded', async () => {
      const ctx = await suite.browser.newContext({ viewport: VIEWPORTS[1], locale: 'zh-CN' })
      let pagesAsked = 0
      let tilesAsked = 0
      {
        await ctx.route(/\/api\/stations\?/, async (route) => {
          if (!new URL(route.request().url()).searchParams.has('q')) pagesAsked++
          await route.continue()
        })
        await ctx.route(/\/api\/tiles\/stations\//, async (route) => {
          tilesAsked++
          await route.continue()
        })
      }
      const page = await ctx.newPage()
      await openPage(page, `/?at=${HANGZHOU}&map=14/30.2741/120.1551`)
      await page.locator('ol.results > li').first().waitFor()
      const listed = await page
        .locator('ol.results > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')!))
      const drawn = () =>
        page.evaluate(() => {
          const map = (window as unknown as TestWindow).__waystationMap!
          return map
            .queryRenderedFeatures({ layers: ['station-points'] })
            .map((f) => String(f.properties.id))
        })
      // The nearest listed station is drawn, from the few tiles of this view.
      await expect.poll(drawn).toContain(listed[0])
      expect(tilesAsked).toBeGreaterThan(0)
      expect(tilesAsked).toBeLessThan(20)
      expect(pagesAsked).toBe(0)
      await ctx.close()
    })
  },
)
