import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import type { CoverageReport, CoverageRow } from '../../server/domain/coverage.ts'
import { blockNonLocal, browserSuite, CHROMIUM, param, SCREENSHOTS, shot } from './harness.ts'
import type { BrowserSuite } from './harness.ts'
import { colorScale, FILTERED_OUT_COLOR } from '../../web/planner/color-scale.ts'
import { sitePlace } from '../../web/planner/site-place.ts'
import type { NearestStation } from '../../server/domain/coverage.ts'
import { zhCN as zhCNBase } from '../../web/i18n/zh-CN.ts'
import { en as enBase } from '../../web/i18n/en.ts'
import { zhCNPlanner } from '../../web/i18n/zh-CN-planner.ts'
import { enPlanner } from '../../web/i18n/en-planner.ts'
import { gcj02ToWgs84 } from '../../server/geo/crs.ts'
import { distanceM } from '../../server/geo/geodesic.ts'

// The planner page's strings: every page's plus the planner's own.
const zhCN = { ...zhCNBase, planner: zhCNPlanner }
const en = { ...enBase, planner: enPlanner }

let suite: BrowserSuite

// The planner's page in headless Chromium against the real server, every non-local request
// blocked: the figures on screen must be the API's, and nothing may need the internet.

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const XIHU = '330106' // 西湖区: large, part covered, with gaps and suggestions

/** Every request the pages tried to make off this machine. */
const blocked: string[] = []

/** The MapLibre map the page puts on window (typed here without touching the global Window). */
type W = {
  __waystationMap: {
    getZoom(): number
    getCenter(): { lng: number; lat: number }
    getFilter(id: string): unknown
    getPaintProperty(id: string, p: string): unknown
    queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[]
  }
}

/** How many features of a layer the map currently draws. */
const renderedCount = (page: Page, layer: string) =>
  page.evaluate(
    (l) => (window as unknown as W).__waystationMap.queryRenderedFeatures({ layers: [l] }).length,
    layer,
  )

async function newContext(viewport = DESKTOP): Promise<BrowserContext> {
  const ctx = await suite.browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: false,
  })
  await blockNonLocal(ctx, blocked)
  return ctx
}

/** Opens the planner and waits for the map and for the figures of the current radius and layer. */
async function open(ctx: BrowserContext, query = ''): Promise<Page> {
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${suite.server.baseUrl}/planner${query}`)
  await page.waitForFunction(
    () => performance.getEntriesByName('waystation:map-load').length > 0,
    null,
    { timeout: 40_000 },
  )
  await settled(page)
  expect(errors).toEqual([])
  return page
}

/** The panel is not busy and its table is drawn. */
async function settled(page: Page) {
  await page
    .locator('.planner-panel[aria-busy="false"] table.county-table')
    .waitFor({ timeout: 30_000 })
}

/**
 * Scrolls the panel so `selector` is at its top: the panel scrolls by itself on a desktop, with
 * the page on a phone (scrollIntoView would also shift the desktop page under its header).
 */
const inView = (page: Page, selector: string) =>
  page.locator('.planner-panel').evaluate((panel, sel) => {
    const el = panel.querySelector(sel)!
    if (getComputedStyle(panel).overflowY !== 'auto') return el.scrollIntoView({ block: 'start' })
    panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8
  }, selector)

/** "96,632.1" → 96632.1; "—" → null. */
const num = (s: string | null): number | null =>
  s === null || s.trim() === '—' ? null : Number(s.replace(/[,%\s]/g, ''))

/** The table as shown: kind, adcode and the figures per row, in display order. */
async function tableRows(page: Page) {
  return page.locator('table.county-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = (c: string) => tr.querySelector(`[data-col="${c}"]`)?.textContent ?? null
      return {
        kind: tr.getAttribute('data-kind')!,
        adcode: tr.getAttribute('data-adcode')!,
        count: cell('count'),
        perTenThousand: cell('perTenThousand'),
        per100Km2: cell('per100Km2'),
        coveredPct: cell('coveredPct'),
        uncoveredKm2: cell('uncoveredKm2'),
        populationCoveredPct: cell('populationCoveredPct'),
      }
    }),
  )
}

/** Each shown figure is the API's, rounded as printed (half a unit in the last place). */
function expectSameFigures(shown: Awaited<ReturnType<typeof tableRows>>, report: CoverageReport) {
  const byCode = new Map<string, CoverageRow>([
    ...report.counties.map((r) => [`county:${r.adcode}`, r] as const),
    ...report.cities.map((r) => [`city:${r.adcode}`, r] as const),
    [`province:${report.province.adcode}`, report.province],
  ])
  for (const row of shown) {
    const want = byCode.get(`${row.kind}:${row.adcode}`)
    expect(want, `${row.kind} ${row.adcode}`).toBeDefined()
    const close = (got: string | null, v: number | null, half: number, what: string) => {
      if (v === null) return expect(got, what).toBe('—')
      expect(Math.abs(num(got)! - v), `${row.adcode} ${what}: ${got} vs ${v}`).toBeLessThanOrEqual(
        half + 1e-9,
      )
    }
    expect(num(row.count), `${row.adcode} count`).toBe(want!.count)
    close(row.coveredPct, want!.coveredPct, 0.05, 'coveredPct')
    close(row.uncoveredKm2, want!.uncoveredKm2, 0.05, 'uncoveredKm2')
    close(row.per100Km2, want!.per100Km2, 0.05, 'per100Km2')
    close(row.perTenThousand, want!.perTenThousand, 0.005, 'perTenThousand')
    expect(row.populationCoveredPct).toBe('—')
  }
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'planner in headless Chromium',
  { timeout: 120_000 },
  () => {
    suite = browserSuite()

    test('the table lists 89 counties under 11 city subtotals and the province, with the API’s figures', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const report = await suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations')
      const rows = await tableRows(page)
      expect(rows.filter((r) => r.kind === 'county')).toHaveLength(89)
      expect(rows.filter((r) => r.kind === 'city')).toHaveLength(report.cities.length)
      expect(rows[0]!.kind).toBe('province')
      expect(new Set(rows.filter((r) => r.kind === 'county').map((r) => r.adcode))).toEqual(
        new Set(report.counties.map((r) => r.adcode)),
      )
      expectSameFigures(rows, report)
      // The unavailable column is shown with a dash and explained, not hidden.
      await page.getByText('人口覆盖率暂缺').first().waitFor()
      await page.getByRole('note').filter({ hasText: '仅用于说明计算方法' }).waitFor()
      // The choropleth colours every county, and the legend names its classification.
      const fill = await page.evaluate(() =>
        (window as unknown as W).__waystationMap.getPaintProperty(
          'planner-choropleth',
          'fill-color',
        ),
      )
      expect((fill as unknown[]).length).toBe(3 + 2 * 89)
      await page.locator('.legend').getByText('五分位分级').waitFor()
      await page.locator('.chart-box svg').first().waitFor()
      await shot(page, 'planner-desktop-1-overview')
      // Hovering a county on the map marks its row; clicking a bar of the chart opens a county.
      const map = (await page.locator('.planner-map-area .map canvas').boundingBox())!
      await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2)
      await expect.poll(() => page.locator('table.county-table tr.hovered').count()).toBe(1)
      const chart = (await page.locator('.chart-box svg').first().boundingBox())!
      await page.mouse.click(chart.x + chart.width * 0.3, chart.y + chart.height - 20)
      await expect.poll(() => param(page, 'c')).toMatch(/^33\d{4}$/)
      await page.locator('.county-detail').waitFor()
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('a failed request says so and offers a retry that works', async () => {
      const ctx = await newContext()
      let fail = true
      await ctx.route('**/api/coverage?*', (route) =>
        fail
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'about:blank',
                title: 'Unavailable',
                status: 503,
                detail: 'try later',
              }),
            })
          : route.fallback(),
      )
      const page = await ctx.newPage()
      await page.goto(`${suite.server.baseUrl}/planner`)
      const alert = page.getByRole('alert').filter({ hasText: '覆盖率数据加载失败' })
      await alert.waitFor()
      fail = false
      await alert.getByRole('button', { name: '重试' }).click()
      await settled(page)
      expect(await page.locator('tr[data-kind="county"]').count()).toBe(89)
      await ctx.close()
    })

    test('sorting by a column orders cities and their counties; ungrouped it is one ranking', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const report = await suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations')
      await page.locator('button[data-sort="coveredPct"]').click()
      await expect.poll(() => param(page, 'sort')).toBe('-coveredPct')
      let rows = await tableRows(page)
      const cities = rows.filter((r) => r.kind === 'city').map((r) => r.adcode)
      expect(cities).toEqual(
        [...report.cities].sort((a, b) => b.coveredPct - a.coveredPct).map((r) => r.adcode),
      )
      await page.getByLabel('按地级市分组').uncheck()
      await expect.poll(() => param(page, 'group')).toBe('0')
      rows = await tableRows(page)
      expect(rows.slice(1).map((r) => r.adcode)).toEqual(
        [...report.counties]
          .sort((a, b) => b.coveredPct - a.coveredPct || a.adcode.localeCompare(b.adcode))
          .map((r) => r.adcode),
      )
      await page.locator('button[data-sort="coveredPct"]').click()
      await expect.poll(() => param(page, 'sort')).toBe('coveredPct')
      rows = await tableRows(page)
      expect(rows[1]!.adcode).toBe(
        [...report.counties].sort((a, b) => a.coveredPct - b.coveredPct)[0]!.adcode,
      )
      // A reload reproduces the sorted, ungrouped table from the URL alone.
      await page.reload()
      await settled(page)
      expect((await tableRows(page)).slice(1).map((r) => r.adcode)).toEqual(
        rows.slice(1).map((r) => r.adcode),
      )
      await ctx.close()
    })

    test('hovering and clicking a row highlights and zooms to the county, with the API’s gaps and sites', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const row = page.locator(`tr[data-kind="county"][data-adcode="${XIHU}"]`)
      await row.hover()
      await expect
        .poll(() =>
          page.evaluate(() =>
            JSON.stringify((window as unknown as W).__waystationMap.getFilter('planner-hover')),
          ),
        )
        .toContain(XIHU)
      await row.getByRole('button').click()
      await expect.poll(() => param(page, 'c')).toBe(XIHU)
      await expect(row.getAttribute('aria-selected')).resolves.toBe('true')
      // The panel scrolls back up to the county's figures.
      await page.locator('#county-name').waitFor()
      await expect
        .poll(async () => (await page.locator('#county-name').boundingBox())!.y)
        .toBeLessThan(DESKTOP.height / 2)
      expect(
        JSON.stringify(
          await page.evaluate(() =>
            (window as unknown as W).__waystationMap.getFilter('planner-selected'),
          ),
        ),
      ).toContain(XIHU)
      // The camera moves onto the county (its label point lies inside it).
      const labels = await suite.api<{
        features: { properties: { adcode: string; bbox: number[] } }[]
      }>('/api/basemap/labels.geojson')
      const bbox = labels.features.find((f) => f.properties.adcode === XIHU)!.properties.bbox
      await expect
        .poll(() => page.evaluate(() => (window as unknown as W).__waystationMap.getZoom()), {
          timeout: 5000,
        })
        .toBeGreaterThan(9.5)
      const c = await page.evaluate(() => (window as unknown as W).__waystationMap.getCenter())
      expect(c.lng).toBeGreaterThan(bbox[0]! - 0.05)
      expect(c.lng).toBeLessThan(bbox[2]! + 0.05)

      const [gaps, sites, report] = await Promise.all([
        suite.api<{ features: { properties: { areaKm2: number } }[] }>(
          `/api/coverage/${XIHU}/gaps?radius=1000&layer=stations`,
        ),
        suite.api<{
          features: { properties: { rank: number; addedCoverageKm2: number; coveredPct: number } }[]
        }>(`/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=5`),
        suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations'),
      ])
      const detail = page.locator('.county-detail')
      await detail.locator('[data-gaps]').waitFor()
      expect(Number(await detail.locator('[data-gaps]').getAttribute('data-gaps'))).toBe(
        gaps.features.length,
      )
      const gapKm2 = gaps.features.reduce((s, f) => s + f.properties.areaKm2, 0)
      const gapText = (await detail.locator('[data-gaps]').textContent())!
      expect(
        Math.abs(Number(gapText.match(/([\d,.]+) km²/)![1]!.replace(/,/g, '')) - gapKm2),
      ).toBeLessThanOrEqual(0.05)
      const xihu = report.counties.find((r) => r.adcode === XIHU)!
      expect(
        Math.abs(
          num(await detail.locator('[data-figure="coveredPct"]').textContent())! - xihu.coveredPct,
        ),
      ).toBeLessThanOrEqual(0.05)
      await expect(
        detail.locator('[data-figure="populationCoveredPct"]').textContent(),
      ).resolves.toBe('—')

      await detail.locator('table.suggestions tbody tr').first().waitFor()
      const shown = await detail.locator('table.suggestions tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          rank: Number(tr.getAttribute('data-rank')),
          added: tr.querySelector('[data-col="addedCoverageKm2"]')!.textContent!,
          pct: tr.querySelector('[data-col="coveredPct"]')!.textContent!,
        })),
      )
      expect(shown.map((s) => s.rank)).toEqual(sites.features.map((f) => f.properties.rank))
      expect(sites.features.length).toBe(5)
      sites.features.forEach((f, i) => {
        expect(Math.abs(num(shown[i]!.added)! - f.properties.addedCoverageKm2)).toBeLessThanOrEqual(
          0.005,
        )
        expect(Math.abs(num(shown[i]!.pct)! - f.properties.coveredPct)).toBeLessThanOrEqual(0.05)
      })
      // Drawn on the map: numbered sites, gaps and stations with their circles.
      await expect.poll(() => renderedCount(page, 'planner-suggestions')).toBeGreaterThan(0)
      await expect.poll(() => renderedCount(page, 'planner-gaps-fill')).toBeGreaterThan(0)
      await expect.poll(() => renderedCount(page, 'planner-circles-stations')).toBeGreaterThan(0)
      await page.waitForTimeout(400)
      await shot(page, 'planner-desktop-2-county')

      await detail.getByRole('button', { name: '返回全省' }).click()
      await expect.poll(() => param(page, 'c')).toBeNull()
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('radius, custom radius and layer change the figures to the API’s; exports carry them', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const before = await tableRows(page)
      await page.getByRole('button', { name: /电动车15分钟/ }).click()
      await expect.poll(() => param(page, 'r')).toBe('3000')
      await settled(page)
      const r3000 = await suite.api<CoverageReport>('/api/coverage?radius=3000&layer=stations')
      const after = await tableRows(page)
      expectSameFigures(after, r3000)
      expect(after[0]!.coveredPct).not.toBe(before[0]!.coveredPct)

      await page.getByRole('button', { name: '自定义' }).click()
      const input = page.getByLabel('自定义半径（米）')
      await input.fill('150')
      await page.getByRole('alert').filter({ hasText: '200' }).waitFor()
      await input.fill('1500')
      await input.press('Enter')
      await expect.poll(() => param(page, 'r')).toBe('1500')
      await settled(page)
      expectSameFigures(
        await tableRows(page),
        await suite.api<CoverageReport>('/api/coverage?radius=1500&layer=stations'),
      )

      await page.getByRole('button', { name: '爱心托班' }).click()
      await expect.poll(() => param(page, 'layer')).toBe('classes')
      await settled(page)
      const classes = await suite.api<CoverageReport>('/api/coverage?radius=1500&layer=classes')
      expectSameFigures(await tableRows(page), classes)

      // The method note names what this layer counts: classes, not stations.
      const method = (await page.locator('.planner-method').textContent())!
      expect(method).toContain('至少一个爱心托班')
      expect(method).not.toContain('站点')
      const exportUrl = async (format: string) =>
        new URL(
          (await page.locator(`a[data-export="${format}"]`).getAttribute('href'))!,
          suite.server.baseUrl,
        )
      const csv = await exportUrl('csv')
      expect(csv.pathname).toBe('/api/coverage.csv')
      expect(Object.fromEntries(csv.searchParams)).toEqual({
        radius: '1500',
        layer: 'classes',
        lang: 'zh-CN',
      })
      const geojson = await exportUrl('geojson')
      expect(geojson.pathname).toBe('/api/coverage.geojson')
      expect(Object.fromEntries(geojson.searchParams)).toEqual({ radius: '1500', layer: 'classes' })
      const res = await fetch(geojson)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('application/geo+json')
      expect(((await res.json()) as { features: unknown[] }).features).toHaveLength(89)
      // Metric chooser: the legend and chart follow it.
      await page.getByLabel('指标').selectOption('uncoveredKm2')
      await expect.poll(() => param(page, 'm')).toBe('uncoveredKm2')
      await page.locator('.legend-title').filter({ hasText: '未覆盖面积' }).waitFor()
      await page.locator('.chart-title').filter({ hasText: '未覆盖面积' }).waitFor()
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('“least covered first” is one click; a legend class narrows the table to its counties', async () => {
      const report = await suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations')
      for (const [viewport, name] of [
        [DESKTOP, 'desktop'],
        [PHONE, 'phone'],
      ] as const) {
        const ctx = await newContext(viewport)
        const page = await open(ctx)
        const worst = page.getByRole('button', { name: '覆盖最差优先' })
        await expect(worst.getAttribute('aria-pressed')).resolves.toBe('false')
        await worst.click()
        await expect.poll(() => param(page, 'sort')).toBe('coveredPct')
        expect(param(page, 'group')).toBe('0')
        await expect(worst.getAttribute('aria-pressed')).resolves.toBe('true')
        const ranking = [...report.counties]
          .sort((a, b) => a.coveredPct - b.coveredPct || a.adcode.localeCompare(b.adcode))
          .map((r) => r.adcode)
        expect((await tableRows(page)).slice(1).map((r) => r.adcode)).toEqual(ranking)
        const showTools = () => inView(page, '.table-tools')
        await showTools()
        await shot(page, `planner-${name}-5-worst-first`)

        // The lowest class of the legend: exactly the counties the map draws in its colour.
        const scale = colorScale(
          report.counties.map((r) => r.coveredPct),
          1,
        )
        const inLowest = report.counties.filter(
          (r) => scale.colorOf(r.coveredPct) === scale.classes[0]!.color,
        )
        const lowest = page.locator('.legend button[data-class="0"]')
        await lowest.click()
        await expect.poll(() => param(page, 'cls')).toBe('0')
        await expect(lowest.getAttribute('aria-pressed')).resolves.toBe('true')
        const listed = (await tableRows(page)).filter((r) => r.kind === 'county')
        expect(listed.map((r) => r.adcode)).toEqual(
          ranking.filter((a) => inLowest.some((r) => r.adcode === a)),
        )
        expect(listed).toHaveLength(scale.classes[0]!.count)
        await page
          .getByRole('status')
          .filter({ hasText: `只列出` })
          .filter({ hasText: `${listed.length} 个区县` })
          .waitFor()
        // The map fades the other classes' counties.
        const fill = JSON.stringify(
          await page.evaluate(() =>
            (window as unknown as W).__waystationMap.getPaintProperty(
              'planner-choropleth',
              'fill-color',
            ),
          ),
        )
        expect(fill.split(FILTERED_OUT_COLOR).length - 1).toBe(89 - listed.length)
        await showTools()
        await shot(page, `planner-${name}-6-legend-filter`)
        // Keyboard: the class is a toggle button; Space on it again lists every county.
        await lowest.focus()
        await page.keyboard.press('Space')
        await expect.poll(() => param(page, 'cls')).toBeNull()
        expect(await page.locator('tr[data-kind="county"]').count()).toBe(89)
        // Another class, cleared with the table's own "show all".
        await page.locator('.legend button[data-class="2"]').press('Enter')
        await expect.poll(() => param(page, 'cls')).toBe('2')
        await page.getByRole('button', { name: '显示全部' }).click()
        await expect.poll(() => param(page, 'cls')).toBeNull()
        expect(await page.locator('tr[data-kind="county"]').count()).toBe(89)
        await ctx.close()
      }
    })

    test('Back closes the county and returns to the overview, keeping settings changed since', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      await page.locator(`tr[data-adcode="${XIHU}"] button`).click()
      await expect.poll(() => param(page, 'c')).toBe(XIHU)
      await page.locator('.county-detail').waitFor()
      // Moving to another county replaces the entry: one Back still reaches the overview.
      await page.locator('tr[data-adcode="330102"] button').click()
      await expect.poll(() => param(page, 'c')).toBe('330102')
      await page.getByRole('button', { name: /电动车15分钟/ }).click()
      await expect.poll(() => param(page, 'r')).toBe('3000')
      await page.goBack()
      await expect.poll(() => param(page, 'c')).toBeNull()
      expect(new URL(page.url()).pathname).toBe('/planner')
      // The entry Back landed on is rewritten with the radius chosen since.
      await expect.poll(() => param(page, 'r')).toBe('3000')
      await page.locator('.province-summary').waitFor()
      expect(await page.locator('.county-detail').count()).toBe(0)
      await expect
        .poll(() => page.evaluate(() => (window as unknown as W).__waystationMap.getZoom()))
        .toBeLessThan(8)
      // The page's own back button steps back too, so no entry is left that would reopen it.
      await page.goForward()
      await expect.poll(() => param(page, 'c')).toBe('330102')
      await page.getByRole('button', { name: '返回全省' }).click()
      await expect.poll(() => param(page, 'c')).toBeNull()
      await page.goBack()
      await expect.poll(() => page.url()).toBe('about:blank')
      await ctx.close()
    })

    test('while figures compute: elapsed time, a retry after Retry-After, and the old figures labelled as the old radius', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      await page
        .locator('.figures-for')
        .filter({ hasText: '服务半径 1,000 米 · 驿站 · 任何时间' })
        .waitFor()
      let calls = 0
      await ctx.route('**/api/coverage?radius=3000*', async (route) => {
        calls++
        if (calls === 1)
          return route.fulfill({
            status: 503,
            headers: { 'retry-after': '1' },
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Busy',
              status: 503,
              detail: 'queue full',
            }),
          })
        await new Promise((r) => setTimeout(r, 2500))
        return route.fallback()
      })
      await page.getByRole('button', { name: /电动车15分钟/ }).click()
      await expect.poll(() => param(page, 'r')).toBe('3000')
      const pending = page
        .locator('.planner-panel [role="status"]')
        .filter({ hasText: '正在计算 3,000 米' })
      await pending.filter({ hasText: '服务器正忙' }).waitFor()
      await pending.filter({ hasText: /已用 \d+ 秒/ }).waitFor({ timeout: 5000 })
      // The figures still on screen are the 1,000 m ones, dimmed and labelled so.
      expect(await page.locator('.figures-for').textContent()).toContain('服务半径 1,000 米')
      expect(await page.locator('.planner-panel').getAttribute('aria-busy')).toBe('true')
      await expect(page.locator('.planner-panel .stale table.county-table').count()).resolves.toBe(
        1,
      )
      await shot(page, 'planner-desktop-7-computing')
      await settled(page)
      expect(calls).toBe(2)
      await page.locator('.figures-for').filter({ hasText: '服务半径 3,000 米' }).waitFor()
      expectSameFigures(
        await tableRows(page),
        await suite.api<CoverageReport>('/api/coverage?radius=3000&layer=stations'),
      )
      expect(await page.getByText('约 15 秒').count()).toBe(0)
      await ctx.close()
    })

    // Needs the cov-runtime branch: `at` on the coverage routes.
    test('coverage at 02:00 on weekdays: table, county, exports and print follow the time, and say so', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const coverageRequests: string[] = []
      page.on('request', (r) => {
        if (r.url().includes('/api/coverage')) coverageRequests.push(r.url())
      })
      await page.getByRole('button', { name: '工作日' }).click()
      await expect.poll(() => param(page, 'at')).toBe('weekday-02:00')
      await settled(page)
      await page
        .locator('.figures-for')
        .filter({ hasText: '工作日 02:00' })
        .filter({ hasText: '只计入工作日 02:00 开放的站点' })
        .waitFor()
      const [night, anyTime] = await Promise.all([
        suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations&at=weekday-02:00'),
        suite.api<CoverageReport>('/api/coverage?radius=1000&layer=stations'),
      ])
      expectSameFigures(await tableRows(page), night)
      // Fewer stations are open at night than at some time of day.
      expect(night.province.count).toBeLessThan(anyTime.province.count)
      expect(night.province.coveredPct).toBeLessThan(anyTime.province.coveredPct)
      for (const format of ['csv', 'geojson']) {
        const href = (await page.locator(`a[data-export="${format}"]`).getAttribute('href'))!
        expect(new URL(href, suite.server.baseUrl).searchParams.get('at')).toBe('weekday-02:00')
        const res = await fetch(new URL(href, suite.server.baseUrl))
        expect(res.status).toBe(200)
      }
      // Another hour, then the county: its gaps and sites are computed for that time too.
      await page.getByLabel('时刻').selectOption('22:00')
      await expect.poll(() => param(page, 'at')).toBe('weekday-22:00')
      await settled(page)
      await page.locator(`tr[data-adcode="${XIHU}"] button`).click()
      await page.locator('.county-detail table.suggestions').waitFor({ timeout: 30_000 })
      const atOf = (part: string) =>
        coverageRequests
          .filter((u) => u.includes(part))
          .map((u) => new URL(u).searchParams.get('at'))
      expect(atOf('/gaps')).toEqual(['weekday-22:00'])
      expect(atOf('/suggestions')).toEqual(['weekday-22:00'])
      await page.getByLabel('时刻').selectOption('02:00')
      await settled(page)
      await page.locator('.county-detail table.suggestions').waitFor({ timeout: 30_000 })
      await page.waitForTimeout(400)
      await shot(page, 'planner-desktop-8-night')
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.print-report').textContent()).toContain('工作日 02:00')
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize(PHONE)
      await inView(page, '.figures-for')
      await shot(page, 'planner-phone-8-night')
      // Any time again: no `at` anywhere.
      await page.getByRole('button', { name: '任何时间' }).click()
      await expect.poll(() => param(page, 'at')).toBeNull()
      expect(blocked).toEqual([])
      await ctx.close()
    })

    // Needs the cov-runtime branch: `lang` on /api/coverage.csv.
    test('the CSV export’s header row is in the page’s language', async () => {
      const ctx = await newContext()
      const page = await open(ctx)
      const header = async () => {
        const href = (await page.locator('a[data-export="csv"]').getAttribute('href'))!
        const res = await fetch(new URL(href, suite.server.baseUrl))
        expect(res.status).toBe(200)
        return (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!
      }
      const zh = await header()
      expect(zh).toMatch(/[\u4e00-\u9fff]/)
      expect(zh).not.toContain('covered_pct')
      await page.getByRole('button', { name: 'English' }).click()
      await expect.poll(() => param(page, 'lang')).toBe('en')
      const english = await header()
      expect(english).toContain('covered_pct')
      expect(english).not.toMatch(/[\u4e00-\u9fff]/)
      expect(zh.split(',')).toHaveLength(english.split(',').length)
      await ctx.close()
    })

    // Needs the cov-model and cov-runtime branches: `nearestStation` on each suggested site.
    test('suggested sites say where they are: nearest station, distance and direction, with map links', async () => {
      const sites = await suite.api<{
        features: {
          geometry: { coordinates: [number, number] }
          properties: { rank: number; nearestStation: NearestStation | null }
        }[]
      }>(`/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=5`)
      for (const [viewport, name] of [
        [DESKTOP, 'desktop'],
        [PHONE, 'phone'],
      ] as const) {
        const ctx = await newContext(viewport)
        const page = await open(ctx, `?c=${XIHU}`)
        const rows = page.locator('.county-detail table.suggestions tbody tr')
        await rows.first().waitFor({ timeout: 30_000 })
        expect(await rows.count()).toBe(sites.features.length)
        for (const [i, f] of sites.features.entries()) {
          expect(f.properties).toHaveProperty('nearestStation')
          const row = rows.nth(i)
          expect(await row.locator('[data-col="nearest"]').textContent()).toBe(
            sitePlace(f.properties.nearestStation, 'stations', zhCN),
          )
          // Amap's link opens at the site (GCJ-02 in the link, back to WGS-84 within 0.2 m).
          const amap = new URL((await row.locator('a[data-app="amap"]').getAttribute('href'))!)
          const [gLon, gLat] = amap.searchParams.get('position')!.split(',').map(Number)
          expect(distanceM(gcj02ToWgs84([gLon!, gLat!]), f.geometry.coordinates)).toBeLessThan(0.2)
          expect(await row.locator('.site-links a').count()).toBe(4)
        }
        const named = sites.features.find((f) => f.properties.nearestStation)
        expect(named, 'at least one site has a station near it').toBeDefined()
        await inView(page, '.county-detail table.suggestions')
        await page.waitForTimeout(400)
        await shot(page, `planner-${name}-9-sites`)
        await page.getByRole('button', { name: 'English' }).click()
        await page.getByRole('heading', { name: 'Suggested new sites' }).waitFor()
        expect(await rows.first().locator('[data-col="nearest"]').textContent()).toBe(
          sitePlace(sites.features[0]!.properties.nearestStation, 'stations', en),
        )
        await shot(page, `planner-${name}-10-sites-english`)
        await ctx.close()
      }
    })

    test('the language toggle switches to English and back, keeping the state', async () => {
      const ctx = await newContext()
      const page = await open(ctx, `?c=${XIHU}`)
      await page.getByRole('button', { name: 'English' }).click()
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
      expect(param(page, 'lang')).toBe('en')
      expect(param(page, 'c')).toBe(XIHU)
      await page.getByRole('button', { name: 'Back to province' }).waitFor()
      await page.getByRole('heading', { name: 'Suggested new sites' }).waitFor()
      await page.getByRole('link', { name: 'Find a station' }).waitFor()
      expect(await page.getByRole('link', { name: 'Find a station' }).getAttribute('href')).toBe(
        '/?lang=en',
      )
      await page.getByRole('button', { name: '中文' }).click()
      await expect.poll(() => param(page, 'lang')).toBeNull()
      await page.getByRole('button', { name: '返回全省' }).waitFor()
      await ctx.close()
    })

    test('print media shows a one-page county report: map snapshot, figures, sites, method, sample note, date', async () => {
      const ctx = await newContext()
      const page = await open(ctx, `?c=${XIHU}`)
      await page.locator('.county-detail table.suggestions').waitFor()
      // The snapshot follows the map once it has drawn the county.
      await expect
        .poll(() => page.locator('.print-map').getAttribute('src'), { timeout: 10_000 })
        .toMatch(/^data:image\/jpeg/)
      await page.emulateMedia({ media: 'print' })
      const report = page.locator('.print-report')
      await expect(report.isVisible()).resolves.toBe(true)
      await expect(page.locator('.planner-panel').isVisible()).resolves.toBe(false)
      const text = (await report.textContent())!
      expect(text).toContain('西湖区')
      expect(text).toContain('服务半径 1,000 米')
      expect(text).toContain('示例数据')
      expect(text).toContain('H3')
      expect(text).toMatch(/生成日期：\d{4}年\d{1,2}月\d{1,2}日/)
      expect(await report.locator('table.suggestions tbody tr').count()).toBe(5)
      const img = await report
        .locator('img.print-map')
        .evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }))
      expect(img.w).toBeGreaterThan(200)
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'planner-desktop-4-print.png'),
        fullPage: true,
      })
      // On A4 it is one page.
      const pdf = await page.pdf({ format: 'A4', printBackground: true })
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1)
      await ctx.close()
    })

    test('screenshots at 390×844: overview, county, English, print', async () => {
      const ctx = await newContext(PHONE)
      const page = await open(ctx)
      await page.locator('.chart-box svg').first().waitFor()
      await shot(page, 'planner-phone-1-overview')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(PHONE.width)
      await page.locator(`tr[data-adcode="${XIHU}"] button`).click()
      await page.locator('.county-detail table.suggestions').waitFor()
      await page.waitForTimeout(800)
      await shot(page, 'planner-phone-2-county')
      await page.locator('.county-detail').scrollIntoViewIfNeeded()
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { name: 'Suggested new sites' }).waitFor()
      await shot(page, 'planner-phone-3-english')
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'planner-phone-4-print.png'),
        fullPage: true,
      })
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize(DESKTOP)
      await page.waitForTimeout(500)
      await shot(page, 'planner-desktop-3-english')
      expect(blocked).toEqual([])
      await ctx.close()
    })

    test('the finder still works from /, and the top bar links the two pages', async () => {
      const ctx = await newContext(PHONE)
      const page = await ctx.newPage()
      await page.goto(`${suite.server.baseUrl}/?at=120.1551,30.2741`)
      await page.waitForFunction(
        () => performance.getEntriesByName('waystation:map-load').length > 0,
        null,
        { timeout: 15_000 },
      )
      await page.locator('ol.results > li').first().waitFor()
      await page.getByRole('link', { name: '覆盖规划' }).click()
      await page.waitForURL(/\/planner$/)
      await settled(page)
      await page.getByRole('link', { name: '找驿站' }).click()
      await page.waitForURL(/\/$/)
      await page.locator('ol.results, .empty').first().waitFor()
      expect(blocked).toEqual([])
      await ctx.close()
    })
  },
)
