import { describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { browserSuite, shot } from './harness.ts'

// How the app crosses the wire (server/web-static.ts, server/http/), measured in Chromium over
// the DevTools protocol: encodings, caching across visits, and the Content-Security-Policy.

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const HANGZHOU = '?at=120.1551,30.2741'

interface Fetch {
  url: string
  status: number
  encoding: string | undefined
  fromCache: boolean
  /** On the wire, headers included. */
  bytes: number
  /** The body as sent (Content-Length), when the server said. */
  bodyBytes: number
}

/** Every response of the page as the network saw it, with its bytes on the wire. */
async function recordNetwork(ctx: BrowserContext, page: Page) {
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Network.enable')
  const byId = new Map<string, Fetch>()
  const wireStatus = new Map<string, number>()
  cdp.on('Network.responseReceived', (e) => {
    byId.set(e.requestId, {
      url: new URL(e.response.url).pathname,
      status: e.response.status,
      encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'],
      fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache),
      bytes: 0,
      bodyBytes: Number(
        e.response.headers['content-length'] ?? e.response.headers['Content-Length'] ?? NaN,
      ),
    })
  })
  // The status as it came off the wire: a revalidated page is reported as its cached 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => wireStatus.set(e.requestId, e.statusCode))
  cdp.on('Network.requestServedFromCache', (e) => {
    const f = byId.get(e.requestId)
    if (f) f.fromCache = true
  })
  cdp.on('Network.loadingFinished', (e) => {
    const f = byId.get(e.requestId)
    if (f) f.bytes = e.encodedDataLength
  })
  return {
    /** The responses so far, and forget them. */
    take(): Fetch[] {
      const all = [...byId].map(([id, f]) => ({ ...f, status: wireStatus.get(id) ?? f.status }))
      byId.clear()
      wireStatus.clear()
      return all
    },
  }
}

/** The finder with its map loaded and the network quiet (the lazy chunks fetched). */
async function openFinder(page: Page, url: string) {
  await page.goto(url)
  await page.waitForFunction(
    () => performance.getEntriesByName('waystation:map-load').length > 0,
    null,
    { timeout: SLOW },
  )
  // The card and childcare chunks are fetched once the map has loaded (preloadPanels), maybe
  // after the network was first idle, and then waitForLoadState('networkidle') would not wait.
  await page.waitForFunction(
    () =>
      ['station-card', 'childcare-panel'].every((chunk) =>
        performance
          .getEntriesByType('resource')
          .some((e) => new URL(e.name).pathname.startsWith(`/assets/${chunk}-`)),
      ),
    null,
    { timeout: SLOW },
  )
  await page.waitForLoadState('networkidle', { timeout: SLOW })
}

const kB = (n: number) => Math.round(n / 1024)

// Page loads take seconds on a 2-core machine shared with other suites.
const SLOW = 60_000

/** CSP violations a page reports, as events and as console errors. */
async function watchCsp(ctx: BrowserContext) {
  await ctx.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __csp: string[] }).__csp = seen
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    )
  })
  const consoleErrors: string[] = []
  ctx.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text())
  })
  return async (page: Page) => [
    ...consoleErrors,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ]
}

describe('delivery in the browser', () => {
  const suite = browserSuite()

  test('a second visit fetches no asset again: only index.html is revalidated, with a 304', async () => {
    const ctx = await suite.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const page = await ctx.newPage()
    const network = await recordNetwork(ctx, page)
    const url = `${suite.server.baseUrl}/${HANGZHOU}`

    await openFinder(page, url)
    const first = network.take()
    const assets1 = first.filter((f) => f.url.startsWith('/assets/'))
    expect(assets1.length).toBeGreaterThanOrEqual(3)
    for (const f of assets1) {
      expect(f.status, f.url).toBe(200)
      // Only files under 1 kB have no compressed variant (tools/vite-precompress.ts); the
      // headers alone (CSP and the rest) are near 1 kB, so judge by the body.
      if (f.encoding !== 'br') expect(f.bodyBytes, f.url).toBeLessThan(1024)
    }
    expect(first.find((f) => f.url === '/')?.status).toBe(200)
    // The nearby list a worker opens the finder for, made per request: gzipped all the same.
    const nearby = first.find((f) => f.url === '/api/stations/nearby')
    expect(nearby?.status).toBe(200)
    expect(nearby?.encoding).toBe('gzip')

    // A later visit in a new tab, as a worker opening the app again.
    const again = await ctx.newPage()
    const network2 = await recordNetwork(ctx, again)
    await openFinder(again, url)
    const second = network2.take()
    expect(second.find((f) => f.url === '/')?.status).toBe(304)
    const assets2 = second.filter((f) => f.url.startsWith('/assets/'))
    expect(assets2.map((f) => f.url).sort()).toEqual(assets1.map((f) => f.url).sort())
    for (const f of assets2) {
      expect(f.fromCache, f.url).toBe(true)
      expect(f.bytes, f.url).toBe(0)
    }

    const sum = (fs: Fetch[]) => fs.reduce((n, f) => n + f.bytes, 0)
    const figures = {
      firstAssetsKB: kB(sum(assets1)),
      firstTotalKB: kB(sum(first)),
      secondAssetsKB: kB(sum(assets2)),
      secondTotalKB: kB(sum(second)),
      secondIndexBytes: second.find((f) => f.url === '/')!.bytes,
    }
    console.log('bytes on the wire, / at 390×844:', JSON.stringify(figures))
    for (const f of first.sort((a, b) => b.bytes - a.bytes).slice(0, 8))
      console.log(
        `  first visit ${f.url} ${f.status} ${f.encoding ?? 'identity'} ${kB(f.bytes)} kB`,
      )
    // Brotli brings the finder's JavaScript from 1.45 MB + 0.72 MB to about 0.43 MB.
    expect(figures.firstAssetsKB).toBeLessThan(600)
    expect(figures.secondAssetsKB).toBe(0)
    await ctx.close()
  }, 180_000)

  test('no page breaks the Content-Security-Policy: finder with a card, planner with a county, API docs', async () => {
    const ctx = await suite.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const violations = await watchCsp(ctx)

    const finder = await ctx.newPage()
    await openFinder(finder, `${suite.server.baseUrl}/${HANGZHOU}`)
    await finder.locator('ol.results > li button').first().click()
    await finder.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
    await finder.waitForLoadState('networkidle')
    await shot(finder, 'delivery-csp-finder-phone')
    expect(await violations(finder)).toEqual([])

    const planner = await ctx.newPage()
    await planner.setViewportSize(DESKTOP)
    await planner.goto(`${suite.server.baseUrl}/planner`)
    await planner
      .locator('.planner-panel[aria-busy="false"] table.county-table')
      .waitFor({ timeout: 30_000 })
    await planner
      .locator('tr[data-kind="county"][data-adcode="330106"]')
      .getByRole('button')
      .click()
    await planner.locator('.county-detail').waitFor()
    await planner.waitForLoadState('networkidle')
    await shot(planner, 'delivery-csp-planner-desktop')
    expect(await violations(planner)).toEqual([])

    const docs = await ctx.newPage()
    await docs.setViewportSize(DESKTOP)
    await docs.goto(`${suite.server.baseUrl}/api/docs`)
    await docs.locator('.swagger-ui .info .title').waitFor()
    await docs.locator('.opblock').first().click()
    await docs.locator('.opblock-body').first().waitFor()
    await docs.waitForLoadState('networkidle')
    await shot(docs, 'delivery-csp-docs-desktop')
    expect(await docs.locator('.opblock').count()).toBeGreaterThanOrEqual(10)
    expect(await violations(docs)).toEqual([])
    await ctx.close()
  }, 180_000)

  test('an unknown path shows the app’s not-found page, with status 404', async () => {
    const ctx = await suite.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })
    const page = await ctx.newPage()
    const res = await page.goto(`${suite.server.baseUrl}/wp-admin`)
    expect(res?.status()).toBe(404)
    await page.getByRole('heading', { name: '找不到此页面' }).waitFor()
    await shot(page, 'delivery-not-found-phone')
    await page.getByRole('link', { name: '返回驿站地图' }).click()
    await page.waitForFunction(() => performance.getEntriesByName('waystation:map-load').length > 0)
    expect(new URL(page.url()).pathname).toBe('/')
    await ctx.close()
  }, 180_000)
})
