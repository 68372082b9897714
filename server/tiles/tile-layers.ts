import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Store } from '../db/store.ts'
import { STATION_KINDS } from '../domain/vocabularies.ts'
import type { TileLayer } from '../domain/tile-format.ts'
import type { CountBy, TilePoint } from './point-tiles.ts'

/**
 * What each tile layer holds: a layer is one entry here (and its name in TILE_LAYERS). `pages`
 * reads the layer's points from the store a page at a time, yielding to the event loop between
 * pages; the tile thread takes each page as it comes and indexes them all.
 */
export interface TileLayerSource {
  pages(store: Store): AsyncIterable<TilePoint[]>
  countBy?: CountBy
}

/**
 * ~5 ms of the event loop a page (read at ~3 µs a row, and copied to the tile thread). A store's
 * answer is a promise already settled, so awaiting it alone never lets a request in: 150,000
 * stations held the loop 4 s before nextTurn.
 */
const PAGE = 1000

export const TILE_LAYER_SOURCES: Record<TileLayer, TileLayerSource> = {
  // Active stations only, as the finder has always drawn them (nearby lists no others). A point
  // carries what the map styles and filters read: amenities as a bit set (bit i: AMENITIES[i]);
  // its hours stay in the tile thread, which picks the stations open at an instant.
  stations: {
    countBy: { property: 'kind', values: STATION_KINDS },
    async *pages(store) {
      let afterId: string | undefined
      do {
        const page = await store.listMapStations({ limit: PAGE, afterId })
        yield page.stations.map(({ id, kind, tier, name, sample, amenities, ...s }) => ({
          lon: s.lon,
          lat: s.lat,
          properties: { id, kind, tier, name, sample, amenities },
          hours: s.openingHours,
        }))
        afterId = page.lastId ?? undefined
        await nextTurn()
      } while (afterId !== undefined)
    },
  },
  // Every class, full ones too (the map greys them): the Store lists classes only by distance,
  // so this asks for all of them around any point.
  classes: {
    async *pages(store) {
      const { classes } = await store.counts()
      if (classes === 0) return
      const { hits } = await store.nearbyClasses([120, 29], {
        radiusM: Infinity,
        limit: classes,
        filter: {},
      })
      yield hits.map(({ item: c }) => ({
        lon: c.lon,
        lat: c.lat,
        properties: {
          id: c.id,
          name: c.name,
          seatsLeft: Math.max(0, c.capacity - c.enrolled),
          ageMin: c.ageMin,
          ageMax: c.ageMax,
          sample: c.sample,
        },
      }))
    },
  },
}
