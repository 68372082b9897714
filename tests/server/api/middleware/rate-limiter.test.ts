import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../../server/api/middleware/rate-limiter.ts'
import { createRandom } from '../../../../data/scripts/sample/random.ts'

const MINUTE = 60_000
const DAY = 86_400_000
const RULES = [
  { max: 5, windowMs: MINUTE },
  { max: 50, windowMs: DAY },
]

function limiterAt(start = 1_000_000, options = {}) {
  const clock = { ms: start }
  const limiter = new RateLimiter(RULES, { now: () => clock.ms, ...options })
  return { clock, limiter }
}

describe('RateLimiter', () => {
  it('allows 5 a minute, then says to wait until the oldest leaves the window, then allows again', () => {
    const { clock, limiter } = limiterAt()
    for (let i = 0; i < 5; i++) {
      expect(limiter.hit('a')).toEqual({ allowed: true })
      clock.ms += 1000
    }
    // The first hit was 5 s ago: it leaves the minute 55 s from now.
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterS: 55 })
    expect(limiter.hit('b')).toEqual({ allowed: true })
    clock.ms += 54_999
    expect(limiter.hit('a').allowed).toBe(false)
    clock.ms += 1
    expect(limiter.hit('a')).toEqual({ allowed: true })
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterS: 1 })
  })

  it('does not count refused requests, so hammering does not extend the wait', () => {
    const { clock, limiter } = limiterAt()
    for (let i = 0; i < 5; i++) limiter.hit('a')
    for (let i = 0; i < 100; i++) {
      expect(limiter.hit('a').allowed).toBe(false)
      clock.ms += 500
    }
    clock.ms += MINUTE - 50_000
    expect(limiter.hit('a')).toEqual({ allowed: true })
  })

  it('allows 50 a day, waiting out the longer of the two rules', () => {
    const { clock, limiter } = limiterAt()
    for (let i = 0; i < 50; i++) {
      expect(limiter.hit('a')).toEqual({ allowed: true })
      clock.ms += 13 * MINUTE // never 5 in a minute
    }
    // The first of the 50 was 50 × 13 min ago; it leaves the day after 24 h.
    expect(limiter.hit('a')).toEqual({
      allowed: false,
      retryAfterS: (DAY - 50 * 13 * MINUTE) / 1000,
    })
    clock.ms += DAY - 50 * 13 * MINUTE
    expect(limiter.hit('a')).toEqual({ allowed: true })
  })

  it('agrees with counting every allowed request in each window, on random traffic', () => {
    const rnd = createRandom(3)
    const { clock, limiter } = limiterAt()
    const allowed: number[] = []
    for (let i = 0; i < 3000; i++) {
      clock.ms += rnd.chance(0.02) ? rnd.int(0, 6 * 3600_000) : rnd.int(0, 20_000)
      const inWindow = (w: number) => allowed.filter((t) => t > clock.ms - w).length
      const expected = inWindow(MINUTE) < 5 && inWindow(DAY) < 50
      const got = limiter.hit('k')
      expect(got.allowed).toBe(expected)
      if (got.allowed) allowed.push(clock.ms)
      else {
        // Waiting exactly retryAfter (rounded up to seconds) must be enough...
        const later = clock.ms + got.retryAfterS * 1000
        const at = (w: number) => allowed.filter((t) => t > later - w).length
        expect(at(MINUTE) < 5 && at(DAY) < 50).toBe(true)
        // ...and a second less must not.
        const sooner = later - 1000
        const before = (w: number) => allowed.filter((t) => t > sooner - w).length
        expect(before(MINUTE) < 5 && before(DAY) < 50).toBe(false)
      }
    }
    expect(allowed.length).toBeGreaterThan(200)
  })

  it('remembers at most maxKeys clients, forgetting the one unseen longest', () => {
    const { limiter } = limiterAt(0, { maxKeys: 100 })
    for (let i = 0; i < 5; i++) limiter.hit('busy')
    for (let i = 0; i < 10_000; i++) {
      limiter.hit(`client-${i}`)
      if (i % 50 === 0) expect(limiter.hit('busy').allowed).toBe(false) // seen, so kept
      expect(limiter.size).toBeLessThanOrEqual(100)
    }
    expect(limiter.hit('client-0')).toEqual({ allowed: true }) // forgotten long ago
  })
})
