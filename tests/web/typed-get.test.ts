import { describe, expect, test } from 'vitest'
import { url } from '../../web/api/typed-get.ts'

// The client's own runtime must build the URLs hono's did, for every call shape the app makes.

describe('typed client URLs', () => {
  test('fills path parameters, encoded', () => {
    expect(url('/api/stations/:id', { param: { id: 'st-000001' } })).toBe('/api/stations/st-000001')
    expect(url('/api/stations/:id', { param: { id: 'a/b c' } })).toBe('/api/stations/a%2Fb%20c')
    expect(url('/api/coverage/:adcode/gaps', { param: { adcode: '330106' } })).toBe(
      '/api/coverage/330106/gaps',
    )
  })

  test('writes the defined query values, encoded, in the order given', () => {
    expect(
      url('/api/stations/nearby', { query: { lon: '120.1', lat: '30.2', q: '西湖 &=' } }),
    ).toBe('/api/stations/nearby?lon=120.1&lat=30.2&q=%E8%A5%BF%E6%B9%96+%26%3D')
    expect(url('/api/stations', { query: { limit: '1000', cursor: undefined } })).toBe(
      '/api/stations?limit=1000',
    )
    expect(url('/api/health', {})).toBe('/api/health')
  })

  test('a missing path parameter is a programming error, not a request to /:id', () => {
    expect(() => url('/api/stations/:id', {})).toThrow(/:id/)
  })
})
