import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { startServer } from '../e2e/harness.ts'
import type { RunningServer } from '../e2e/harness.ts'
import { makeDataset } from '../fixtures/dataset.ts'

// Half-open connections (connect, then send nothing or half the headers) used to be held for
// as long as the client liked; the server now closes them after WAYSTATION_HEADERS_TIMEOUT_MS
// and refuses connections beyond WAYSTATION_MAX_CONNECTIONS. HOST picks the interface.

const HEADERS_TIMEOUT_MS = 600
const MAX_CONNECTIONS = 40

let server: RunningServer
beforeAll(async () => {
  // A small pre-seeded store: the server neither seeds nor warms 89 counties' grids.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-limits-'))
  const store = await SqliteStore.open(path.join(dataDir, 'waystation.sqlite'))
  await store.replaceDataset(makeDataset())
  await store.close()
  server = await startServer({
    dataDir,
    env: {
      HOST: '127.0.0.1',
      WAYSTATION_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      WAYSTATION_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    },
  })
}, 120_000)
afterAll(() => server?.stop())

/** Opens a connection that sends `prefix` and then nothing; resolves when the server closes it. */
function halfOpen(port: number, prefix: string) {
  const socket = net.connect(port, '127.0.0.1')
  socket.on('error', () => {}) // a reset is as good as a close here
  socket.resume() // read (and drop) the 408, so that the server's close is seen
  let opened = 0
  socket.once('connect', () => {
    opened = performance.now()
    if (prefix) socket.write(prefix)
  })
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(performance.now() - opened)),
  )
  return { socket, closed }
}

const health = async () => (await fetch(`${server.baseUrl}/api/health`)).status

it('closes half-open connections after the headers timeout and keeps answering', async () => {
  const held = Array.from({ length: 30 }, (_, i) =>
    halfOpen(server.port, i % 2 ? 'GET /api/health HTTP/1.1\r\nHost: x\r\n' : ''),
  )
  expect(await health()).toBe(200)
  const heldMs = await Promise.all(held.map((h) => h.closed))
  // Closed by the timeout (checked every tenth of it), not at once and not much later.
  for (const ms of heldMs) {
    expect(ms).toBeGreaterThan(HEADERS_TIMEOUT_MS * 0.8)
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000)
  }
  expect(await health()).toBe(200)
})

it('refuses connections beyond the cap, and answers again once they are gone', async () => {
  const held = Array.from({ length: MAX_CONNECTIONS + 10 }, () => halfOpen(server.port, ''))
  const heldMs = await Promise.all(held.map((h) => h.closed))
  const refused = heldMs.filter((ms) => ms < HEADERS_TIMEOUT_MS * 0.5).length
  expect(refused).toBeGreaterThanOrEqual(10)
  expect(await health()).toBe(200)
})

it('binds only the interface HOST names', async () => {
  expect(server.output()).toContain(`Waystation on http://127.0.0.1:${server.port}`)
  const connects = (host: string) =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(server.port, host)
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
  expect(await connects('127.0.0.1')).toBe(true)
  // An address of this machine that is not 127.0.0.1: IPv6 loopback, or a network interface.
  const other = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.address !== '127.0.0.1' && !a.address.startsWith('fe80'))
  expect(other).toBeDefined()
  expect(await connects(other!.address)).toBe(false)
})
