import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import { distanceM } from '../../server/geo/geodesic.ts'
import path from 'node:path'
import { blockNonLocal, browserSuite, CHROMIUM, param, SCREENSHOTS, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'

// A planner's scenario in headless Chromium against the real server: a site tapped on the map,
// the figures now → scenario from the API, and the same scenario after a reload of the link.

let suite: BrowserSuite
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const XIHU = '330106' // 西湖区: large, part covered, with gaps and suggestions
const blocked: string[] = []
/** Every request the pages made: the planner must never page the station list. */
const requested: string[] = []
const stationLists = () => requested.filter((u) => u.startsWith('/api/stations?'))

type W = {
  __waystationMap: {
    getLayer(id: string): unknown
    getZoom(): number
    isMoving(): boolean
    jumpTo(o: { center: [number, number] }): void
    project(p: [number, number]): { x: number; y: number }
    queryRenderedFeatures(o: { layers: string[] }): unknown[]
    queryRenderedFeatures(p: [number, number], o: { layers: string[] }): unknown[]
  }
}

async function newContext(
  viewport = DESKTOP,
  more: { acceptDownloads?: boolean; hasTouch?: boolean } = {},
): Promise<BrowserContext> {
  const ctx = await suite.browser.newContext({ viewport, locale: 'zh-CN', ...more })
  await blockNonLocal(ctx, blocked)
  ctx.on('request', (r) => {
    const u = new URL(r.url())
    requested.push(u.pathname + u.search)
  })
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

/** Waits until the map has zoomed into the county and stopped moving. */
async function mapSettled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const m = (window as unknown as W).__waystationMap
        return m.getZoom() > 9.5 && !m.isMoving()
      }),
    )
    .toBe(true)
}

/** Where a place is on the page, in CSS pixels, through the map's own projection. */
async function onPage(page: Page, at: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((q) => (window as unknown as W).__waystationMap.project(q), at)
  const box = (await page.locator('.planner-map-area .map canvas').boundingBox())!
  return { x: box.x + p.x, y: box.y + p.y }
}

/** Puts a place in the middle of the map (clear of the legend) and answers where it is. */
async function centreOn(page: Page, at: [number, number]): Promise<{ x: number; y: number }> {
  await page.evaluate((c) => (window as unknown as W).__waystationMap.jumpTo({ center: c }), at)
  await mapSettled(page)
  return onPage(page, at)
}

/** Waits until a proposed site's hit area is rendered where the place is on the map. */
async function siteDrawnAt(page: Page, at: [number, number]): Promise<void> {
  await page.waitForFunction(
    (q) => {
      const m = (window as unknown as W).__waystationMap
      const p = m.project(q)
      const l = 'scenario-site-hit'
      return !!m.getLayer(l) && m.queryRenderedFeatures([p.x, p.y], { layers: [l] }).length > 0
    },
    at,
    { timeout: 30_000 },
  )
}

type Suggested = { features: { geometry: { coordinates: number[] } }[] }
const suggestedSites = async () =>
  (
    await suite.api<Suggested>(
      `/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=5`,
    )
  ).features.map((f) => f.geometry.coordinates as [number, number])
const pct = (v: number) => `${v.toFixed(1)}%`
const inLink = (site: [number, number]) => site.map((v) => v.toFixed(5)).join(',')

// Asking the map for a layer it has not added yet is an error event, which before the map's
// `load` the page reports as a map that failed to load: count nothing until the layer exists.
const rendered = (page: Page, layer: string) =>
  page.evaluate((l) => {
    const m = (window as unknown as W).__waystationMap
    return m.getLayer(l) ? m.queryRenderedFeatures({ layers: [l] }).length : 0
  }, layer)

type StationPage = {
  features: { properties: { id: string; status: string }; geometry: { coordinates: number[] } }[]
}

/** The county's active station farthest from any other: taking it out must lose land. */
async function isolatedStation(): Promise<{ id: string; at: [number, number] }> {
  const page = await suite.api<StationPage>(`/api/stations?adcode=${XIHU}&limit=1000`)
  const active = page.features
    .filter((f) => f.properties.status === 'active')
    .map((f) => ({ id: f.properties.id, at: f.geometry.coordinates as [number, number] }))
  let best = active[0]!
  let bestM = -1
  for (const a of active) {
    const m = Math.min(...active.filter((b) => b !== a).map((b) => distanceM(a.at, b.at)))
    if (m > bestM) [best, bestM] = [a, m]
  }
  return best
}

/** The scenario's figures as shown: now, scenario and change per row. */
const figures = (page: Page) =>
  page.locator('.scenario table.scenario-figures tbody tr').evaluateAll((trs) =>
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

async function askScenario(
  sites: [number, number][],
  more: { removed?: string[]; hours?: { id: string; openingHours: string }[] } = {},
): Promise<ScenarioAnswer> {
  const res = await fetch(`${suite.server.baseUrl}/api/coverage/${XIHU}/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      radius: 1000,
      added: sites.map(([lon, lat]) => ({ lon, lat })),
      ...more,
    }),
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

      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
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
      await expect.poll(() => rendered(page, 'planner-gained-fill')).toBeGreaterThan(0)
      await page.locator('.legend [data-legend="gained"]').waitFor()
      await page.waitForTimeout(600)
      await shot(page, 'planner-scenario-desktop-1-added')

      // A reload of the link shows the same scenario and the same figures.
      const url = page.url()
      await page.reload()
      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
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
      await expect.poll(() => page.locator('.scenario table.scenario-figures').count()).toBe(0)
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('a proposed site dragged on the map moves the figures while held, and the link follows the drop', async () => {
      const [from, other] = await suggestedSites()
      const ctx = await newContext()
      const page = await openCounty(ctx, `?c=${XIHU}&s=${inLink(from!)}`)
      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
      const before = await figures(page)
      // Halfway to another suggested site: still in the county, on land that differs.
      const start = await centreOn(page, from!)
      const end = await onPage(page, [(from![0] + other![0]) / 2, (from![1] + other![1]) / 2])
      // The mouse must press on the site as drawn, or it pans the map (seen under load).
      await siteDrawnAt(page, from!)
      await page.mouse.move(start.x, start.y)
      await page.mouse.down()
      await page.mouse.move(end.x, end.y, { steps: 15 })
      // Held still: the figures follow the site before it is dropped; the link waits for the drop.
      await expect.poll(() => figures(page), { timeout: 60_000 }).not.toEqual(before)
      // (By distance, not text: the page rewrites the link's numbers, 30.18380 → 30.1838.)
      expect(distanceM(sitesInUrl(page)[0]!, from!)).toBeLessThan(2)
      await page.mouse.up()
      await expect.poll(() => distanceM(sitesInUrl(page)[0]!, from!)).toBeGreaterThan(100)
      // The map did not pan under the drag: the site is where the mouse let go of it.
      const dropped = sitesInUrl(page)[0]!
      const at = await onPage(page, dropped)
      expect(Math.hypot(at.x - end.x, at.y - end.y)).toBeLessThan(2)
      const want = await askScenario([dropped])
      await expect
        .poll(() => figures(page).then((f) => f[0]!.scenario))
        .toBe(pct(want.scenario.coveredPct))
      await shot(page, 'planner-scenario-desktop-2-dragged')
      await ctx.close()
    })

    test('a station tapped and taken out loses land, drawn in red; other hours, the export and the printed report carry the scenario', async () => {
      const station = await isolatedStation()
      const want = await askScenario([], { removed: [station.id] })
      expect(want.difference.count).toBe(-1)
      expect(want.lost.areaKm2).toBeGreaterThan(0)
      expect(want.difference.coveredKm2).toBeLessThan(0)

      const ctx = await newContext(DESKTOP, { acceptDownloads: true })
      const page = await openCounty(ctx, `?c=${XIHU}`)
      await mapSettled(page)
      await expect.poll(() => rendered(page, 'scenario-station-hit')).toBeGreaterThan(0)
      const at = await centreOn(page, station.at)
      await page.mouse.click(at.x, at.y)
      const editor = page.locator(`.scenario-station[data-station="${station.id}"]`)
      await editor.waitFor()
      // The tapped station is asked for by id (its registered hours), the county never listed.
      expect(requested).toContain(`/api/stations/${station.id}`)
      await editor.getByRole('button', { name: '从方案中移除' }).click()
      await expect.poll(() => new URL(page.url()).searchParams.getAll('rm')).toEqual([station.id])
      await expect
        .poll(() => figures(page).then((f) => f.map((r) => [r.figure, r.scenario, r.change])), {
          timeout: 60_000,
        })
        .toContainEqual(['coveredPct', pct(want.scenario.coveredPct), expect.stringMatching(/^−/)])
      expect((await figures(page)).find((r) => r.figure === 'count')!.change).toBe('−1')
      await expect.poll(() => rendered(page, 'scenario-lost-fill')).toBeGreaterThan(0)
      await expect.poll(() => rendered(page, 'scenario-station-removed')).toBe(1)
      await page.locator('.legend [data-legend="lost"]').waitFor()

      // Another station given other hours: a preset, then text the shared schema refuses, then
      // text it takes.
      const other = (
        await suite.api<StationPage>(`/api/stations?adcode=${XIHU}&limit=1000`)
      ).features
        .filter((f) => f.properties.status === 'active' && f.properties.id !== station.id)
        .map((f) => ({ id: f.properties.id, at: f.geometry.coordinates as [number, number] }))
        .sort((a, b) => distanceM(b.at, station.at) - distanceM(a.at, station.at))[0]!
      const there = await centreOn(page, other.at)
      await page.mouse.click(there.x, there.y)
      const second = page.locator('.scenario-station').first()
      await second.waitFor()
      const otherId = (await second.getAttribute('data-station'))!
      await second.getByRole('button', { name: '24 小时' }).click()
      await expect.poll(() => param(page, `h:${otherId}`)).toBe('24/7')
      await second.getByLabel('其他时间').fill('Mo-Xx 25:00')
      await second.getByRole('button', { name: '应用' }).click()
      await second.getByRole('alert').waitFor()
      expect(param(page, `h:${otherId}`)).toBe('24/7')
      await second.getByLabel('其他时间').fill('Mo-Su 05:00-23:00')
      await second.getByRole('button', { name: '应用' }).click()
      await expect.poll(() => param(page, `h:${otherId}`)).toBe('Mo-Su 05:00-23:00')
      await expect.poll(() => rendered(page, 'scenario-station-hours')).toBe(1)

      // Sites taken too, so the map shows land gained and lost.
      await page.getByRole('button', { name: '把建议站点 1 加入方案' }).click()
      await page.getByRole('button', { name: '把建议站点 2 加入方案' }).click()
      await expect.poll(() => sitesInUrl(page).length).toBe(2)
      const full = await askScenario(sitesInUrl(page), {
        removed: [station.id],
        hours: [{ id: otherId, openingHours: 'Mo-Su 05:00-23:00' }],
      })
      await expect
        .poll(() => figures(page).then((f) => f[0]!.scenario), { timeout: 60_000 })
        .toBe(pct(full.scenario.coveredPct))
      await page.getByRole('button', { name: '关闭' }).click()
      await page.evaluate(
        (b) =>
          (
            window as unknown as { __waystationMap: { fitBounds(b: number[]): void } }
          ).__waystationMap.fitBounds(b),
        [
          Math.min(station.at[0], sitesInUrl(page)[0]![0]) - 0.01,
          Math.min(station.at[1], sitesInUrl(page)[0]![1]) - 0.01,
          Math.max(station.at[0], sitesInUrl(page)[0]![0]) + 0.01,
          Math.max(station.at[1], sitesInUrl(page)[0]![1]) + 0.01,
        ],
      )
      await mapSettled(page)
      await expect.poll(() => rendered(page, 'planner-gained-fill')).toBeGreaterThan(0)
      await page.waitForTimeout(600)
      await shot(page, 'planner-scenario-desktop-3-gain-loss')

      // The export: the sites with their gains, the stations changed, the land gained and lost.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出方案 GeoJSON' }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`scenario-${XIHU}-1000m.geojson`)
      const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
        type: string
        difference: ScenarioAnswer['difference']
        features: {
          type: string
          geometry: { type: string; coordinates: unknown[] }
          properties: Record<string, unknown>
        }[]
      }
      expect(file.type).toBe('FeatureCollection')
      const kinds = (k: string) => file.features.filter((f) => f.properties.kind === k)
      expect(kinds('proposedSite').map((f) => f.properties.addedCoverageKm2)).toEqual(
        full.sites.map((site) => site.addedCoverageKm2),
      )
      expect(kinds('removedStation').map((f) => f.properties.id)).toEqual([station.id])
      expect(kinds('changedHours')[0]!.properties).toMatchObject({
        id: otherId,
        openingHours: 'Mo-Su 05:00-23:00',
      })
      for (const f of file.features) {
        expect(f.type).toBe('Feature')
        expect(['Point', 'Polygon', 'MultiPolygon']).toContain(f.geometry.type)
      }
      const area = (k: string) => kinds(k).reduce((s, f) => s + (f.properties.areaKm2 as number), 0)
      expect(area('gainedLand') - area('lostLand')).toBeCloseTo(file.difference.coveredKm2, 9)
      expect(area('lostLand')).toBeGreaterThan(0)

      // A reload of the link: the same changes listed, the same figures.
      const shown = await figures(page)
      await page.reload()
      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
      await expect.poll(() => figures(page)).toEqual(shown)
      await expect
        .poll(() =>
          page
            .locator('.scenario-changes li')
            .evaluateAll((li) => li.map((l) => l.getAttribute('data-station'))),
        )
        .toEqual([station.id, otherId])

      // The printed report: the scenario's figures and its changes.
      await mapSettled(page)
      await expect
        .poll(() => page.locator('.print-map').getAttribute('src'), { timeout: 60_000 })
        .toMatch(/^data:image\/jpeg/)
      await page.emulateMedia({ media: 'print' })
      const printed = page.locator('.print-report .print-scenario')
      await printed.waitFor()
      expect(
        await printed.locator('[data-figure="coveredPct"] [data-col="scenario"]').textContent(),
      ).toBe(pct(full.scenario.coveredPct))
      expect(await printed.textContent()).toContain('Mo-Su 05:00-23:00')
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'planner-scenario-print.png'),
        fullPage: true,
      })
      expect(stationLists()).toEqual([])
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('a tap while adding on a proposed site or a station is about that marker: no site is stacked on it', async () => {
      const [first, second] = await suggestedSites()
      const station = await isolatedStation()
      const ctx = await newContext()
      const page = await openCounty(ctx, `?c=${XIHU}&s=${inLink(first!)}`)
      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
      await mapSettled(page)
      await page.getByRole('button', { name: '在地图上添加站点' }).click()
      // Where the marker is drawn: wait until its hit area is rendered under the pointer.
      const tapOn = async (at: [number, number], layer: string) => {
        const p = await centreOn(page, at)
        await page.waitForFunction(
          ([q, l]) => {
            const m = (window as unknown as W).__waystationMap
            const px = m.project(q as [number, number])
            const layers = [l as string]
            return (
              !!m.getLayer(l as string) &&
              m.queryRenderedFeatures([px.x, px.y], { layers }).length > 0
            )
          },
          [at, layer] as const,
          { timeout: 30_000 },
        )
        await page.mouse.click(p.x, p.y)
      }
      await tapOn(first!, 'scenario-site-hit')
      await page.waitForTimeout(500)
      expect(sitesInUrl(page)).toHaveLength(1)
      // The tapped station opens in the editor, as it does outside the adding mode.
      await tapOn(station.at, 'scenario-station-hit')
      await page.locator(`.scenario-station[data-station="${station.id}"]`).waitFor()
      // Open land still takes a site: the taps above were handled, and added nothing.
      const land = await centreOn(page, second!)
      await page.mouse.click(land.x, land.y)
      await expect.poll(() => sitesInUrl(page).length).toBe(2)
      await page.waitForTimeout(500)
      const sites = sitesInUrl(page)
      expect(sites).toHaveLength(2)
      expect(distanceM(sites[0]!, first!)).toBeLessThan(2)
      expect(distanceM(sites[1]!, second!)).toBeLessThan(100)
      expect(stationLists()).toEqual([])
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('screenshots of a scenario at 390×844, and a site dragged by a finger', async () => {
      const [first, second] = await suggestedSites()
      const s = `${inLink(first!)};${inLink(second!)}`
      const station = await isolatedStation()
      const ctx = await newContext(PHONE, { hasTouch: true })
      const page = await openCounty(ctx, `?c=${XIHU}&s=${s}&rm=${station.id}`)
      await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
      await expect.poll(() => rendered(page, 'scenario-lost-fill')).toBeGreaterThan(0)
      await page.waitForTimeout(800)
      await shot(page, 'planner-scenario-phone-1-map')
      await page.locator('.scenario').scrollIntoViewIfNeeded()
      await shot(page, 'planner-scenario-phone-2-figures')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(PHONE.width)

      // A finger on site 1 drags it (not the map) halfway to site 2.
      await page.locator('.planner-map-area').scrollIntoViewIfNeeded()
      const start = await centreOn(page, first!)
      const end = await onPage(page, [(first![0] + second![0]) / 2, (first![1] + second![1]) / 2])
      // The finger must land on the site as drawn.
      await siteDrawnAt(page, first!)
      const cdp = await ctx.newCDPSession(page)
      const touch = (
        type: 'touchStart' | 'touchMove' | 'touchEnd',
        p: { x: number; y: number } | null,
      ) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [p] : [] })
      await touch('touchStart', start)
      for (let i = 1; i <= 10; i++) {
        await touch('touchMove', {
          x: start.x + ((end.x - start.x) * i) / 10,
          y: start.y + ((end.y - start.y) * i) / 10,
        })
      }
      await touch('touchEnd', null)
      // The page rewrites the link's numbers on load (30.18380 → 30.1838): wait for the move itself.
      await expect.poll(() => distanceM(sitesInUrl(page)[0]!, first!)).toBeGreaterThan(1000)
      const mid: [number, number] = [(first![0] + second![0]) / 2, (first![1] + second![1]) / 2]
      // Where the finger let go, to about two pixels (the page may scroll under a touch).
      expect(distanceM(sitesInUrl(page)[0]!, mid)).toBeLessThan(300)
      expect(sitesInUrl(page)[1]).toEqual(second!.map((v) => Number(v.toFixed(5))))
      expect(blocked).toEqual([])
      await ctx.close()
    })
  },
)
