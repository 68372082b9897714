import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'
import type { Random } from '../../../data/scripts/sample/random.ts'

// Every GET route the app has, present and future, fuzzed with bad query strings. Routes and
// their parameters come from the app itself: its route table (so undocumented routes such as
// the basemap and the docs are included) and /api/openapi.json (what each parameter accepts).
// Randomness is seeded: a failure names the URL, and the same seed replays it.

const SEED = 20260701
// Sent on every request, so routes that need an account (the audit log) are fuzzed past 401.
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdefghij'

let t: Awaited<ReturnType<typeof makeTestApp>>
let routes: Route[]
beforeAll(async () => {
  t = await makeTestApp(makeDataset(60, 15), { adminToken: ADMIN_TOKEN })
  routes = await discoverRoutes()
})
afterAll(() => t.close())

interface ParamSpec {
  name: string
  in: 'query' | 'path'
  required?: boolean
  schema: {
    type?: string
    minimum?: number
    maximum?: number
    enum?: string[]
    pattern?: string
    format?: string
    maxLength?: number
  }
}
interface Route {
  /** Hono's form: /api/coverage/:adcode/gaps */
  path: string
  params: ParamSpec[]
}

async function discoverRoutes(): Promise<Route[]> {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, { get?: { parameters?: ParamSpec[] } }>
  }
  // GET routes only: a POST route's body has its own tests (coverage-scenario.test.ts).
  const documented = new Map(
    Object.entries(doc.paths)
      .filter(([, ops]) => ops.get)
      .map(([p, ops]) => [p.replace(/\{(\w+)\}/g, ':$1'), ops.get?.parameters ?? []]),
  )
  const paths = new Set(
    t.app.routes.filter((r) => r.method === 'GET' && !r.path.includes('*')).map((r) => r.path),
  )
  for (const p of documented.keys()) expect(paths, `${p} is documented but not routed`).toContain(p)
  return [...paths].map((path) => ({
    path,
    // An undocumented route declares no query parameters; its path parameters are free text.
    params:
      documented.get(path) ??
      [...path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1]!,
        in: 'path' as const,
        required: true,
        schema: { type: 'string' },
      })),
  }))
}

// Values that satisfy a path parameter's pattern; a new pattern needs a new candidate here.
const PATH_CANDIDATES = ['330106', 'st-000001', 'swagger-ui.css', '0.mvt']

/** A value the parameter accepts. */
function validValue(p: ParamSpec, rnd: Random): string {
  const s = p.schema
  if (s.enum) return rnd.pick(s.enum)
  if (s.type === 'integer' || s.type === 'number') {
    // A path's numbers may bound each other (a tile's x and y below 2^z): the least is valid.
    if (p.in === 'path') return String(s.minimum ?? 0)
    const lo = s.minimum ?? -1000
    const hi = s.maximum ?? 1000
    if (s.type === 'integer') return String(rnd.int(Math.ceil(lo), Math.floor(hi)))
    return rnd.uniform(lo, hi).toFixed(rnd.int(0, 6))
  }
  if (s.format === 'date') return '2026-07-01'
  if (s.format === 'date-time') return '2026-07-01T10:00:00+08:00'
  const fits = PATH_CANDIDATES.find((v) => !s.pattern || new RegExp(s.pattern).test(v))
  expect(fits, `no candidate value for ${p.name} (pattern ${s.pattern})`).toBeDefined()
  return fits!
}

/** Every required parameter with a valid value; path parameters substituted into the path. */
function baseline(route: Route, rnd: Random) {
  let path = route.path
  const query: Array<[string, string]> = []
  for (const p of route.params) {
    if (p.in === 'path') path = path.replace(`:${p.name}`, encodeURIComponent(validValue(p, rnd)))
    else if (p.required) query.push([p.name, validValue(p, rnd)])
  }
  return { path, query }
}

const enc = (v: string) => encodeURIComponent(v)
const url = (path: string, query: Array<[string, string]>) =>
  query.length === 0 ? path : `${path}?${query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`

// Raw (already encoded) bad values, with what the detail must say when it says something fixed.
const BAD_FOR_ANY: Array<[string, RegExp]> = [
  ['', /is empty/],
  ['%20', /is empty/],
  ['%00', /control characters|expected|invalid|Invalid/i],
  ['%1F%7F', /control characters|expected|invalid|Invalid/i],
  ['x'.repeat(5000), /./],
]
const BAD_NUMBERS = [
  '+',
  '-',
  '0x10',
  '0b11',
  '0o7',
  '1e-400',
  '1e3',
  '1E3',
  'Infinity',
  '-Infinity',
  'NaN',
  '1.',
  '.5',
  '1,5',
  '1_000',
  '%EF%BC%91%EF%BC%92', // fullwidth digits
  '%D9%A3', // Arabic-Indic three
  '9'.repeat(400),
  `0.${'0'.repeat(400)}1`,
  '30%00',
  '%2030',
]

/** Bad values for one parameter: [raw encoded value, what the detail must match]. */
function badValues(p: ParamSpec): Array<[string, RegExp]> {
  const s = p.schema
  const out = [...BAD_FOR_ANY]
  if (s.type === 'integer' || s.type === 'number') {
    for (const v of BAD_NUMBERS) out.push([v, /plain decimal|is empty/])
    if (s.minimum !== undefined) out.push([String(s.minimum - 1), /Too small|>=/])
    if (s.maximum !== undefined) out.push([String(s.maximum + 1), /Too big|<=/])
    if (s.type === 'integer' && s.minimum !== undefined) out.push([String(s.minimum + 0.5), /int/])
  }
  if (s.enum) out.push(['nope', /./], [enc(s.enum[0]!.toUpperCase()), /./])
  if (s.format) out.push(['2026-13-45', /./])
  return out
}

interface Problem {
  status: number
  detail: string
  parameter?: string
  errors?: Array<{ parameter: string; detail: string }>
}

/** Requests `u` and checks the answer is no 5xx and any 4xx is problem+json. */
async function probe(u: string): Promise<{ status: number; problem?: Problem }> {
  const res = await t.app.request(u, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect(res.status, u).toBeLessThan(500)
  if (res.status < 400) return { status: res.status }
  expect(res.headers.get('content-type'), u).toContain('application/problem+json')
  return { status: res.status, problem: (await res.json()) as Problem }
}

/** A 400 that names `parameter` first and in its errors list, with a detail matching `detail`. */
async function expectNamed(u: string, parameter: string, detail: RegExp = /./) {
  const { status, problem } = await probe(u)
  expect(status, u).toBe(400)
  expect(problem!.parameter, u).toBe(parameter)
  const named = problem!.errors?.find((e) => e.parameter === parameter)
  expect(named, u).toBeDefined()
  expect(named!.detail, u).toMatch(detail)
}

describe('every route, every parameter', () => {
  it('discovers the documented routes and the undocumented ones', () => {
    const paths = routes.map((r) => r.path)
    for (const p of ['/api/coverage/:adcode/gaps', '/api/basemap/counties.geojson', '/api/docs'])
      expect(paths).toContain(p)
    expect(routes.length).toBeGreaterThanOrEqual(18)
  })

  it('a valid baseline request succeeds or finds nothing, on every route', async () => {
    const rnd = createRandom(SEED)
    for (const route of routes) {
      const { path, query } = baseline(route, rnd)
      const { status } = await probe(url(path, query))
      expect([200, 302, 404], url(path, query)).toContain(status)
    }
  })

  it('a bad value of any query parameter is a 400 naming it', async () => {
    const rnd = createRandom(SEED + 1)
    for (const route of routes) {
      const { path, query } = baseline(route, rnd)
      for (const p of route.params.filter((q) => q.in === 'query')) {
        const others = query.filter(([k]) => k !== p.name)
        const base = url(path, others)
        const sep = others.length === 0 ? '?' : '&'
        for (const [bad, detail] of badValues(p)) {
          await expectNamed(`${base}${sep}${enc(p.name)}=${bad}`, p.name, detail)
        }
        // Twice, even with a valid value each time.
        const v = enc(validValue(p, rnd))
        await expectNamed(
          `${base}${sep}${enc(p.name)}=${v}&${enc(p.name)}=${v}`,
          p.name,
          /more than once/,
        )
      }
    }
  })

  it('an unknown query parameter is a 400 naming it, on every route', async () => {
    const rnd = createRandom(SEED + 2)
    for (const route of routes) {
      const { path, query } = baseline(route, rnd)
      for (const name of ['raduis', 'x', 'LAT', '\u0000', 'a b', '%']) {
        const u = url(path, [...query, [name, '1']])
        await expectNamed(u, name, /unknown parameter/)
      }
    }
  })

  it('a bad path parameter is a 400 naming it, or a 404', async () => {
    const rnd = createRandom(SEED + 3)
    for (const route of routes) {
      for (const p of route.params.filter((q) => q.in === 'path')) {
        const { query } = baseline(route, rnd)
        for (const bad of ['%00', '%20', 'x'.repeat(500), 'abc', '..', '%2F', '%E4%B8%AD', '%']) {
          const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
            name === p.name
              ? bad
              : enc(
                  validValue(
                    route.params.find((q) => q.name === name)!,
                    rnd,
                  ),
                ),
          )
          const u = url(path, query)
          const { status, problem } = await probe(u)
          expect([400, 404], u).toContain(status)
          if (status === 400) expect(problem!.parameter, u).toBe(p.name)
        }
      }
    }
  })

  it('random query strings: no 5xx, and a 400 names only parameters that were sent', async () => {
    const rnd = createRandom(SEED + 4)
    const junk = ['', '%00', '%', '%E4%B8%AD', '1e308', '-0', 'true', '120,30,121,31', "'--", '[]']
    for (let i = 0; i < 600; i++) {
      const route = rnd.pick(routes)
      const { path, query } = baseline(route, rnd)
      const names = [...route.params.filter((p) => p.in === 'query').map((p) => p.name), 'zz']
      const sent = rnd.chance(0.3) ? [] : [...query]
      for (let k = rnd.int(0, 4); k > 0; k--) {
        const name = rnd.pick(names)
        const spec = route.params.find((p) => p.name === name)
        const value =
          spec && rnd.chance(0.5)
            ? validValue(spec, rnd)
            : decodeURIComponent(rnd.pick(junk).replace(/%(?![0-9A-F]{2})/g, '%25'))
        sent.push([name, value])
      }
      const u = url(path, sent)
      const { status, problem } = await probe(u)
      if (status === 400) {
        // Parameters sent, path parameters, and required ones (reported missing).
        const implied = route.params.filter((p) => p.in === 'path' || p.required)
        const allowed = new Set([...sent.map(([k]) => k), ...implied.map((p) => p.name)])
        expect(allowed.has(problem!.parameter!), u).toBe(true)
        for (const e of problem!.errors ?? []) expect(allowed.has(e.parameter), u).toBe(true)
      }
    }
  })
})
