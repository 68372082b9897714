import { expect, it } from 'vitest'
import { ResponseCache } from '../../../../server/api/middleware/response-cache.ts'
import type { CachedAnswer } from '../../../../server/api/middleware/response-cache.ts'

const answer = (bytes: number, tag = 'x'): CachedAnswer => ({
  etag: `"${tag}"`,
  headers: {},
  identity: new Uint8Array(bytes).fill(65),
})

it('stays within its byte budget, dropping the least recently used answer first', async () => {
  const cache = new ResponseCache(1000)
  await cache.make(1, 'a', async () => answer(400, 'a'))
  await cache.make(1, 'b', async () => answer(400, 'b'))
  expect(cache.get(1, 'a')).toMatchObject({ etag: '"a"' }) // a is now the most recent
  await cache.make(1, 'c', async () => answer(400, 'c'))
  expect(cache.bytes).toBeLessThanOrEqual(1000)
  expect(cache.get(1, 'b')).toBeUndefined()
  expect(cache.get(1, 'a')).toBeDefined()
  expect(cache.get(1, 'c')).toBeDefined()
})

it('counts gzip bytes too, and an answer bigger than the budget is not kept', async () => {
  const cache = new ResponseCache(5000)
  const a = (await cache.make(1, 'a', async () => answer(4000)))!
  await cache.gzip('a', a)
  expect(cache.bytes).toBeGreaterThan(4000)
  await cache.make(1, 'huge', async () => answer(6000))
  expect(cache.get(1, 'huge')).toBeUndefined()
  expect(cache.bytes).toBeLessThanOrEqual(5000)
})

it('empties on a newer data version and neither serves nor keeps an older one', async () => {
  const cache = new ResponseCache(10_000)
  await cache.make(1, 'a', async () => answer(10))
  expect(cache.get(2, 'a')).toBeUndefined()
  expect(cache.bytes).toBe(0)
  await cache.make(1, 'late', async () => answer(10)) // made from a version read before the write
  expect(cache.get(1, 'late')).toBeUndefined()
  expect(cache.get(2, 'late')).toBeUndefined()
})

it('runs one make for concurrent callers; a failed or uncacheable one is not kept', async () => {
  const cache = new ResponseCache(10_000)
  let runs = 0
  const slow = () =>
    cache.make(1, 'k', async () => {
      runs++
      await new Promise((r) => setTimeout(r, 10))
      return answer(10)
    })
  const first = slow()
  const second = cache.get(1, 'k')
  expect(second).toBeInstanceOf(Promise)
  expect(await second).toBe(await first)
  expect(runs).toBe(1)
  await expect(
    cache.make(1, 'bad', async () => Promise.reject(new Error('boom'))),
  ).rejects.toThrow()
  expect(cache.get(1, 'bad')).toBeUndefined()
  await cache.make(1, 'none', async () => null)
  expect(cache.get(1, 'none')).toBeUndefined()
})
