import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../../server/coverage/bounded-cache.ts'

/** A computation that resolves when told to, counting how often it was started. */
function deferred() {
  let started = 0
  let release: (v: string) => void = () => {}
  const compute = () => {
    started++
    return new Promise<string>((resolve) => (release = resolve))
  }
  return { compute, release: (v: string) => release(v), started: () => started }
}

describe('BoundedCache', () => {
  it('shares one computation between callers, pending or settled', async () => {
    const cache = new BoundedCache<string>(10)
    const d = deferred()
    const a = cache.get(1, 'k', d.compute)
    const b = cache.get(1, 'k', d.compute)
    d.release('v')
    expect(await a).toBe('v')
    expect(await b).toBe('v')
    expect(await cache.get(1, 'k', d.compute)).toBe('v')
    expect(d.started()).toBe(1)
  })

  it('forgets failures, so the next caller tries again', async () => {
    const cache = new BoundedCache<string>(10)
    await expect(cache.get(1, 'k', () => Promise.reject(new Error('busy')))).rejects.toThrow()
    expect(await cache.get(1, 'k', () => Promise.resolve('ok'))).toBe('ok')
  })

  it('drops entries of older data versions when a newer one is seen', async () => {
    const cache = new BoundedCache<string>(10)
    await cache.get(1, 'a', () => Promise.resolve('old'))
    await cache.get(2, 'b', () => Promise.resolve('new'))
    expect(cache.size).toBe(1)
    expect(await cache.get(2, 'a', () => Promise.resolve('recomputed'))).toBe('recomputed')
  })

  it('evicts the least recently used settled entries beyond its count or weight', async () => {
    const byCount = new BoundedCache<string>(2)
    for (const k of ['a', 'b']) await byCount.get(1, k, () => Promise.resolve(k))
    await byCount.get(1, 'a', () => Promise.resolve('unused')) // touch a: b is now oldest
    await byCount.get(1, 'c', () => Promise.resolve('c'))
    expect(byCount.size).toBe(2)
    expect(await byCount.get(1, 'a', () => Promise.resolve('a again'))).toBe('a')
    expect(await byCount.get(1, 'b', () => Promise.resolve('b again'))).toBe('b again')

    const byWeight = new BoundedCache<string>(100, 10, (v) => v.length)
    await byWeight.get(1, 'x', () => Promise.resolve('123456'))
    await byWeight.get(1, 'y', () => Promise.resolve('123456'))
    expect(byWeight.size).toBe(1)
    expect(await byWeight.get(1, 'y', () => Promise.resolve('other'))).toBe('123456')
  })

  it('never evicts work still under way', async () => {
    const cache = new BoundedCache<string>(1)
    const d = deferred()
    const pending = cache.get(1, 'slow', d.compute)
    await cache.get(1, 'fast', () => Promise.resolve('f'))
    expect(cache.get(1, 'slow', d.compute)).toBe(pending)
    d.release('s')
    expect(await pending).toBe('s')
    expect(d.started()).toBe(1)
  })
})
