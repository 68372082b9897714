import { setImmediate as nextTurn } from 'node:timers/promises'

/** One page of a store's keyset-paginated list (listStations, listClasses, listMapStations…). */
export interface KeysetPage<T> {
  records: T[]
  /** The last record's id when more may follow, else null. */
  lastId: string | null
}

/**
 * Every page of a keyset-paginated list in id order, each fetched on a fresh turn of the event
 * loop: a store's answer is a promise already settled, so awaiting pages alone would never let
 * a request in between them.
 */
export async function* keysetPages<T>(
  next: (afterId?: string) => Promise<KeysetPage<T>>,
): AsyncGenerator<T[]> {
  let afterId: string | undefined
  for (;;) {
    await nextTurn()
    const page = await next(afterId)
    yield page.records
    if (page.lastId === null) return
    afterId = page.lastId
  }
}
