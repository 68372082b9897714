import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { distanceM } from '../../server/geo/geodesic.ts'
import { blockNonLocal, browserSuite, CHROMIUM, SCREENSHOTS } from './harness.ts'

// The county report printed on A4, as a planner's browser prints it: one page with a scenario
// (sites added, a station taken out, other hours) as without, in Chinese and in English, with
// the map and its legend of land gained and lost. Each PDF is kept beside the screenshots, and
// rendered to PNG where Debian's poppler-utils (pdftoppm) is installed, to be looked at.

const suite = browserSuite()
const XIHU = '330106'
const PDFTOPPM = '/usr/bin/pdftoppm'

type Features = {
  features: { properties: { id: string; status: string }; geometry: { coordinates: number[] } }[]
}

/** Pages in a PDF that Chromium wrote: its page objects, not the /Pages tree. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length

/** A scenario with every kind of change: three suggested sites, one station out, one on 24 h. */
async function fullScenario(): Promise<{ query: string; removed: string }> {
  const sites = await suite.api<Features>(
    `/api/coverage/${XIHU}/suggestions?radius=1000&layer=stations&count=3`,
  )
  const stations = await suite.api<Features>(`/api/stations?adcode=${XIHU}&limit=1000`)
  const active = stations.features.filter((f) => f.properties.status === 'active')
  // Two stations far apart, so the map shows both the land lost and the ring of other hours.
  const [a, b] = [active[0]!, active.at(-1)!]
  const at = (f: typeof a) => f.geometry.coordinates as [number, number]
  expect(distanceM(at(a), at(b))).toBeGreaterThan(1000)
  const s = sites.features.map((f) => f.geometry.coordinates.map((v) => v.toFixed(5)).join(','))
  const hours = `&h:${b.properties.id}=${encodeURIComponent('Mo-Su 05:00-23:00')}`
  return { query: `&s=${s.join(';')}&rm=${a.properties.id}${hours}`, removed: a.properties.id }
}

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'the printed county report in headless Chromium',
  { timeout: 300_000 },
  () => {
    test('is one A4 page with a scenario and without, in Chinese and in English, with the map and its legend', async () => {
      const scenario = await fullScenario()
      const blocked: string[] = []
      for (const lang of ['zh-CN', 'en'] as const) {
        const ctx = await suite.browser.newContext({
          viewport: { width: 1280, height: 800 },
          locale: lang,
        })
        await blockNonLocal(ctx, blocked)
        for (const withScenario of [false, true]) {
          const page = await ctx.newPage()
          const query = `?c=${XIHU}${lang === 'en' ? '&lang=en' : ''}${withScenario ? scenario.query : ''}`
          await page.goto(`${suite.server.baseUrl}/planner${query}`)
          await page.locator('.county-detail table.suggestions').waitFor({ timeout: 110_000 })
          if (withScenario) {
            await page.locator('.scenario table.scenario-figures').waitFor({ timeout: 60_000 })
            // The removed station's name, asked for by id, replaces its id in the lists.
            const removed = page.locator('.scenario-changes[data-kind="removed"] button').first()
            await expect.poll(() => removed.textContent()).not.toBe(scenario.removed)
          }
          await expect
            .poll(() => page.locator('.print-map').getAttribute('src'), { timeout: 60_000 })
            .toMatch(/^data:image\/jpeg/)
          // The snapshot is retaken whenever the map settles: let the scenario's layers draw.
          await page.waitForTimeout(1500)
          await page.emulateMedia({ media: 'print' })
          const report = page.locator('.print-report')
          const printed = report.locator('.print-scenario')
          expect(await printed.count()).toBe(withScenario ? 1 : 0)
          const legend = report.locator('.print-legend')
          expect(await legend.locator('[data-legend="gained"]').count()).toBe(withScenario ? 1 : 0)
          expect(await legend.locator('[data-legend="lost"]').count()).toBe(withScenario ? 1 : 0)
          if (withScenario) {
            // Now → scenario for each figure, and every change named.
            const row = printed.locator('[data-figure="coveredPct"]')
            expect(await row.locator('[data-col="now"]').textContent()).toMatch(/%$/)
            expect(await row.locator('[data-col="scenario"]').textContent()).toMatch(/%$/)
            const text = (await printed.textContent())!
            expect(text).toContain('Mo-Su 05:00-23:00')
            expect(text).toMatch(/3\. 120\.\d{4}, 30\.\d{4}/)
          }
          const name = `planner-print-${lang}-${withScenario ? 'scenario' : 'live'}`
          const pdf = await page.pdf({ format: 'A4', printBackground: true })
          fs.writeFileSync(path.join(SCREENSHOTS, `${name}.pdf`), pdf)
          expect(pageCount(pdf), name).toBe(1)
          if (fs.existsSync(PDFTOPPM)) {
            execFileSync(PDFTOPPM, ['-png', '-r', '60', '-singlefile', '-', name], {
              cwd: SCREENSHOTS,
              input: pdf,
            })
          }
          await page.close()
        }
        await ctx.close()
      }
      expect(blocked).toEqual([])
    })
  },
)
