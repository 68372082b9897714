// vt-pbf ships no types; only the function Waystation calls is declared.
declare module 'vt-pbf' {
  /** A geojson-vt style tile: point features are type 1 with [[x, y]] in tile units. */
  export interface GeojsonVtTile {
    features: {
      id?: number | string
      type: 1 | 2 | 3
      geometry: unknown
      tags: Record<string, unknown> | null | undefined
    }[]
  }
  /** Encodes named layers of geojson-vt tiles as one Mapbox Vector Tile (protobuf bytes). */
  export function fromGeojsonVt(
    layers: Record<string, GeojsonVtTile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array<ArrayBuffer>
}
