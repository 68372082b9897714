import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { readDataset } from '../../server/seed.ts'
import { nearbyBruteForce } from '../../server/geo/nearby-brute-force.ts'
import type { StationInput } from '../../server/domain/station.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { ROOT, startServer } from '../e2e/harness.ts'
import type { RunningServer } from '../e2e/harness.ts'

// The real server over the shipped data: SIGTERM in the middle of a burst must let every
// request it had accepted finish with a 2xx (it used to drop ~40 under load), exit 0, and a
// restart on the same file must serve the same data without reseeding.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-restart-'))
let server: RunningServer | undefined
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const BURST = 240
const CONCURRENCY = 16
const SIGNAL_AFTER = 40 // responses

type Outcome = { status: number } | { error: string }

/** One GET on a connection of its own, so a refused connection is told apart from a drop. */
const get = (url: string) =>
  new Promise<Outcome>((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }))
      })
      .on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }))
  })

/** GET and parse JSON on a connection of its own (a pooled one may belong to a stopped server). */
const getJson = <T>(url: string) =>
  new Promise<{ status: number; body: T }>((resolve, reject) =>
    http
      .get(url, { agent: false }, async (res) => {
        res.setEncoding('utf8')
        let text = ''
        for await (const chunk of res) text += chunk
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T })
      })
      .on('error', reject),
  )

const healthOf = async (s: RunningServer) =>
  (await getJson<{ dataVersion: number }>(`${s.baseUrl}/api/health`)).body

it('binds every interface by default, as before HOST existed', { timeout: 180_000 }, async () => {
  // A long grace: on a loaded machine the cold coverage below can take more than the default.
  server = await startServer({ dataDir, env: { WAYSTATION_SHUTDOWN_GRACE_MS: '120000' } })
  expect(server.output()).toContain('seeded')
  const connects = (host: string) =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(server!.port, host)
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.address.startsWith('fe80'))
  for (const a of others) expect(await connects(a!.address), a!.address).toBe(true)
})

let dataVersion = 0

it(
  'finishes every accepted request on SIGTERM mid-burst, then exits 0',
  { timeout: 120_000 },
  async () => {
    const s = server!
    dataVersion = (await healthOf(s)).dataVersion // the 2nd response, after startServer's poll
    // Coverage at a radius not warmed at start builds 89 county grids, yielding between
    // them: a request certain to be in flight when the signal lands.
    const slow = ['stations', 'classes'].map((layer) =>
      getJson<{ counties: unknown[] }>(`${s.baseUrl}/api/coverage?radius=5000&layer=${layer}`),
    )
    await new Promise((r) => setTimeout(r, 100))
    const url = `${s.baseUrl}/api/stations/nearby?lat=30.25&lon=120.15&radius=10000&limit=200`
    const outcomes: Outcome[] = []
    let sent = 0
    let signalled = false
    const worker = async () => {
      while (sent < BURST) {
        sent++
        const outcome = await get(url)
        outcomes.push(outcome)
        if (!signalled && outcomes.length >= SIGNAL_AFTER) {
          signalled = true
          s.child.kill('SIGTERM')
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const slowAnswers = await Promise.all(slow).catch((err: unknown) => {
      throw new Error(`coverage request failed: ${String(err)}\n${s.output()}`)
    })
    for (const { status, body } of slowAnswers) {
      expect(status).toBe(200)
      expect(body.counties).toHaveLength(89)
    }
    expect(await s.stop()).toBe(0)
    server = undefined

    const answered = outcomes.filter((o): o is { status: number } => 'status' in o)
    const failed = outcomes.filter((o): o is { error: string } => 'error' in o)
    expect(answered.every((o) => o.status === 200)).toBe(true)
    // Connections made after the stop are refused (or reset before the server read them).
    for (const o of failed) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(o.error)
    expect(failed.length).toBeGreaterThan(0) // the signal did land mid-burst
    const out = s.output()
    const inFlight = Number(/finishing (\d+) requests in flight/.exec(out)?.[1])
    const served = Number(/stopped after serving (\d+) requests/.exec(out)?.[1])
    console.log(`SIGTERM with ${inFlight} in flight; ${answered.length}/${BURST} answered`)
    expect(inFlight).toBeGreaterThanOrEqual(slow.length)
    // Every request the server accepted reached the client whole: its count is ours (health
    // twice, the coverage requests, the burst's answers).
    expect(served).toBe(2 + slow.length + answered.length)
  },
)

it(
  'restarts on the same file: no reseed, same data version, nearby as brute force',
  { timeout: 180_000 },
  async () => {
    server = await startServer({ dataDir })
    expect(server.output()).not.toContain('seeded')
    expect((await healthOf(server)).dataVersion).toBe(dataVersion)
    const active = readDataset(path.join(ROOT, 'data')).stations.filter(
      (st) => st.status === 'active',
    )
    const rnd = createRandom(11)
    for (let i = 0; i < 12; i++) {
      const near = rnd.pick(active)
      const origin: [number, number] = [
        near.lon + rnd.uniform(-0.02, 0.02),
        near.lat + rnd.uniform(-0.02, 0.02),
      ]
      const { body } = await getJson<{ features: { id: string }[] }>(
        `${server.baseUrl}/api/stations/nearby?lon=${origin[0]}&lat=${origin[1]}&radius=3000&limit=20`,
      )
      const got = body.features.map((f) => f.id)
      const want = nearbyBruteForce(
        active,
        (st: StationInput) => [st.lon, st.lat],
        origin,
        { radiusM: 3000, limit: 20 },
        (st) => st.id,
      )
      expect(got.length).toBeGreaterThan(0)
      expect(got).toEqual(want.map((h) => h.item.id))
    }
    expect(await server.stop()).toBe(0)
    server = undefined
  },
)
