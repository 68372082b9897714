import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { CHROMIUM, launchBrowser, SCREENSHOTS, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'
import { screenRelativeDeg } from '../../web/kiosk/relative-direction.ts'
import { finderStationUrl } from '../../web/kiosk/finder-link.ts'

// The kiosk (/kiosk) on the real server in headless Chromium, on a 1080×1920 portrait and a
// 1920×1080 landscape wall screen. Idle timeouts are reached by moving the page's clock
// forward (Playwright's fake timers, flowing naturally otherwise); refreshes run every 2 s.

const PORTRAIT = { width: 1080, height: 1920 }
const LANDSCAPE = { width: 1920, height: 1080 }
const PUBLIC_URL = 'https://stations.example.cn'
/** Long enough that real time never reaches it mid-test on a loaded machine. */
const IDLE_S = 120
/** Clock steps (ms): past the idle timeout, then on past the dimming (5 × idle in all). */
const PAST_IDLE = (IDLE_S + 5) * 1000
const ON_TO_DIM = IDLE_S * 4 * 1000
const ENV = {
  WAYSTATION_PUBLIC_URL: PUBLIC_URL,
  WAYSTATION_KIOSK_IDLE_S: String(IDLE_S),
  WAYSTATION_KIOSK_REFRESH_S: '2',
}

type Park = { id: string; properties: { name: string; facingDeg: number } }
type Nearby = {
  features: {
    id: string
    geometry: { coordinates: [number, number] }
    properties: { name: string; distanceM: number; bearingDeg: number }
  }[]
}

let server: RunningServer
let browser: Browser
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-kiosk-'))
const api = async <T>(url: string): Promise<T> => {
  const res = await fetch(`${server.baseUrl}${url}`)
  expect(res.status, url).toBe(200)
  return (await res.json()) as T
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([startServer({ env: ENV, dataDir }), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function openKiosk(
  viewport: { width: number; height: number },
  url: string,
): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  await ctx.clock.install()
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`))
  await page.goto(`${server.baseUrl}${url}`)
  return { ctx, page, errors }
}

/** The QR code on screen, decoded from a screenshot of it (as a phone's camera would). */
async function decodeQr(page: Page): Promise<string | null> {
  const png = await page.locator('.kiosk-qr').screenshot()
  const { width, height, data } = await page.evaluate(async (b64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const g = canvas.getContext('2d')!
    g.drawImage(img, 0, 0)
    const pixels = g.getImageData(0, 0, img.width, img.height)
    return { width: img.width, height: img.height, data: Array.from(pixels.data) }
  }, png.toString('base64'))
  return jsQR(new Uint8ClampedArray(data), width, height)?.data ?? null
}

describe.skipIf(!fs.existsSync(CHROMIUM))('kiosk', () => {
  for (const [shape, viewport, rows] of [
    ['portrait', PORTRAIT, 6],
    ['landscape', LANDSCAPE, 5],
  ] as const) {
    test(`${shape}: a park's kiosk lists the nearest stations with distance and a screen-relative arrow, and its QR code opens the station`, async () => {
      const park = (await api<{ features: Park[] }>('/api/parks?adcode=330106')).features[0]!
      const [lon, lat] = (
        await api<{ geometry: { coordinates: [number, number] } }>(`/api/parks/${park.id}`)
      ).geometry.coordinates
      const nearby = await api<Nearby>(
        `/api/stations/nearby?lat=${lat}&lon=${lon}&radius=10000&limit=8`,
      )
      const { ctx, page, errors } = await openKiosk(viewport, `/kiosk/${park.id}`)
      await page.locator('.kiosk-row').first().waitFor()
      await expect.poll(() => page.locator('.kiosk-row').count()).toBe(rows)
      await expect.poll(() => page.locator('.kiosk-marker').count()).toBe(rows)
      await expect(page.locator('h1').textContent()).resolves.toBe(park.properties.name)
      await expect(page.locator('.kiosk-updated').textContent()).resolves.toMatch(
        /^更新于 \d\d:\d\d$/,
      )

      // Nearest first, as the API ranks them; arrows turned by bearing − facing.
      const shown = await page.locator('.kiosk-row').evaluateAll((rowsEls) =>
        rowsEls.map((r) => ({
          id: (r as HTMLElement).dataset.id,
          text: r.textContent,
          rotation: Number(r.querySelector<HTMLElement>('.kiosk-direction')!.dataset.rotation),
        })),
      )
      shown.forEach((row, i) => {
        const f = nearby.features[i]!
        expect(row.id).toBe(f.id)
        expect(row.text).toContain(f.properties.name)
        expect(row.text).toMatch(/(\d+ 米|\d+(\.\d)? 公里)/)
        expect(row.text).toMatch(/步行 \d+ 分钟/)
        expect(row.rotation).toBe(
          Math.round(screenRelativeDeg(f.properties.bearingDeg, park.properties.facingDeg)),
        )
      })

      // Read from two metres, used with a finger, nothing below the fold.
      const layout = await page.evaluate(() => {
        const tappable = [...document.querySelectorAll('button, a')].filter(
          (el) => getComputedStyle(el).pointerEvents !== 'none',
        )
        const targets = tappable.map((el) => {
          const r = el.getBoundingClientRect()
          return { what: el.textContent || el.className, w: r.width, h: r.height }
        })
        const foot = document.querySelector('.kiosk-foot')!.getBoundingClientRect()
        return {
          bodyPx: parseFloat(getComputedStyle(document.querySelector('.kiosk-row')!).fontSize),
          // Sub-pixel layout may round 64 down a hair.
          small: targets.filter((t) => t.w > 0 && (t.w < 63.5 || t.h < 63.5)),
          scrolls: document.scrollingElement!.scrollHeight > window.innerHeight,
          footBottom: foot.bottom,
          inputs: document.querySelectorAll('input, textarea, select').length,
        }
      })
      expect(layout.bodyPx).toBeGreaterThanOrEqual(28)
      expect(layout.small).toEqual([])
      expect(layout.scrolls).toBe(false)
      expect(layout.footBottom).toBeLessThanOrEqual(viewport.height)
      expect(layout.inputs).toBe(0)
      await shot(page, `kiosk-${shape}`)

      // Tap the second station: its card, with a QR code of the finder's link to it.
      const second = nearby.features[1]!
      await page.locator('.kiosk-row').nth(1).click()
      await page.getByRole('heading', { level: 2, name: second.properties.name }).waitFor()
      await shot(page, `kiosk-${shape}-card`)
      const expectedUrl = finderStationUrl(
        PUBLIC_URL,
        { id: second.id, lon: second.geometry.coordinates[0], lat: second.geometry.coordinates[1] },
        [lon, lat],
        'zh-CN',
      )
      expect(await decodeQr(page)).toBe(expectedUrl)
      await expect(page.locator('.kiosk-local-hint').count()).resolves.toBe(0)

      // Left alone past the idle timeout, it returns home.
      await ctx.clock.fastForward(PAST_IDLE)
      await page.locator('.kiosk-row').first().waitFor()
      await expect(page.locator('.kiosk-card').count()).resolves.toBe(0)

      // The phone that scans it: the finder opens at that station's card.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 } })
      const phonePage = await phone.newPage()
      const scanned = new URL(expectedUrl)
      await phonePage.goto(`${server.baseUrl}/${scanned.search}`)
      await phonePage
        .getByRole('heading', { level: 2, name: second.properties.name })
        .waitFor({ timeout: 15_000 })
      await phone.close()
      expect(errors).toEqual([])
      await ctx.close()
    }, 150_000)
  }

  test('a place given by coordinates, in English, with its childcare classes; dims when idle', async () => {
    const { ctx, page, errors } = await openKiosk(
      PORTRAIT,
      `/kiosk?lat=30.2741&lon=120.1551&name=${encodeURIComponent('西湖测试点')}&facing=90`,
    )
    await page.locator('.kiosk-row').first().waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('You are here').waitFor()
    await page.getByRole('tab', { name: 'Childcare' }).click()
    await page
      .locator('.kiosk-row', { hasText: /\d+ min walk/ })
      .first()
      .waitFor()
    await shot(page, 'kiosk-portrait-classes-en')
    // Idle: back to the stations tab; much later, dimmed and drifted a few pixels.
    await ctx.clock.fastForward(PAST_IDLE)
    await page.getByRole('tab', { name: 'Stations', selected: true }).waitFor()
    await expect(page.locator('.kiosk-dim').count()).resolves.toBe(0)
    await ctx.clock.fastForward(ON_TO_DIM)
    await page.locator('.kiosk-dim').waitFor()
    await ctx.clock.fastForward(31_000)
    await expect
      .poll(() => page.locator('.kiosk').evaluate((el) => (el as HTMLElement).style.transform))
      .not.toBe('translate(0px, 0px)')
    await shot(page, 'kiosk-portrait-dim')
    await page.mouse.click(540, 1000)
    await page.locator('.kiosk-active').waitFor()
    expect(errors).toEqual([])
    await ctx.close()
  }, 120_000)

  test.each([
    ['/kiosk?lat=abc&lon=120', /“lat”/],
    ['/kiosk?lat=30&lon=120&facing=400', /“facing”/],
    ['/kiosk?lat=30&lon=120&zoom=3', /“zoom”/],
    ['/kiosk/pk-nonesuch', /pk-nonesuch/],
  ])(
    '%s shows a clear full-screen message',
    async (url, message) => {
      const { ctx, page, errors } = await openKiosk(LANDSCAPE, url)
      const alert = page.getByRole('alert')
      await alert.waitFor()
      await expect(alert.textContent()).resolves.toMatch(message)
      await expect(alert.textContent()).resolves.toContain('无法显示此位置')
      if (url.includes('nonesuch')) await shot(page, 'kiosk-landscape-bad-park')
      expect(errors).toEqual([])
      await ctx.close()
    },
    60_000,
  )

  test('200 taps and idle resets leave the JS heap where it was', async () => {
    const park = (await api<{ features: Park[] }>('/api/parks?adcode=330102')).features[0]!
    const { ctx, page, errors } = await openKiosk(LANDSCAPE, `/kiosk/${park.id}`)
    await page.locator('.kiosk-row').first().waitFor()
    const cdp = await ctx.newCDPSession(page)
    const heapBytes = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      return (await cdp.send('Runtime.getHeapUsage')).usedSize
    }
    const cycle = async (i: number) => {
      await page
        .locator('.kiosk-row')
        .nth(i % 5)
        .click()
      await page.locator('.kiosk-qr').waitFor()
      await ctx.clock.fastForward(PAST_IDLE)
      await page.locator('.kiosk-card').waitFor({ state: 'detached' })
    }
    for (let i = 0; i < 10; i++) await cycle(i) // warm-up: caches, lazy code, JIT
    const start = await heapBytes()
    for (let i = 0; i < 200; i++) await cycle(i)
    const end = await heapBytes()
    console.log(`kiosk heap: ${(start / 1e6).toFixed(2)} MB → ${(end / 1e6).toFixed(2)} MB`)
    // Keeping each cycle's card would add more: its QR path alone is some 30 kB of text, 6 MB
    // over 200 cycles. What remains is MapLibre's and V8's own caches settling (~1 MB measured).
    expect(end - start).toBeLessThan(2_500_000)
    expect(errors).toEqual([])
    await ctx.close()
  }, 300_000)

  // Last: it stops and restarts the suite's server.
  test('keeps its data when the server goes down, says so, and recovers by itself', async () => {
    const park = (await api<{ features: Park[] }>('/api/parks?adcode=330106')).features[0]!
    const { ctx, page, errors } = await openKiosk(PORTRAIT, `/kiosk/${park.id}`)
    await page.locator('.kiosk-row').first().waitFor()
    const rowsText = () => page.locator('.kiosk-row').allTextContents()
    const before = await rowsText()
    const updatedBefore = await page.locator('.kiosk-updated').textContent()
    const port = server.port
    await server.stop()
    await page.locator('.kiosk-offline').waitFor({ timeout: 30_000 })
    await expect(page.locator('.kiosk-offline').textContent()).resolves.toContain('网络中断')
    expect(await rowsText()).toEqual(before)
    await expect(page.locator('.kiosk-updated').textContent()).resolves.toBe(updatedBefore)
    await shot(page, 'kiosk-portrait-offline')
    // An hour passes while the server is away (the page's clock), then it comes back.
    await ctx.clock.fastForward(3_600_000)
    server = await startServer({ env: ENV, dataDir, port })
    await page.locator('.kiosk-offline').waitFor({ state: 'detached', timeout: 30_000 })
    await expect(page.locator('.kiosk-updated').textContent()).resolves.not.toBe(updatedBefore)
    expect(await rowsText()).toEqual(before)
    // Failed fetches while the server was down are expected; page errors are not.
    expect(errors).toEqual([])
    await ctx.close()
  }, 120_000)

  // After the one above has restarted the server; this one stops it for good.
  test("a reload with the server stopped renders from the service worker's cache and says it is offline", async () => {
    const park = (await api<{ features: Park[] }>('/api/parks?adcode=330106')).features[0]!
    const { ctx, page, errors } = await openKiosk(PORTRAIT, `/kiosk/${park.id}`)
    // The worker installs behind the first visit; a second visit runs entirely through it,
    // so the shell, the basemap and the data are all in its caches.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 60_000,
    })
    await page.reload()
    await page.locator('.kiosk-row').first().waitFor()
    // The basemap drawn: its style and county layers loaded (the page's clock is faked, and
    // with it the performance marks, so ask the map itself).
    const mapLoaded = () =>
      page.waitForFunction(() =>
        (
          window as unknown as { __waystationMap?: { loaded(): boolean } }
        ).__waystationMap?.loaded(),
      )
    await mapLoaded()
    const rowsText = () => page.locator('.kiosk-row').allTextContents()
    const before = await rowsText()
    expect(before.length).toBeGreaterThan(0)
    await expect(page.locator('.kiosk-offline').count()).resolves.toBe(0)

    await server.stop()
    await page.reload()
    await page.locator('.kiosk-row').first().waitFor()
    await mapLoaded()
    await expect(page.locator('.kiosk-offline').textContent()).resolves.toContain('网络中断')
    expect(await rowsText()).toEqual(before)
    await expect(page.locator('.kiosk-updated').textContent()).resolves.toMatch(/\d\d:\d\d/)
    await shot(page, 'kiosk-portrait-offline-reload')
    expect(errors).toEqual([])
    await ctx.close()
  }, 120_000)
})
