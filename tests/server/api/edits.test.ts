import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { addAccount, bearer, storeState } from './accounts.ts'
import { AuditEntrySchema } from '../../../server/domain/audit.ts'
import type { Station } from '../../../server/domain/station.ts'
import type { ChildcareClass } from '../../../server/domain/childcare-class.ts'

// The editing API through the real app over a real SQLite file: who may write what, the
// If-Match rules, and that every refused write leaves the store exactly as it was.

const ADMIN_TOKEN = 'bootstrap-admin-token-0123456789abcdef'
const WEST = '330106' // the fixture's two counties
const EAST = '330102'
const IN: Record<string, [number, number]> = { [WEST]: [120.1, 30.25], [EAST]: [120.2, 30.25] }
const OUTSIDE: [number, number] = [121.5, 29.0]

const data = makeDataset()
let t: Awaited<ReturnType<typeof makeTestApp>>
let admin: string
let westEditor: string
let revoked: string
beforeAll(async () => {
  t = await makeTestApp(data, { adminToken: ADMIN_TOKEN })
  admin = (await addAccount(t.store, '省总管理员', 'admin')).token
  westEditor = (await addAccount(t.store, '西湖区编辑', 'editor', [WEST])).token
  const gone = await addAccount(t.store, '离职编辑', 'editor', [WEST])
  revoked = gone.token
  await t.store.revokeAccount(gone.id, new Date().toISOString())
  for (const adcode of [WEST, EAST]) await entryIn(adcode)
})
afterAll(() => t.close())

type Json = Record<string, unknown>
async function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  const init: RequestInit = { method, headers: { ...headers } }
  if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  return t.app.request(url, init)
}
const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  return (await res.json()) as { status: number; detail: string; parameter?: string }
}
const etagOf = async (url: string) => {
  const res = await t.app.request(url)
  expect(res.status, url).toBe(200)
  return res.headers.get('etag')!
}

/** A record of the fixture in a county, still active: the one each test writes. */
const stationIn = (adcode: string, n = 0) =>
  data.stations.filter((s) => s.adcode === adcode && s.status === 'active')[n]!
const classIn = (adcode: string, n = 0) => data.classes.filter((c) => c.adcode === adcode)[n]!

const newStation = (adcode: string) => ({
  name: '新建爱心驿站',
  kind: 'outdoor_worker_station',
  tier: 'point',
  host: 'union_office',
  address: '测试路1号',
  lon: IN[adcode]![0],
  lat: IN[adcode]![1],
  amenities: ['drinking_water', 'toilet'],
  openingHours: 'Mo-Fr 08:00-18:00',
})
const newClass = (adcode: string) => ({
  name: '新建爱心托班',
  host: classIn(WEST).host,
  address: '测试路2号',
  lon: IN[adcode]![0],
  lat: IN[adcode]![1],
  ageMin: 6,
  ageMax: 12,
  termStart: '2026-07-06',
  termEnd: '2026-08-14',
  schedule: 'Mo-Fr 08:00-17:30',
  capacity: 40,
  enrolled: 0,
  feeCny: 0,
  contactName: '王老师',
  contactPhone: '0571-88000001',
})

/**
 * Each write endpoint, aimed at a record of (or a new record in) `adcode`. `ifMatch`
 * undefined sends the record's current ETag; null sends none.
 */
interface Endpoint {
  name: string
  send(adcode: string, headers: Record<string, string>, ifMatch?: string | null): Promise<Response>
  preconditioned: boolean
}
const withTag = async (url: string, headers: Record<string, string>, ifMatch?: string | null) => {
  const tag = ifMatch === undefined ? await etagOf(url) : ifMatch
  return tag === null ? headers : { ...headers, 'if-match': tag }
}
/** An entry (an admin's change of the county's second record) for the undo endpoint to undo. */
const undoable = new Map<string, number>()
async function entryIn(adcode: string): Promise<{ id: number; url: string }> {
  const url = `/api/stations/${stationIn(adcode, 1).id}`
  if (!undoable.has(adcode)) {
    const res = await send(
      'PATCH',
      url,
      { ...bearer(admin), 'if-match': await etagOf(url) },
      {
        phone: `0571-${adcode}`,
      },
    )
    expect(res.status).toBe(200)
    const { entries } = await t.store.listAudit({ recordId: stationIn(adcode, 1).id, limit: 1 })
    undoable.set(adcode, entries[0]!.id)
  }
  return { id: undoable.get(adcode)!, url }
}
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/stations',
    preconditioned: false,
    send: (adcode, headers) => send('POST', '/api/stations', headers, newStation(adcode)),
  },
  {
    name: 'PATCH /api/stations/{id}',
    preconditioned: true,
    send: async (adcode, headers, ifMatch) => {
      const url = `/api/stations/${stationIn(adcode).id}`
      return send('PATCH', url, await withTag(url, headers, ifMatch), { name: '改过的名字' })
    },
  },
  {
    name: 'DELETE /api/stations/{id}',
    preconditioned: true,
    send: async (adcode, headers, ifMatch) => {
      const url = `/api/stations/${stationIn(adcode).id}`
      return send('DELETE', url, await withTag(url, headers, ifMatch))
    },
  },
  {
    name: 'POST /api/classes',
    preconditioned: false,
    send: (adcode, headers) => send('POST', '/api/classes', headers, newClass(adcode)),
  },
  {
    name: 'PATCH /api/classes/{id}',
    preconditioned: true,
    send: async (adcode, headers, ifMatch) => {
      const url = `/api/classes/${classIn(adcode).id}`
      return send('PATCH', url, await withTag(url, headers, ifMatch), { enrolled: 1 })
    },
  },
  {
    name: 'DELETE /api/classes/{id}',
    preconditioned: true,
    send: async (adcode, headers, ifMatch) => {
      const url = `/api/classes/${classIn(adcode).id}`
      return send('DELETE', url, await withTag(url, headers, ifMatch))
    },
  },
  {
    name: 'POST /api/audit/{id}/undo',
    preconditioned: true,
    send: async (adcode, headers, ifMatch) => {
      const entry = await entryIn(adcode)
      return send('POST', `/api/audit/${entry.id}/undo`, await withTag(entry.url, headers, ifMatch))
    },
  },
]

/** Sends, expects the status, and checks that the store did not change at all. */
async function refused(attempt: () => Promise<Response>, status: number, detail: RegExp) {
  const before = await storeState(t.store)
  const res = await attempt()
  expect(res.status, await res.clone().text()).toBe(status)
  const problem = await problemOf(res)
  expect(problem.detail).toMatch(detail)
  expect(await storeState(t.store)).toEqual(before)
  return { headers: res.headers, problem }
}

describe.each(ENDPOINTS)('$name', (endpoint) => {
  it('refuses a missing, forged or revoked token (401, nothing written)', async () => {
    for (const headers of [
      {},
      bearer('wst_forged-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      bearer(revoked),
    ]) {
      const res = await refused(() => endpoint.send(WEST, headers), 401, /token|sign in/)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/)
    }
    await refused(() => endpoint.send(WEST, { authorization: 'Basic eDp5' }), 401, /Bearer/)
  })

  it("refuses an editor another county's record (403, nothing written)", async () => {
    await refused(() => endpoint.send(EAST, bearer(westEditor)), 403, new RegExp(`county ${EAST}`))
  })

  it.runIf(endpoint.preconditioned)('needs If-Match (428) and a current one (412)', async () => {
    await refused(() => endpoint.send(WEST, bearer(westEditor), null), 428, /If-Match/)
    const stale = await refused(
      () => endpoint.send(WEST, bearer(westEditor), '"0123456789abcdef"'),
      412,
      /changed since you read it/,
    )
    expect(stale.headers.get('etag')).toMatch(/^"[0-9a-f]{16}"$/)
  })

  it("lets the county's editor write, and the bootstrap admin token anywhere", async () => {
    const before = await t.store.dataVersion()
    const res = await endpoint.send(WEST, bearer(westEditor))
    expect(res.status, await res.clone().text()).toBeLessThan(300)
    expect(await t.store.dataVersion()).toBe(before + 1)
    const other = await endpoint.send(EAST, bearer(ADMIN_TOKEN))
    expect([200, 201, 204, 409]).toContain(other.status)
  })
})

describe('moving a record', () => {
  it.each([
    ['stations', () => stationIn(WEST, 2), () => stationIn(EAST, 2)],
    ['classes', () => classIn(WEST, 2), () => classIn(EAST, 2)],
  ] as const)(
    'an editor can move %s neither out of their county nor into it',
    async (layer, own, other) => {
      const mine = `/api/${layer}/${own().id}`
      await refused(
        async () =>
          send(
            'PATCH',
            mine,
            { ...bearer(westEditor), 'if-match': await etagOf(mine) },
            {
              lon: IN[EAST]![0],
              lat: IN[EAST]![1],
            },
          ),
        403,
        new RegExp(`county ${EAST}`),
      )
      const theirs = `/api/${layer}/${other().id}`
      await refused(
        async () =>
          send(
            'PATCH',
            theirs,
            { ...bearer(westEditor), 'if-match': await etagOf(theirs) },
            {
              lon: IN[WEST]![0],
              lat: IN[WEST]![1],
            },
          ),
        403,
        new RegExp(`county ${EAST}`),
      )
      // Within the county: allowed; the county stays.
      const res = await send(
        'PATCH',
        mine,
        { ...bearer(westEditor), 'if-match': await etagOf(mine) },
        {
          lon: 120.11,
          lat: 30.26,
        },
      )
      expect(res.status).toBe(200)
      expect(((await res.json()) as { properties: { adcode: string } }).properties.adcode).toBe(
        WEST,
      )
    },
  )

  it('recomputes the county from the point; a point outside every county is a 400 naming lon', async () => {
    const s = stationIn(EAST, 3)
    const url = `/api/stations/${s.id}`
    await refused(
      async () =>
        send(
          'PATCH',
          url,
          { ...bearer(admin), 'if-match': await etagOf(url) },
          {
            lon: OUTSIDE[0],
            lat: OUTSIDE[1],
          },
        ),
      400,
      /outside every county/,
    )
    const moved = await send(
      'PATCH',
      url,
      { ...bearer(admin), 'if-match': await etagOf(url) },
      {
        lon: IN[WEST]![0],
      },
    )
    expect(moved.status).toBe(200)
    const stored = await t.store.getStation(s.id)
    expect(stored).toEqual({ ...s, lon: IN[WEST]![0], adcode: WEST })
    // The nearby index sees the move at once.
    const near = await t.get(
      `/api/stations/nearby?lon=${IN[WEST]![0]}&lat=${s.lat}&radius=5&limit=50`,
    )
    expect(near.body.features!.map((f) => (f as { id: string }).id)).toContain(s.id)
    // An undo by the western editor would put it back in the east: refused.
    const { entries } = await t.store.listAudit({ recordId: s.id, limit: 1 })
    await refused(
      async () =>
        send('POST', `/api/audit/${entries[0]!.id}/undo`, {
          ...bearer(westEditor),
          'if-match': await etagOf(url),
        }),
      403,
      new RegExp(`county ${EAST}`),
    )
  })
})

describe('validation', () => {
  it('names the field at fault, and writes nothing', async () => {
    const url = `/api/stations/${stationIn(WEST, 4).id}`
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/stations', { ...newStation(WEST), kind: 'palace' }, 'kind'],
      ['POST', '/api/stations', { ...newStation(WEST), adcode: EAST }, 'adcode'],
      ['POST', '/api/stations', { ...newStation(WEST), sample: true }, 'sample'],
      ['POST', '/api/stations', { ...newStation(WEST), openingHours: 'whenever' }, 'openingHours'],
      ['POST', '/api/stations', { ...newStation(WEST), name: '  ' }, 'name'],
      ['POST', '/api/stations', { ...newStation(WEST), lat: 91 }, 'lat'],
      ['PATCH', url, {}, 'body'],
      ['PATCH', url, { amenities: ['gold'] }, 'amenities[0]'],
      ['POST', '/api/classes', { ...newClass(WEST), ageMin: 9, ageMax: 6 }, 'ageMax'],
      ['POST', '/api/classes', { ...newClass(WEST), termEnd: '2026-07-01' }, 'termEnd'],
      ['POST', '/api/classes', { ...newClass(WEST), schedule: 'whenever' }, 'schedule'],
    ]
    for (const [method, path, body, parameter] of cases) {
      const res = await refused(
        async () =>
          send(method, path, { ...bearer(westEditor), 'if-match': await etagOf(url) }, body),
        400,
        /./,
      )
      expect(res.problem.parameter, `${method} ${path} ${JSON.stringify(body)}`).toBe(parameter)
    }
    const notJson = await send('POST', '/api/stations', {
      ...bearer(westEditor),
      'content-type': 'application/json',
    })
    expect(notJson.status).toBe(400)
  })

  it('compares If-Match strongly: a weak tag of the current version is a 412', async () => {
    const url = `/api/stations/${stationIn(WEST, 8).id}`
    const weak = `W/${await etagOf(url)}`
    await refused(
      () => send('PATCH', url, { ...bearer(westEditor), 'if-match': weak }, { phone: '1' }),
      412,
      /changed/,
    )
    const listed = await send(
      'PATCH',
      url,
      {
        ...bearer(westEditor),
        'if-match': `"ffffffffffffffff", ${weak.slice(2)}`,
      },
      { phone: '1' },
    )
    expect(listed.status).toBe(200)
  })

  it('answers 404 for a record that does not exist', async () => {
    const res = await send(
      'PATCH',
      '/api/stations/st-none',
      { ...bearer(admin), 'if-match': '*' },
      {
        phone: '1',
      },
    )
    expect(res.status).toBe(404)
  })
})

describe('a record written, read back, undone', () => {
  it('creates a real station with its county, source and ETag; undoing removes it', async () => {
    const res = await send('POST', '/api/stations', bearer(westEditor), newStation(WEST))
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; properties: Json }
    expect(res.headers.get('location')).toBe(`/api/stations/${created.id}`)
    expect(created.properties).toMatchObject({
      adcode: WEST,
      sample: false,
      source: '西湖区编辑（编辑）',
      status: 'active',
      verifiedOn: null,
    })
    // The GET's tag carries the same version; a write answers the version alone.
    const tag = res.headers.get('etag')!
    expect(await etagOf(`/api/stations/${created.id}`)).toMatch(
      new RegExp(`^${tag.slice(0, -1)}\\.[\\w-]+"$`),
    )
    const [entry] = (await t.store.listAudit({ recordId: created.id, limit: 5 })).entries
    expect(entry).toMatchObject({
      action: 'create',
      actor: '西湖区编辑',
      before: null,
      adcodes: [WEST],
    })
    const undo = await send('POST', `/api/audit/${entry!.id}/undo`, {
      ...bearer(westEditor),
      'if-match': tag,
    })
    expect(undo.status).toBe(200)
    expect(AuditEntrySchema.parse(await undo.json())).toMatchObject({
      action: 'undo',
      undoes: entry!.id,
      after: null,
    })
    expect(await t.store.getStation(created.id)).toBeNull()
  })

  it('closes a station softly (out of nearby, still readable) and undo reopens it exactly', async () => {
    const s = stationIn(WEST, 5)
    const url = `/api/stations/${s.id}`
    const before = await t.store.getStation(s.id)
    const res = await send('DELETE', url, { ...bearer(westEditor), 'if-match': await etagOf(url) })
    expect(res.status).toBe(200)
    expect(await t.store.getStation(s.id)).toEqual({ ...before, status: 'closed' })
    const near = await t.get(`/api/stations/nearby?lon=${s.lon}&lat=${s.lat}&radius=1&limit=50`)
    expect(near.body.features!.map((f) => (f as { id: string }).id)).not.toContain(s.id)
    const { entries } = await t.store.listAudit({ recordId: s.id, limit: 1 })
    const undo = await send('POST', `/api/audit/${entries[0]!.id}/undo`, {
      ...bearer(westEditor),
      'if-match': await etagOf(url),
    })
    expect(undo.status).toBe(200)
    expect(await t.store.getStation(s.id)).toEqual(before)
    // Undoing it again finds nothing to do.
    const again = await send('POST', `/api/audit/${entries[0]!.id}/undo`, {
      ...bearer(westEditor),
      'if-match': await etagOf(url),
    })
    expect(again.status).toBe(409)
  })

  it('removes a class, and undo (If-None-Match: *) restores it exactly', async () => {
    const k = classIn(WEST, 5)
    const url = `/api/classes/${k.id}`
    const before = (await t.store.getClass(k.id)) as ChildcareClass
    const res = await send('DELETE', url, { ...bearer(westEditor), 'if-match': await etagOf(url) })
    expect(res.status).toBe(204)
    expect((await t.app.request(url)).status).toBe(404)
    const { entries } = await t.store.listAudit({ recordId: k.id, limit: 1 })
    expect(entries[0]).toMatchObject({ action: 'delete', before, after: null })
    const undoUrl = `/api/audit/${entries[0]!.id}/undo`
    await refused(() => send('POST', undoUrl, bearer(westEditor)), 428, /If-None-Match/)
    const undo = await send('POST', undoUrl, { ...bearer(westEditor), 'if-none-match': '*' })
    expect(undo.status).toBe(200)
    expect(await t.store.getClass(k.id)).toEqual(before)
  })

  it('undoes a change of several fields exactly, keeping the sample flag of the record', async () => {
    const s = stationIn(WEST, 6) as Station
    const url = `/api/stations/${s.id}`
    const before = await t.store.getStation(s.id)
    const res = await send(
      'PATCH',
      url,
      { ...bearer(westEditor), 'if-match': await etagOf(url) },
      {
        name: '更名驿站',
        amenities: ['wifi'],
        openingHours: null,
        hostName: '某社区',
      },
    )
    expect(res.status).toBe(200)
    const after = await t.store.getStation(s.id)
    expect(after).toEqual({
      ...before,
      name: '更名驿站',
      amenities: ['wifi'],
      openingHours: null,
      hostName: '某社区',
    })
    expect(after!.sample).toBe(true)
    // The same patch again changes nothing: no entry, no new data version.
    const version = await t.store.dataVersion()
    const same = await send(
      'PATCH',
      url,
      { ...bearer(westEditor), 'if-match': await etagOf(url) },
      {
        name: '更名驿站',
      },
    )
    expect(same.status).toBe(200)
    expect(await t.store.dataVersion()).toBe(version)
    const { entries } = await t.store.listAudit({ recordId: s.id, limit: 5 })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ action: 'update', before, after })
    const undo = await send('POST', `/api/audit/${entries[0]!.id}/undo`, {
      ...bearer(westEditor),
      'if-match': await etagOf(url),
    })
    expect(undo.status).toBe(200)
    expect(await t.store.getStation(s.id)).toEqual(before)
    expect(undo.headers.get('etag')).toBe((await etagOf(url)).replace(/\.[^"]*"$/, '"'))
  })

  it('refuses a write whose If-Match was current when read but not when written', async () => {
    const url = `/api/stations/${stationIn(WEST, 7).id}`
    const tag = await etagOf(url)
    const first = await send(
      'PATCH',
      url,
      { ...bearer(westEditor), 'if-match': tag },
      { phone: '1' },
    )
    expect(first.status).toBe(200)
    await refused(
      () => send('PATCH', url, { ...bearer(admin), 'if-match': tag }, { phone: '2' }),
      412,
      /changed/,
    )
  })
})
