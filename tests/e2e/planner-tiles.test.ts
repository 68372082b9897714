import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { browserSuite, CHROMIUM, shot } from './harness.ts'

// The planner draws a county's stations and their service circles from the vector tiles, as the
// finder does: no page of the station list, never the whole layer.

const suite = browserSuite()
const XIHU = '330106'

type MapHandle = {
  getZoom(): number
  queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[]
}
type Page = { features: { id: string; properties: { status: string } }[]; nextCursor: null }

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'the planner draws sites from tiles',
  { timeout: 120_000 },
  () => {
    test('a county shows every active station it holds with its circle, and no station page is asked for', async () => {
      const ctx = await suite.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
      const page = await ctx.newPage()
      const asked: string[] = []
      page.on('request', (r) => asked.push(new URL(r.url()).pathname + new URL(r.url()).search))
      await page.goto(`${suite.server.baseUrl}/planner?c=${XIHU}`)
      const drawn = (layer: string) =>
        page.evaluate((l) => {
          const m = (window as unknown as { __waystationMap?: MapHandle }).__waystationMap
          if (!m) return []
          return [
            ...new Set(
              m.queryRenderedFeatures({ layers: [l] }).map((f) => String(f.properties.id)),
            ),
          ]
        }, layer)
      const stored = await suite.api<Page>(`/api/stations?adcode=${XIHU}&limit=1000`)
      const active = stored.features
        .filter((f) => f.properties.status === 'active')
        .map((f) => f.id)
      expect(active.length).toBeGreaterThan(10)
      // Stations across the border are drawn too (they cover the county's land): a superset.
      await expect
        .poll(
          async () => {
            const points = new Set(await drawn('planner-points-stations'))
            return active.filter((id) => !points.has(id)).length
          },
          { timeout: 60_000 },
        )
        .toBe(0)
      expect((await drawn('planner-circles-stations')).length).toBeGreaterThan(0)
      await shot(page, 'planner-desktop-tile-sites')
      // The map is drawn from tiles alone, and the scenario editor asks for a station by id
      // when one is tapped: no list of stations, not even the county's.
      expect(
        asked.filter((u) => u.startsWith('/api/stations?') || u.startsWith('/api/stations/nearby')),
      ).toEqual([])
      const tiles = asked.filter((u) => u.startsWith('/api/tiles/stations/'))
      expect(tiles.length).toBeGreaterThan(0)
      for (const u of tiles) {
        expect(u).toContain('cluster=false')
        expect(Number(u.split('/')[4])).toBeGreaterThanOrEqual(8)
      }
      await ctx.close()
    })
  },
)
