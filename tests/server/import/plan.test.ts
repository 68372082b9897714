import { describe, expect, it } from 'vitest'
import {
  normaliseName,
  planImport,
  SAME_PLACE_M,
  similarNames,
} from '../../../server/import/plan.ts'
import type { Draft, ImportMode, StationDraft } from '../../../server/import/register.ts'
import type { Station } from '../../../server/domain/station.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'
import { makeDataset } from '../../fixtures/dataset.ts'

const base = makeDataset(1, 0).stations[0]!
const M_PER_DEG_LAT = 110_900 // near 30°N, close enough to place points a few metres apart

function stored(id: string, over: Partial<Station> = {}): Station {
  return { ...base, id, name: `驿站${id}`, ...over } as Station
}

/** A row of a register that says exactly what `s` holds (as our JSONL export would). */
function draftOf(s: Station, row: number, over: Partial<StationDraft> = {}): Draft<StationDraft> {
  const record = { ...s, id: null, ...over } as StationDraft & { importBatch?: string | null }
  delete record.importBatch
  return { at: { file: 'reg.jsonl', row }, record }
}

const plan = (drafts: Draft<StationDraft>[], existing: Station[], mode: ImportMode = 'merge') =>
  planImport({ layer: 'stations', mode, drafts, existing, batchId: 'b-1' })

const north = (s: Station, m: number) => ({ lat: s.lat + m / M_PER_DEG_LAT })

describe('names', () => {
  it('normalises width, case, spaces and punctuation away', () => {
    expect(normaliseName(' 西溪（二号）爱心驿站 ')).toBe(normaliseName('西溪(二号)爱心驿站'))
    expect(normaliseName('ＡＢＣ 驿站·1')).toBe('abc驿站1')
  })

  it.each([
    ['西溪爱心驿站', '西溪爱心驿站二号', true], // one holds the other
    ['测试爱心驿站12号', '测试爱心驿站13号', true], // Dice 0.75
    ['文三路小哥驿站', '文三路小哥之家', true], // Dice 0.67
    ['西溪爱心驿站', '文三路小哥驿站', false], // only 驿站 shared
    ['环卫工人休息点', '货车司机之家', false],
    ['', '驿站', false],
  ])('%s ~ %s: %s', (a, b, similar) => {
    expect(similarNames(normaliseName(a), normaliseName(b))).toBe(similar)
    expect(similarNames(normaliseName(b), normaliseName(a))).toBe(similar)
  })
})

describe('planImport', () => {
  // Three counties; the file covers 330106 and 330102, not 330105.
  const A = stored('st-a', { source: 'reg', sourceRef: '1', sample: false })
  const B = stored('st-b', { name: '西溪驿站' })
  const C = stored('st-c', { adcode: '330102', lon: base.lon + 0.1 })
  const D = stored('st-d')
  const E = stored('st-e', { adcode: '330105', lon: base.lon - 0.1 })
  const F = stored('st-f', { adcode: '330102', lon: base.lon + 0.2 })
  const existing = [A, B, C, D, E, F]
  const drafts = [
    draftOf(A, 2, { sourceRef: '1' }), // same ref, same fields: unchanged
    draftOf(B, 3, { name: '西溪 驿站', ...north(B, 20), source: 'reg', sample: false }), // name
    draftOf(stored('x', { name: '新驿站', lon: base.lon + 0.05 }), 4, { sourceRef: '9' }), // new
    draftOf(C, 5, { id: 'st-c', phone: '110' }), // our id, a field changed
  ]

  it.each([
    ['merge', []],
    ['replace-county', ['st-d', 'st-f']],
    ['replace-all', ['st-d', 'st-e', 'st-f']],
  ] as const)('%s: adds, updates, keeps and removes exactly', (mode, removed) => {
    const p = plan(drafts, existing, mode)
    expect(p.unchanged.map((u) => [u.at.row, u.record.id])).toEqual([[2, 'st-a']])
    expect(p.update.map((u) => [u.at.row, u.before.id, u.after.id])).toEqual([
      [3, 'st-b', 'st-b'],
      [5, 'st-c', 'st-c'],
    ])
    expect(p.update.every((u) => u.after.importBatch === 'b-1')).toBe(true)
    expect(p.update[0]!.after.source).toBe('reg')
    expect(p.update[1]!.after.phone).toBe('110')
    expect(p.add.map((a) => [a.at.row, a.record.name, a.record.importBatch])).toEqual([
      [4, '新驿站', 'b-1'],
    ])
    expect(p.add[0]!.record.id).toMatch(/^st-[0-9a-f]{16}$/)
    expect(p.remove.map((r) => r.id)).toEqual(removed)
    expect(p.rejected).toEqual([])
  })

  it('compares amenities as sets', () => {
    const s = stored('st-s', { amenities: ['toilet', 'wifi'], source: 'r', sourceRef: '7' })
    const p = plan([draftOf(s, 2, { amenities: ['wifi', 'toilet', 'wifi'] })], [s])
    expect(p.unchanged).toHaveLength(1)
    const q = plan([draftOf(s, 2, { amenities: ['wifi'] })], [s])
    expect(q.update).toHaveLength(1)
  })

  it('matches a name only within 50 m, and the nearest of two', () => {
    const far = plan([draftOf(B, 2, north(B, 60))], [B])
    expect(far.add).toHaveLength(1)
    expect(far.update).toHaveLength(0)
    const B2 = stored('st-b2', { name: B.name, ...north(B, 30) })
    const two = plan([draftOf(B, 2, { ...north(B, 25), phone: '1' })], [B, B2])
    expect(two.update.map((u) => u.before.id)).toEqual(['st-b2'])
  })

  it('never lets a row with a source reference take a record that has another', () => {
    const other = stored('st-o', { source: 'reg', sourceRef: '41' })
    const p = plan([draftOf(other, 2, { sourceRef: '42' })], [other])
    expect(p.add).toHaveLength(1)
  })

  it('rejects the same source reference or id again, and reports the pair', () => {
    const p = plan(
      [
        draftOf(A, 2),
        draftOf(stored('y'), 3, { source: 'reg', sourceRef: '1' }),
        draftOf(C, 4, { id: 'st-c' }),
        draftOf(D, 5, { id: 'st-c' }),
      ],
      existing,
    )
    expect(p.rejected).toEqual([
      {
        at: { file: 'reg.jsonl', row: 3 },
        column: 'sourceRef',
        reason: 'same sourceRef as row 2',
        code: 'same_as_row',
        params: { column: 'sourceRef', row: 2 },
      },
      {
        at: { file: 'reg.jsonl', row: 5 },
        column: 'id',
        reason: 'same id as row 4',
        code: 'same_as_row',
        params: { column: 'id', row: 4 },
      },
    ])
    const repeats = p.duplicates.filter((d) => d.reason !== 'near_similar_name')
    expect(repeats.map((d) => [d.reason, d.first.row, d.second.row])).toEqual([
      ['same_source_ref', 2, 3],
      ['same_id', 4, 5],
    ])
    expect(p.unchanged.length + p.update.length + p.add.length).toBe(2)
  })

  it('gives new records stable ids that collide with nothing stored', () => {
    const row = draftOf(stored('z', { name: '新站' }), 2)
    const first = plan([row], []).add[0]!.record.id
    expect(plan([row], []).add[0]!.record.id).toBe(first)
    // Someone already holds that id (a different place): the new record takes another.
    const holder = stored(first, { name: '别的站', lon: base.lon + 0.3 })
    const second = plan([row], [holder]).add[0]!.record.id
    expect(second).not.toBe(first)
    expect(second).toMatch(/^st-[0-9a-f]{16}$/)
    // Two identical rows at one place: distinct ids (and reported as near duplicates).
    const twin = plan([row, { ...row, at: { file: 'reg.jsonl', row: 3 } }], [])
    expect(new Set(twin.add.map((a) => a.record.id)).size).toBe(2)
    expect(twin.duplicates.map((d) => [d.first.row, d.second.row])).toEqual([[2, 3]])
  })

  it('reports everything unchanged when the same file comes again', () => {
    const rows = (makeDataset(200, 0, 11).stations as Station[]).map((s, i) =>
      draftOf(s, i + 2, { source: 'reg', sourceRef: i % 2 ? `R${i}` : null, sample: false }),
    )
    const first = plan(rows, [])
    const again = plan(
      rows,
      first.add.map((a) => a.record),
    )
    expect(again.unchanged).toHaveLength(first.add.length)
    expect(again.add.length + again.update.length + again.remove.length).toBe(0)
  })

  it('finds exactly the near, similarly named pairs a brute-force scan finds', () => {
    const rnd = createRandom(5)
    const names = ['西溪爱心驿站', '西溪爱心驿站二号', '文三路小哥驿站', '文三路小哥之家', '休息点']
    const place = (i: number) =>
      stored(`st-${i}`, {
        name: rnd.pick(names),
        lon: 120.1 + rnd.uniform(0, 0.004),
        lat: 30.25 + rnd.uniform(0, 0.004),
        source: 'old',
        sourceRef: `o${i}`,
      })
    const existingSet = Array.from({ length: 150 }, (_, i) => place(i))
    const rows = Array.from({ length: 150 }, (_, i) =>
      draftOf(place(1000 + i), i + 2, { source: 'new', sourceRef: `n${i}` }),
    )
    const got = plan(rows, existingSet)
      .duplicates.map((d) => `${d.first.row}|${d.second.row ?? d.second.id}`)
      .sort()
    const want: string[] = []
    const near = (a: Station | StationDraft, b: Station | StationDraft) =>
      distanceM([a.lon, a.lat], [b.lon, b.lat]) <= SAME_PLACE_M &&
      similarNames(normaliseName(a.name), normaliseName(b.name))
    rows.forEach((r, i) => {
      rows.forEach(
        (s, j) => j > i && near(r.record, s.record) && want.push(`${r.at.row}|${s.at.row}`),
      )
      for (const e of existingSet) if (near(r.record, e)) want.push(`${r.at.row}|${e.id}`)
    })
    expect(want.length).toBeGreaterThan(20)
    expect(got).toEqual(want.sort())
  })
})
