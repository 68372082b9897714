import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { IndexThread } from '../../../server/db/index-thread.ts'

const WORKER = new URL('./counting-index-worker.ts', import.meta.url)

describe('IndexThread', () => {
  let thread: IndexThread<{ version: number }> | null = null
  afterEach(() => thread?.close())

  it('keeps one thread for builds close together', async () => {
    thread = new IndexThread(WORKER, {}, { idleMs: 10_000 })
    expect((await thread.build()).version).toBe(1)
    expect((await thread.build()).version).toBe(2)
    expect(thread.running).toBe(true)
  })

  it('ends an idle thread (its heap goes with it), and the next build starts another', async () => {
    thread = new IndexThread(WORKER, {}, { idleMs: 100 })
    expect((await thread.build()).version).toBe(1)
    expect(thread.running).toBe(true)
    await sleep(400)
    expect(thread.running).toBe(false)
    // A new thread: its count starts again.
    expect((await thread.build()).version).toBe(1)
  })

  it('does not end the thread while builds keep coming within the idle time', async () => {
    thread = new IndexThread(WORKER, {}, { idleMs: 300 })
    for (let i = 1; i <= 4; i++) {
      expect((await thread.build()).version).toBe(i)
      await sleep(150)
    }
  })
})
