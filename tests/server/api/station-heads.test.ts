import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { StationHeads, stationHead } from '../../../server/api/station-heads.ts'
import { StationSchema, type Station } from '../../../server/domain/station.ts'
import { makeTestApp } from './test-app.ts'

const data = makeDataset(60)
const byId = new Map(data.stations.map((s) => [s.id, StationSchema.parse(s)]))
/** A reader that counts what it was asked for. */
function reader(stations: Map<string, Station> = byId) {
  const asked: string[][] = []
  const read = async (ids: string[]) => {
    asked.push(ids)
    return ids.flatMap((id) => stations.get(id) ?? [])
  }
  return { asked, read }
}
const ids = data.stations.slice(0, 5).map((s) => s.id)

describe('StationHeads', () => {
  it('reads each station once per data version, and anew after the version moves', async () => {
    const heads = new StationHeads(1e9)
    const { asked, read } = reader()
    const first = await heads.of(1, ids, read)
    expect(first.map((h) => h!.json)).toEqual(ids.map((id) => stationHead(byId.get(id)!).json))
    await heads.of(1, [ids[2]!, 'missing', ids[0]!], read)
    expect(asked).toEqual([ids, ['missing']])
    const renamed = new Map(byId).set(ids[0]!, { ...byId.get(ids[0]!)!, name: '新名字' })
    const later = reader(renamed)
    const [head] = await heads.of(2, [ids[0]!], later.read)
    expect(later.asked).toEqual([[ids[0]]])
    expect(head!.json.toString()).toContain('"name":"新名字"')
  })

  it('gives undefined for a station the reader no longer finds', async () => {
    const heads = await new StationHeads(1e9).of(1, [ids[0]!, 'gone'], reader().read)
    expect(heads[0]).toBeDefined()
    expect(heads[1]).toBeUndefined()
  })

  it('keeps nothing an answer of an older version read, so a newer one never meets old rows', async () => {
    const heads = new StationHeads(1e9)
    await heads.of(2, [ids[0]!], reader().read)
    const { asked, read } = reader()
    await heads.of(1, [ids[0]!, ids[1]!], read)
    expect(asked).toEqual([[ids[0], ids[1]]])
    expect(heads.size).toBe(1)
  })

  it('drops the first kept beyond its byte budget', async () => {
    const sizes = ids.map((id) => stationHead(byId.get(id)!).json.length)
    // Slabs of one byte: each head in a slab of its own size.
    const heads = new StationHeads(sizes[0]! + sizes[1]! + sizes[2]!, 1)
    const { asked, read } = reader()
    await heads.of(1, ids.slice(0, 3), read)
    await heads.of(1, [ids[3]!], read)
    expect(heads.bytes).toBeLessThanOrEqual(sizes[0]! + sizes[1]! + sizes[2]!)
    expect(heads.size).toBeLessThan(4)
    await heads.of(1, [ids[3]!, ids[2]!], read)
    expect(asked).toHaveLength(2) // the newest two are kept
    await heads.of(1, [ids[0]!], read)
    expect(asked.at(-1)).toEqual([ids[0]])
  })
})

describe('StationHeads in slabs', () => {
  it('packs heads into slabs and drops the oldest slab whole, never the one being filled', async () => {
    const all = data.stations.map((s) => s.id)
    const slab = 8 * 1024
    const heads = new StationHeads(2 * slab, slab)
    const { asked, read } = reader()
    await heads.of(1, all.slice(0, 8), read) // ~700 B each: one slab
    expect(heads.bytes).toBe(slab)
    await heads.of(1, all.slice(8, 40), read) // two more slabs: the first goes
    expect(heads.bytes).toBe(2 * slab)
    const kept = await heads.of(1, all.slice(0, 40), async (ids) => {
      asked.push(ids)
      return ids.map((id) => byId.get(id)!)
    })
    const reread = asked.at(-1)!
    expect(reread).toEqual(all.slice(0, reread.length)) // the oldest, in order
    expect(reread.length).toBeGreaterThanOrEqual(8)
    // Every head, kept or read again, is the station's own bytes.
    expect(kept.map((h) => h!.json.toString())).toEqual(
      all.slice(0, 40).map((id) => stationHead(byId.get(id)!).json.toString()),
    )
  })
})

describe('GET /api/stations/nearby with kept features', () => {
  let t: Awaited<ReturnType<typeof makeTestApp>>
  beforeAll(async () => {
    t = await makeTestApp(data)
  })
  afterAll(() => t.close())

  it('shows a station as the latest write left it, not as first answered', async () => {
    const s = data.stations.find((x) => x.status === 'active')!
    const url = `/api/stations/nearby?lon=${s.lon}&lat=${s.lat}&radius=1&limit=50`
    const name = async () =>
      (await t.get(url)).body
        .features!.map((f) => (f as { properties: { id: string; name: string } }).properties)
        .find((p) => p.id === s.id)?.name
    expect(await name()).toBe(s.name)
    await t.store.replaceDataset({
      ...data,
      stations: data.stations.map((x) => (x.id === s.id ? { ...x, name: '改过的名字' } : x)),
    })
    expect(await name()).toBe('改过的名字')
  })
})
