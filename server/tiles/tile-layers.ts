import type { Store } from '../db/store.ts'
import { keysetPages } from '../db/keyset-pages.ts'
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
 * ~2–5 ms of the event loop a page (read at ~9 µs a row with its amenities, and copied to the
 * tile thread); while the tile, index and coverage threads share the cores at start-up, 1,000 a
 * page held it 30–70 ms (keysetPages gives each page a turn of its own: 150,000 stations at once
 * held the loop 4 s).
 */
const PAGE = 250

export const TILE_LAYER_SOURCES: Record<TileLayer, TileLayerSource> = {
  // Active stations only, as the finder has always drawn them (nearby lists no others). A point
  // carries what the map styles and filters read: amenities as a bit set (bit i: AMENITIES[i]);
  // its hours stay in the tile thread, which picks the stations open at an instant.
  stations: {
    countBy: { property: 'kind', values: STATION_KINDS },
    pages: (store) =>
      pointPages(
        keysetPages((afterId) =>
          store
            .listMapStations({ limit: PAGE, afterId })
            .then((p) => ({ records: p.stations, lastId: p.lastId })),
        ),
        ({ id, kind, tier, name, sample, amenities, ...s }) => ({
          lon: s.lon,
          lat: s.lat,
          properties: { id, kind, tier, name, sample, amenities },
          hours: s.openingHours,
        }),
      ),
  },
  // Every class, full ones too (the map greys them), by pages as the stations: asking for all of
  // them by distance solved a geodesic per class on the event loop.
  classes: {
    pages: (store) =>
      pointPages(
        keysetPages((afterId) =>
          store
            .listClasses({ limit: PAGE, afterId })
            .then((p) => ({ records: p.classes, lastId: p.lastId })),
        ),
        (c) => ({
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
        }),
      ),
  },
}

/** Each page of records as tile points. */
async function* pointPages<T>(
  pages: AsyncIterable<T[]>,
  point: (record: T) => TilePoint,
): AsyncIterable<TilePoint[]> {
  for await (const records of pages) yield records.map(point)
}
