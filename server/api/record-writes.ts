import type { Context } from 'hono'
import { randomBytes } from 'node:crypto'
import { RecordChangedError, type Store } from '../db/store.ts'
import { mayEdit, type User } from '../domain/account.ts'
import type { AuditAction, AuditEntry } from '../domain/audit.ts'
import type { RecordOf } from '../import/register.ts'
import type { EditLayer } from '../domain/edits.ts'
import { actorOf } from '../auth/actors.ts'
import { forbidden } from '../auth/authenticate.ts'
import type { AppEnv } from './env.ts'
import { badParameter } from './problem.ts'
import { recordVersion, stale } from './record-version.ts'
import { countyAt } from './county-at.ts'

// The steps every write of the editing API shares: place, authorise, save with its audit entry.

const NOUN: Record<EditLayer, string> = { stations: 'station', classes: 'class' }
const ID_PREFIX: Record<EditLayer, string> = { stations: 'st-', classes: 'cl-' }

/** A stored record of a layer, or null. */
export function readRecord<L extends EditLayer>(
  store: Store,
  layer: L,
  id: string,
): Promise<RecordOf<L> | null> {
  return (
    layer === 'classes' ? store.getClass(id) : store.getStation(id)
  ) as Promise<RecordOf<L> | null>
}

/** A new record's id: the layer's prefix, then 48 random bits (`st-e3b0c44298fc`). */
export const newRecordId = (layer: EditLayer) => ID_PREFIX[layer] + randomBytes(6).toString('hex')

/** What a record made in the editing API says about where it came from. */
export const editorProvenance = (user: User) => ({
  sample: false,
  source: `${user.name}（编辑）`,
  sourceRef: null,
  importBatch: null,
})

/** The county holding the point (as the importer decides it); 400 naming `lon` outside all. */
export async function placedIn(store: Store, lon: number, lat: number): Promise<string> {
  const adcode = await countyAt(store, [lon, lat])
  if (adcode === null) throw badParameter('lon', `${lon},${lat} lies outside every county`)
  return adcode
}

/** 403 unless the user may write in every one of these counties. */
export function authorise(user: User, layer: EditLayer, adcodes: readonly string[]): void {
  const outside = adcodes.find((a) => !mayEdit(user, a))
  if (outside !== undefined) {
    throw forbidden(`${user.name} may not write a ${NOUN[layer]} in county ${outside}`)
  }
}

/**
 * Writes `next` over `current` (either may be null) with its audit entry, unless they are the
 * same (nothing is written, null is answered). A record that moved meanwhile is a 412.
 */
export async function saveRecord<L extends EditLayer>(
  c: Context<AppEnv>,
  user: User,
  change: {
    layer: L
    id: string
    current: RecordOf<L> | null
    next: RecordOf<L> | null
    action: AuditAction
    undoes?: number
  },
): Promise<AuditEntry | null> {
  const { layer, id, current, next } = change
  const version = (r: object | null) => (r === null ? null : recordVersion(r))
  if (version(current) === version(next)) return null
  try {
    return await c.var.store.writeRecord({
      layer,
      id,
      expected: current,
      next,
      actor: actorOf(user),
      action: change.action,
      undoes: change.undoes,
      at: new Date().toISOString(),
    })
  } catch (err) {
    if (err instanceof RecordChangedError) throw stale(await readRecord(c.var.store, layer, id))
    throw err
  }
}
