import fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { CoveragePool } from '../../../server/coverage/coverage-pool.ts'

// Idle coverage threads end, giving their memory back, and come back for the next task.

const osThreads = () =>
  Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1])

const task = { hours: ['24/7'], instantMs: Date.UTC(2026, 0, 1) }

it('ends its threads once idle, and starts one again for the next task', async () => {
  const before = osThreads()
  const pool = new CoveragePool(2, 200)
  try {
    await Promise.all([pool.run('openAt', task), pool.run('openAt', task)])
    expect(osThreads()).toBeGreaterThan(before)
    for (let i = 0; i < 150 && osThreads() > before; i++) await sleep(100)
    expect(osThreads()).toBe(before)
    expect(await pool.run('openAt', task)).toEqual(Uint8Array.of(1))
  } finally {
    await pool.close()
  }
})
