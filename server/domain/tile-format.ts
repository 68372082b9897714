// What the vector tiles hold, for the server that cuts them and the maps that draw them (no zod
// here: the finder imports it).

/** Point layers served as Mapbox Vector Tiles; each is also the tile's layer name. */
export const TILE_LAYERS = ['stations', 'classes'] as const
export type TileLayer = (typeof TILE_LAYERS)[number]

/** Deepest tiles served; a map shows them overzoomed beyond (points are exact to 1/8 px here). */
export const TILE_MAX_ZOOM = 14
/** Clusters up to this zoom, single points from the next one on. */
export const CLUSTER_MAX_ZOOM = 12
export const TILE_MEDIA_TYPE = 'application/vnd.mapbox-vector-tile'

/** A cluster's count of one station kind: `count_courier_station`, … */
export const kindCountProperty = (kind: string) => `count_${kind}`
