import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../e2e/harness.ts'
import { WALK_RADIUS_M } from '../../../server/domain/coverage.ts'
import { usePostgres } from './pg-cluster.ts'
import { pgUnavailable } from './pg-available.ts'

// `npm start` with DATABASE_URL: the real server seeds the shipped sample into PostgreSQL on
// first start and answers the map's and planner's requests exactly as the same data on SQLite.

/** The tile holding (lon, lat) at zoom z (Web Mercator, as the map asks). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ]
}

const [x10, y10] = tileOf(120.18, 30.22, 10)
const [x14, y14] = tileOf(120.18, 30.22, 14)
const REQUESTS = [
  '/api/stations/nearby?lon=120.18&lat=30.22&radius=3000&limit=50',
  '/api/stations/nearby?lon=120.18&lat=30.22&limit=20&amenities=drinking_water,microwave&kind=courier_station',
  '/api/stations/nearby?lon=121.5&lat=29.9&radius=20000&limit=10&openNow=true&at=2026-12-01T09:00:00%2B08:00&q=%E9%A9%BF%E7%AB%99',
  '/api/classes/nearby?lon=120.18&lat=30.22&radius=10000&limit=10&age=3',
  '/api/stations?limit=200',
  '/api/stations?adcode=330106&limit=500',
  '/api/classes/nearby?lon=120.3&lat=30.3&limit=30&hasSeats=true',
  '/api/counties',
  `/api/tiles/stations/10/${x10}/${y10}.mvt`,
  `/api/tiles/stations/14/${x14}/${y14}.mvt`,
  `/api/coverage?radius=${WALK_RADIUS_M}`,
]

describe.skipIf(pgUnavailable !== null)(
  `npm start with DATABASE_URL${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    const pg = usePostgres()
    let onPg: RunningServer
    let onSqlite: RunningServer
    beforeAll(async () => {
      const url = await pg.createDatabase()
      ;[onPg, onSqlite] = await Promise.all([
        startServer({ env: { DATABASE_URL: url } }),
        startServer(),
      ])
    }, 120_000)
    afterAll(async () => {
      await Promise.all([onPg?.stop(), onSqlite?.stop()])
    })

    it('seeds PostgreSQL on first start and says which engine serves', async () => {
      expect(onPg.output()).toMatch(/seeded postgres:\/\/.+ from data\//)
      const health = (await (await fetch(`${onPg.baseUrl}/api/health`)).json()) as {
        engine?: string
      }
      expect(JSON.stringify(health)).toContain('postgres')
    })

    it.each(REQUESTS)('answers %s as SQLite does', { timeout: 120_000 }, async (request) => {
      const [a, b] = await Promise.all(
        [onPg, onSqlite].map(async (s) => {
          const res = await fetch(`${s.baseUrl}${request}`)
          return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }
        }),
      )
      expect(a!.status).toBe(200)
      expect(b!.status).toBe(200)
      expect(a!.body.length).toBeGreaterThan(0)
      expect(a!.body.equals(b!.body), `${request}: bodies differ`).toBe(true)
    })
  },
)
