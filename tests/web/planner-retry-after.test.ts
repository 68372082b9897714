import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ApiError, parseRetryAfter } from '../../web/api/client.ts'
import { MAX_BUSY_RETRIES, withRetryAfter } from '../../web/api/retry-after.ts'

const busy = (s: number | null) => new ApiError(503, 'queue full', s)

/** A run that fails with each error in turn, then answers 'figures'; counts its calls. */
function script(...failures: Error[]) {
  const calls: number[] = []
  const run = async () => {
    calls.push(Date.now())
    const e = failures.shift()
    if (e) throw e
    return 'figures'
  }
  return { run, calls }
}

describe('Retry-After', () => {
  test('seconds or an HTTP date; anything else is no advice', () => {
    const now = Date.parse('2026-11-30T03:00:00Z')
    expect(parseRetryAfter('5', now)).toBe(5)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Mon, 30 Nov 2026 03:00:07 GMT', now)).toBe(7)
    expect(parseRetryAfter('Mon, 30 Nov 2026 02:59:00 GMT', now)).toBe(0)
    for (const bad of [null, '', 'soon', '-3', '1.5']) expect(parseRetryAfter(bad, now)).toBeNull()
  })
})

describe('retrying a busy server', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('waits as long as the 503 asks, then asks again, and reports the wait', async () => {
    const { run, calls } = script(busy(3), busy(1))
    const waits: (number | null)[] = []
    const done = withRetryAfter(run, new AbortController().signal, (s) => waits.push(s))
    await vi.advanceTimersByTimeAsync(2999)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1000)
    await expect(done).resolves.toBe('figures')
    expect(calls[1]! - calls[0]!).toBe(3000)
    expect(waits).toEqual([3, null, 1, null])
  })

  test('other failures, and a 503 without Retry-After, reach the page at once', async () => {
    for (const e of [new ApiError(500, 'boom'), busy(null), new ApiError(400, 'bad radius')]) {
      const { run, calls } = script(e)
      await expect(withRetryAfter(run, new AbortController().signal, () => {})).rejects.toBe(e)
      expect(calls).toHaveLength(1)
    }
  })

  test('gives up after a bounded number of waits', async () => {
    const { run, calls } = script(...Array.from({ length: MAX_BUSY_RETRIES + 1 }, () => busy(1)))
    const done = withRetryAfter(run, new AbortController().signal, () => {})
    const settled = expect(done).rejects.toBeInstanceOf(ApiError)
    await vi.advanceTimersByTimeAsync(MAX_BUSY_RETRIES * 1000)
    await settled
    expect(calls).toHaveLength(MAX_BUSY_RETRIES + 1)
  })

  test('a new request (abort) ends the wait without asking again', async () => {
    const { run, calls } = script(busy(30))
    const ctrl = new AbortController()
    const done = withRetryAfter(run, ctrl.signal, () => {})
    const settled = expect(done).rejects.toBeDefined()
    await vi.advanceTimersByTimeAsync(1000)
    ctrl.abort()
    await settled
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toHaveLength(1)
  })
})
