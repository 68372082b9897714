import fc from 'fast-check'
import { expect, it } from 'vitest'
import { parseRange } from '../../../server/http/range.ts'

/** RFC 9110 §14.1.2 read literally for one range: the bytes a server must send, or why not. */
function oracle(header: string, size: number): string {
  const m = /^bytes=(\d*)-(\d*)$/i.exec(header)
  if (!m || size === 0 || (m[1] === '' && m[2] === '')) return 'full'
  if (m[1] === '') {
    const n = BigInt(m[2]!)
    return n === 0n ? 'unsatisfiable' : `${n >= BigInt(size) ? 0n : BigInt(size) - n}-${size - 1}`
  }
  const first = BigInt(m[1]!)
  const last = m[2] === '' ? null : BigInt(m[2]!)
  if (last !== null && last < first) return 'full'
  if (first >= BigInt(size)) return 'unsatisfiable'
  const end = last === null || last >= BigInt(size) ? BigInt(size - 1) : last
  return `${first}-${end}`
}

const show = (r: ReturnType<typeof parseRange>) =>
  r.kind === 'partial' ? `${r.start}-${r.end}` : r.kind

it('agrees with a literal reading of RFC 9110 on generated headers', () => {
  const digits = fc.oneof(
    fc.constant(''),
    fc.nat(2000).map(String),
    fc.stringMatching(/^\d{1,30}$/),
  )
  const header = fc.oneof(
    fc
      .tuple(fc.constantFrom('bytes', 'BYTES', 'Bytes'), digits, digits)
      .map(([u, a, b]) => `${u}=${a}-${b}`),
    fc.string(),
    fc.tuple(digits, digits, digits).map(([a, b, c]) => `bytes=${a}-${b},${c}-`),
  )
  fc.assert(
    fc.property(header, fc.nat(1500), (h, size) => {
      expect(show(parseRange(h, size))).toBe(oracle(h.trim(), size))
    }),
    { numRuns: 3000 },
  )
})

it('answers the cases from the field test', () => {
  expect(show(parseRange('bytes=10-5', 100))).toBe('full')
  expect(show(parseRange('bytes=99999999-', 100))).toBe('unsatisfiable')
  expect(show(parseRange('bytes=-5', 100))).toBe('95-99')
  expect(show(parseRange('items=0-5', 100))).toBe('full')
  expect(show(parseRange(undefined, 100))).toBe('full')
})
