import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { errorLog } from '../../../server/http/error-log.ts'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { makeDataset } from '../../fixtures/dataset.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

it('writes a few lines a second, then one line counting the rest', () => {
  vi.useFakeTimers({ now: Date.parse('2026-11-30T03:00:00Z') })
  const lines: string[] = []
  const log = errorLog({ perSecond: 3, write: (line) => lines.push(line) })
  for (let i = 0; i < 1000; i++) log(new TypeError(`boom ${i}`), 'GET /api/x')
  expect(lines).toHaveLength(3)
  expect(lines[0]).toMatch(/^2026-11-30T03:00:00.000Z GET \/api\/x failed: TypeError: boom 0 \(at /)
  expect(lines.every((l) => !l.includes('\n'))).toBe(true)
  vi.advanceTimersByTime(1000)
  expect(lines).toHaveLength(4)
  expect(lines[3]).toBe('suppressed 997 more errors')
  // A new second logs again; a quiet one writes nothing.
  log('not an Error\nwith a newline', 'GET /y')
  expect(lines[4]).toMatch(/GET \/y failed: not an Error with a newline$/)
  vi.advanceTimersByTime(5000)
  expect(lines).toHaveLength(5)
})

it('reports the count before the next second’s lines when errors keep coming', () => {
  vi.useFakeTimers()
  const lines: string[] = []
  const log = errorLog({ perSecond: 1, write: (line) => lines.push(line) })
  for (let ms = 0; ms < 3000; ms += 100) {
    log(new Error('x'), 'GET /')
    vi.advanceTimersByTime(100)
  }
  expect(lines.filter((l) => l.startsWith('suppressed'))).toEqual([
    'suppressed 9 more errors',
    'suppressed 9 more errors',
    'suppressed 9 more errors',
  ])
  expect(lines).toHaveLength(6)
})

it('keeps an error storm through the app to a few one-line entries and a bare 500', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-errors-'))
  const store = await SqliteStore.open(path.join(dir, 'db.sqlite'))
  await store.replaceDataset(makeDataset(10, 2))
  const app = createApp(store)
  await store.close() // every query now throws
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const answers = await Promise.all(
    Array.from({ length: 200 }, () => app.request('/api/stations?limit=1')),
  )
  for (const res of answers) expect(res.status).toBe(500)
  const body = await answers[0]!.text()
  expect(JSON.parse(body)).toMatchObject({ status: 500, detail: 'unexpected error' })
  expect(body).not.toMatch(/sqlite|database|\.ts|at /i)
  expect(error.mock.calls.length).toBeLessThanOrEqual(6)
  for (const [line] of error.mock.calls) expect(String(line)).not.toContain('\n')
  fs.rmSync(dir, { recursive: true, force: true })
})
