import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import { distanceM } from '../../server/geo/geodesic.ts'
import { blockNonLocal, browserSuite, CHROMIUM, param, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'

// A planner's scenario in headless Chromium against the real server: a site tapped on the map,
// the figures now → scenario from the API, and the same scenario after a reload of the link.

let suite: BrowserSuite
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const XIHU = '330106' // 西湖区: large, part covered, with gaps and suggestions
const blocked: string[] = []

type W = {
  __waystationMap: {
    getZoom(): number
    isMoving(): boolean
    project(p: [number, number]): { x: number; y: number }
    queryRenderedFeatures(o: { layers: string[] }): unknown[]
  }
}

async function newContext(viewport = DESKTOP): Promise<BrowserContext> {
  const ctx = await suite.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: false })
  await blockNonLocal(ctx, blocked)
  return ctx
}

/** Opens the planner at `query` and waits until the county's suggestions are listed. */
async function openCounty(ctx: BrowserContext, query: string): Promise<Page> {
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${suite.server.baseUrl}/planner${query}`)
  await page.locator('.county-detail table.suggestions').waitFor({ timeout: 110_000 })
  expect(errors).toEqual([])
  return page
}

/** The scenario's figures as shown: now, scenario and change per row. */
const figures = (page: Page) =>
  page.locator('table.scenario-figures tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      figure: tr.getAttribute('data-figure'),
      now: tr.querySelector('[data-col="now"]')!.textContent,
      scenario: tr.querySelector('[data-col="scenario"]')!.textContent,
      change: tr.querySelector('[data-col="change"]')!.textContent,
    })),
  )

const sitesInUrl = (page: Page) =>
  (param(page, 's') ?? '')
    .split(';')
    .filter(Boolean)
    .map((p) => p.split(',').map(Number) as [number, number])

async function askScenario(sites: [number, number][]): Promise<ScenarioAnswer> {
  const res = await fetch(`${suite.server.baseUrl}/api/coverage/${XIHU}/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ radius: 1000, added: sites.map(([lon, lat]) => ({ lon, lat })) }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as ScenarioAnswer
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'planner scenarios in headless Chromium',
  { timeout: 240_000 },
  () => {
    suite = browserSuite()

    test('a site tapped on the map moves the figures as the API says, and a reload keeps the scenario', async () => {
      const ctx = await newContext()
      const page = await openCounty(ctx, `?c=${XIHU}`)
      // Tap where the best suggested site is: land there is uncovered, so the figures must move.
      const suggested = await suite.api<{ features: { geometry: { coordinates: number[] } }[] }>(
        `/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=5`,
      )
      const target = suggested.features[0]!.geometry.coordinates as [number, number]
      await expect
        .poll(() =>
          page.evaluate(() => {
            const m = (window as unknown as W).__waystationMap
            return m.getZoom() > 9.5 && !m.isMoving()
          }),
        )
        .toBe(true)
      await page.getByRole('button', { name: '在地图上添加站点' }).click()
      const at = await page.evaluate(
        (p) => (window as unknown as W).__waystationMap.project(p),
        target,
      )
      const box = (await page.locator('.planner-map-area .map canvas').boundingBox())!
      await page.mouse.click(box.x + at.x, box.y + at.y)
      await expect.poll(() => sitesInUrl(page).length).toBe(1)
      const [site] = sitesInUrl(page)
      expect(distanceM(site!, target)).toBeLessThan(100)
      // Still in the county: a tap while adding selects no other county.
      expect(param(page, 'c')).toBe(XIHU)

      await page.locator('table.scenario-figures').waitFor({ timeout: 60_000 })
      const shown = await figures(page)
      const want = await askScenario([site!])
      expect(want.difference.coveredKm2).toBeGreaterThan(0)
      const pct = (v: number) => `${v.toFixed(1)}%`
      expect(shown[0]).toEqual({
        figure: 'coveredPct',
        now: pct(want.live.coveredPct),
        scenario: pct(want.scenario.coveredPct),
        change: `+${want.difference.coveredPp.toFixed(1)} 个百分点`,
      })
      expect(shown[0]!.now).not.toBe(shown[0]!.scenario)
      expect(shown[1]!.figure).toBe('coveredKm2')
      expect(Number(shown[1]!.change!.replace(/[+,]/g, ''))).toBeCloseTo(
        want.difference.coveredKm2,
        1,
      )
      // The land gained is drawn, and the legend says what it is.
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as unknown as W).__waystationMap.queryRenderedFeatures({
                layers: ['planner-gained-fill'],
              }).length,
          ),
        )
        .toBeGreaterThan(0)
      await page.locator('.legend [data-legend="gained"]').waitFor()
      await page.waitForTimeout(600)
      await shot(page, 'planner-scenario-desktop-1-added')

      // A reload of the link shows the same scenario and the same figures.
      const url = page.url()
      await page.reload()
      await page.locator('table.scenario-figures').waitFor({ timeout: 60_000 })
      expect(page.url()).toBe(url)
      expect(await page.locator('.scenario-sites li').count()).toBe(1)
      expect(await figures(page)).toEqual(shown)

      // Taking a suggestion adds it; removing the tapped site leaves only the taken one.
      await page.getByRole('button', { name: '把建议站点 2 加入方案' }).click()
      await expect.poll(() => sitesInUrl(page).length).toBe(2)
      await page.getByRole('button', { name: '移除方案站点 1' }).click()
      await expect.poll(() => sitesInUrl(page).length).toBe(1)
      const taken = suggested.features[1]!.geometry.coordinates as [number, number]
      expect(distanceM(sitesInUrl(page)[0]!, taken)).toBeLessThan(2)
      await page.getByRole('button', { name: '清空方案' }).click()
      await expect.poll(() => param(page, 's')).toBeNull()
      await expect.poll(() => page.locator('table.scenario-figures').count()).toBe(0)
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('screenshots of a scenario at 390×844', async () => {
      const suggested = await suite.api<{ features: { geometry: { coordinates: number[] } }[] }>(
        `/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=5`,
      )
      const s = suggested.features
        .slice(0, 2)
        .map((f) => f.geometry.coordinates.map((v) => v.toFixed(5)).join(','))
        .join(';')
      const ctx = await newContext(PHONE)
      const page = await openCounty(ctx, `?c=${XIHU}&s=${s}`)
      await page.locator('table.scenario-figures').waitFor({ timeout: 60_000 })
      await page.waitForTimeout(800)
      await shot(page, 'planner-scenario-phone-1-map')
      await page.locator('.scenario').scrollIntoViewIfNeeded()
      await shot(page, 'planner-scenario-phone-2-figures')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(PHONE.width)
      expect(blocked).toEqual([])
      await ctx.close()
    })
  },
)
