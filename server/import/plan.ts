import { hash } from 'node:crypto'
import type { Station } from '../domain/station.ts'
import type { ChildcareClass } from '../domain/childcare-class.ts'
import type { Park } from '../domain/park.ts'
import type { Duplicate, RecordRef } from '../domain/import-report.ts'
import { PointIndex, type Bbox } from '../geo/spatial-index.ts'
import type { LonLat } from '../domain/geojson.ts'
import { distanceM } from '../geo/geodesic.ts'
import type {
  Draft,
  DraftOf,
  ImportLayer,
  ImportMode,
  RecordOf,
  RowAt,
  RowProblem,
} from './register.ts'
import { reasonText, type RowReason } from '../domain/import-reasons.ts'

/** Two records closer than this with the same (or a similar) name are the same place. */
export const SAME_PLACE_M = 50
/** Bigram similarity (Dice) at or above which two names are "similar". */
export const SIMILAR_NAME_DICE = 0.6
const ID_PREFIX: Record<ImportLayer, string> = { stations: 'st-', classes: 'cl-', parks: 'pk-' }

export interface PlanInput<L extends ImportLayer> {
  layer: L
  mode: ImportMode
  drafts: readonly Draft<DraftOf<L>>[]
  /** Every stored record of the layer. */
  existing: readonly RecordOf<L>[]
  /** The batch that will write the change: stamped on added and updated records. */
  batchId: string
}

export interface ImportPlan<T> {
  add: Draft<T>[]
  update: { at: RowAt; before: T; after: T }[]
  unchanged: { at: RowAt; record: T }[]
  /** Stored records the mode removes: none in merge mode. */
  remove: T[]
  /** Rows refused here: the file gave the same id or source reference earlier. */
  rejected: RowProblem[]
  duplicates: Duplicate[]
}

type AnyRecord = Station | ChildcareClass | Park
type AnyDraft = DraftOf<ImportLayer>

/**
 * Decides what an import does to a layer, without touching the store. Each draft is matched
 * to at most one stored record, and each stored record to at most one draft: first by our id,
 * then by (source, source reference), then by the same normalised name within 50 m (nearest
 * first; a draft with a source reference only takes a record that has none). A matched draft
 * is an update, or unchanged when every field is equal; an unmatched one is added with a new
 * stable id. replace-county removes the unmatched records of the counties the drafts lie in,
 * replace-all every unmatched record of the layer.
 */
export function planImport<L extends ImportLayer>(input: PlanInput<L>): ImportPlan<RecordOf<L>> {
  const { layer, mode, batchId } = input
  const drafts = input.drafts as readonly Draft<AnyDraft>[]
  const existing = input.existing as readonly AnyRecord[]
  const byId = new Map(existing.map((r) => [r.id, r]))
  const byRef = new Map<string, AnyRecord>()
  const byName = new Map<string, AnyRecord[]>()
  const storedNames = existing.map((r) => normaliseName(r.name))
  const draftNames = drafts.map((d) => normaliseName(d.record.name))
  existing.forEach((r, i) => {
    if (r.source !== null && r.sourceRef !== null) byRef.set(refKey(r.source, r.sourceRef), r)
    const name = storedNames[i]!
    const list = byName.get(name)
    if (list) list.push(r)
    else byName.set(name, [r])
  })

  const rejected: RowProblem[] = []
  const duplicates: Duplicate[] = []
  const taken: (Draft<AnyDraft> | null)[] = drafts.slice()
  // Pass 1: the file's own repeats, then exact matches (id, source reference), so that a name
  // match in pass 2 never takes a record a later row names exactly.
  const firstById = new Map<string, Draft<AnyDraft>>()
  const firstByRef = new Map<string, Draft<AnyDraft>>()
  const match: (AnyRecord | undefined)[] = new Array(drafts.length)
  const claimed = new Set<string>()
  drafts.forEach((d, i) => {
    const { id, source, sourceRef } = d.record
    const repeat =
      (id !== null && firstById.get(id)) ||
      (sourceRef !== null && firstByRef.get(refKey(source, sourceRef)))
    if (repeat) {
      const sameId = id !== null && firstById.get(id) === repeat
      const column = sameId ? 'id' : 'sourceRef'
      const reason: RowReason = { code: 'same_as_row', params: { column, row: repeat.at.row } }
      rejected.push({ at: d.at, column, ...reason, reason: reasonText(reason) })
      duplicates.push({
        reason: sameId ? 'same_id' : 'same_source_ref',
        first: draftRef(repeat),
        second: draftRef(d),
        distanceM: null,
      })
      taken[i] = null
      return
    }
    if (id !== null) firstById.set(id, d)
    if (sourceRef !== null) firstByRef.set(refKey(source, sourceRef), d)
    const exact =
      (id !== null ? byId.get(id) : undefined) ??
      (sourceRef !== null ? byRef.get(refKey(source, sourceRef)) : undefined)
    if (exact && !claimed.has(exact.id)) {
      match[i] = exact
      claimed.add(exact.id)
    }
  })
  // Pass 2: the same normalised name within 50 m, nearest first.
  taken.forEach((d, i) => {
    if (d === null || match[i] !== undefined) return
    const candidates = byName.get(draftNames[i]!)
    if (!candidates) return
    let best: AnyRecord | undefined
    let bestM = SAME_PLACE_M
    for (const r of candidates) {
      if (claimed.has(r.id) || (d.record.sourceRef !== null && r.sourceRef !== null)) continue
      const m = distanceM([d.record.lon, d.record.lat], [r.lon, r.lat])
      if (m <= bestM && (best === undefined || m < bestM || r.id < best.id)) {
        best = r
        bestM = m
      }
    }
    if (best) {
      match[i] = best
      claimed.add(best.id)
    }
  })

  const plan: ImportPlan<AnyRecord> = {
    add: [],
    update: [],
    unchanged: [],
    remove: [],
    rejected,
    duplicates,
  }
  const usedIds = new Set(byId.keys())
  const finalId: (string | undefined)[] = new Array(drafts.length)
  taken.forEach((d, i) => {
    if (d === null) return
    const before = match[i]
    if (before) {
      finalId[i] = before.id
      if (sameRecord(d.record, before)) {
        plan.unchanged.push({ at: d.at, record: before })
      } else {
        const after = { ...d.record, id: before.id, importBatch: batchId } as AnyRecord
        plan.update.push({ at: d.at, before, after })
      }
      return
    }
    const id = newId(ID_PREFIX[layer], d.record, usedIds)
    usedIds.add(id)
    finalId[i] = id
    plan.add.push({ at: d.at, record: { ...d.record, id, importBatch: batchId } as AnyRecord })
  })

  if (mode !== 'merge') {
    const counties = new Set(taken.flatMap((d) => (d ? [d.record.adcode] : [])))
    for (const r of existing) {
      if (claimed.has(r.id)) continue
      if (mode === 'replace-all' || counties.has(r.adcode)) plan.remove.push(r)
    }
  }

  findNearDuplicates({ taken, draftNames, finalId, existing, storedNames, claimed }, duplicates)
  return plan as ImportPlan<RecordOf<L>>
}

/**
 * Pairs within 50 m with similar names: two rows of the file, or a row and a stored record
 * other than the one it matched (a stored record another row matched is left out: that pair
 * is reported as two rows). One kd index over both; a 50 m box query per row, then the
 * geodesic distance for the few names that are similar.
 */
function findNearDuplicates(
  of: {
    taken: readonly (Draft<AnyDraft> | null)[]
    draftNames: readonly string[]
    finalId: readonly (string | undefined)[]
    existing: readonly AnyRecord[]
    storedNames: readonly string[]
    claimed: ReadonlySet<string>
  },
  out: Duplicate[],
): void {
  const { taken, draftNames, finalId, existing, storedNames, claimed } = of
  // Points are numbers: i < rows is row i; rows + k is stored record k.
  const rows = taken.length
  const points: number[] = []
  taken.forEach((d, i) => d && points.push(i))
  existing.forEach((r, k) => claimed.has(r.id) || points.push(rows + k))
  const lonLat = (p: number): LonLat => {
    const r = p < rows ? taken[p]!.record : existing[p - rows]!
    return [r.lon, r.lat]
  }
  const name = (p: number) => (p < rows ? draftNames[p]! : storedNames[p - rows]!)
  const index = new PointIndex(points, lonLat)
  for (const p of points) {
    if (p >= rows) break
    const at = lonLat(p)
    for (const q of index.withinBbox(boxAround(at, SAME_PLACE_M))) {
      // Each pair of rows once (the earlier row first); a row against any stored record.
      if (q <= p || !similarNames(name(p), name(q))) continue
      const m = distanceM(at, lonLat(q))
      if (m > SAME_PLACE_M) continue
      const first = draftRef(taken[p]!, finalId[p])
      const second = q >= rows ? storedRef(existing[q - rows]!) : draftRef(taken[q]!, finalId[q])
      out.push({ reason: 'near_similar_name', first, second, distanceM: m })
    }
  }
}

/**
 * A lon/lat box holding every point within `m` metres, with room to spare: a degree of
 * latitude is at least 110.5 km, of longitude at least that times cos(lat).
 */
function boxAround([lon, lat]: LonLat, m: number): Bbox {
  const dLat = (m / 110_500) * 1.01
  const dLon = dLat / Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180)
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat]
}

function draftRef(d: Draft<AnyDraft>, id: string | null = d.record.id): RecordRef {
  return { file: d.at.file, row: d.at.row, id, name: d.record.name }
}

function storedRef(r: AnyRecord): RecordRef {
  return { file: null, row: null, id: r.id, name: r.name }
}

const refKey = (source: string | null, ref: string) => `${source ?? ''}\u0000${ref}`

/** Names compared for matching: NFKC, lower case, no spaces, punctuation or symbols. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

/**
 * Two normalised names are similar when one contains the other, or their character bigrams
 * overlap with a Dice coefficient of at least SIMILAR_NAME_DICE ("西溪爱心驿站" and
 * "西溪爱心驿站二号" are; "西溪爱心驿站" and "文三路小哥驿站" share only 驿站 and are not).
 */
export function similarNames(a: string, b: string): boolean {
  if (a === '' || b === '') return false
  if (a.includes(b) || b.includes(a)) return true
  const ba = bigrams(a)
  const bb = bigrams(b)
  let shared = 0
  for (const [gram, n] of ba) shared += Math.min(n, bb.get(gram) ?? 0)
  return (2 * shared) / (a.length - 1 + (b.length - 1)) >= SIMILAR_NAME_DICE
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>()
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2)
    out.set(g, (out.get(g) ?? 0) + 1)
  }
  return out
}

/** Every field the draft gives equals the stored one; lists compare as sets. */
function sameRecord(draft: AnyDraft, stored: AnyRecord): boolean {
  const s = stored as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(draft)) {
    if (key === 'id') continue
    const old = s[key]
    if (Array.isArray(value) && Array.isArray(old)) {
      const set = new Set(old)
      if (new Set(value).size !== set.size || !value.every((v) => set.has(v))) return false
    } else if (value !== old) return false
  }
  return true
}

/**
 * A new record's id: our id when the row gives one nobody holds, else the prefix and a hash
 * of (source, source reference), or of (source, normalised name, point to ~1 m), so the same
 * row gets the same id in every import. A clash (two rows at one place with one name) takes
 * the next hash of a counter.
 */
function newId(prefix: string, d: AnyDraft, used: ReadonlySet<string>): string {
  if (d.id !== null && !used.has(d.id)) return d.id
  const key =
    d.sourceRef !== null
      ? `${d.source}\u0000ref\u0000${d.sourceRef}`
      : `${d.source}\u0000${normaliseName(d.name)}\u0000${d.lon.toFixed(5)},${d.lat.toFixed(5)}`
  for (let n = 0; ; n++) {
    const id = prefix + hash('sha256', n === 0 ? key : `${key}\u0000${n}`, 'hex').slice(0, 16)
    if (!used.has(id)) return id
  }
}
