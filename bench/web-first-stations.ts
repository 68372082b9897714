import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { percentile, report, round, type Row } from './bench-report.ts'
import { ROOT, seededDataDir, start } from './server-process.ts'
import { measureWebSizeApart } from './web-size.ts'

/**
 * Time to the first stations drawn on the finder in headless Chromium, at the shipped 6,000
 * stations and at 150,000: from navigation start to the first frame whose station layers
 * (clusters or markers, from the vector tiles) have rendered features. Reference: MapLibre's
 * 'load' in the same page (style and basemap ready, before any station tile). Each load is a
 * fresh browser context (nothing cached), at 390×844 over Hangzhou's default view. Beside them,
 * the finder's first-load JavaScript gzip (bench/web-size.ts), maplibre-gl's chunk apart.
 *   BENCH_LOADS (5) per size, BENCH_SIZES (6000,150000).
 */

const LOADS = Number(process.env.BENCH_LOADS ?? 5)
const SIZES = (process.env.BENCH_SIZES ?? '6000,150000').split(',').map(Number)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// The production build, as served.
const built = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'],
  {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
  },
)
if (built.status !== 0) throw new Error('vite build failed')

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
})
const rows: Row[] = []
try {
  for (const stations of SIZES) {
    const { dataDir } = await seededDataDir(stations)
    const api = await start('server/main.ts', { WAYSTATION_DATA_DIR: dataDir }, [
      '/api/health',
      '/api/tiles/stations/8/213/105.mvt',
    ])
    const firstStations: number[] = []
    const mapLoad: number[] = []
    try {
      for (let i = 0; i < LOADS; i++) {
        const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } })
        const page = await ctx.newPage()
        await page.goto(api.base)
        const times = await page.waitForFunction(
          () => {
            const m = (
              window as unknown as {
                __waystationMap?: {
                  getLayer(id: string): unknown
                  queryRenderedFeatures(o: { layers: string[] }): unknown[]
                }
              }
            ).__waystationMap
            if (!m?.getLayer('station-points')) return null
            const layers = ['station-clusters', 'station-points']
            if (m.queryRenderedFeatures({ layers }).length === 0) return null
            const load = performance.getEntriesByName('waystation:map-load')[0]!.startTime
            return { drawn: performance.now(), load }
          },
          null,
          { timeout: 120_000, polling: 'raf' },
        )
        const { drawn, load } = (await times.jsonValue())!
        firstStations.push(drawn)
        mapLoad.push(load)
        await ctx.close()
      }
    } finally {
      await api.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    const med = (xs: number[]) =>
      round(
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        ),
        0,
      )
    rows.push({
      stations,
      loads: LOADS,
      'first stations drawn, median ms': med(firstStations),
      'first stations drawn, max ms': round(Math.max(...firstStations), 0),
      'reference: map load, median ms': med(mapLoad),
    })
  }
} finally {
  await browser.close()
}
const size = measureWebSizeApart()
report('web-first-stations', rows, {
  finderFirstLoadJsGzipBytes: { beyondMaplibre: size.firstLoadBytes, maplibre: size.maplibreBytes },
  viewport: '390×844',
  cpus: os.cpus().length,
  loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
})
