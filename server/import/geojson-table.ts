import { objectsTable, TableError, type Table } from './table.ts'

/**
 * A GeoJSON FeatureCollection of points: each feature's properties, plus lon and lat from its
 * geometry (which wins over properties of those names). Row n is the n-th feature.
 */
export function geojsonTable(text: string): Table {
  const collection = parseJson(text) as { type?: unknown; features?: unknown }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new TableError('not a GeoJSON FeatureCollection')
  }
  const records = collection.features.map((feature: unknown, i: number) => {
    const f = feature as {
      geometry?: { type?: unknown; coordinates?: unknown } | null
      properties?: unknown
    }
    const geometry = f?.geometry ?? null
    if (geometry !== null && geometry.type !== 'Point') {
      throw new TableError(`feature ${i + 1} is a ${String(geometry.type)}; stations are points`)
    }
    const [lon, lat] = Array.isArray(geometry?.coordinates) ? geometry.coordinates : []
    const properties =
      typeof f?.properties === 'object' && f.properties !== null ? f.properties : {}
    return { row: i + 1, fields: { ...properties, lon, lat } }
  })
  return objectsTable(records)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new TableError(
      `not valid JSON (${(e as Error).message}): the file looks cut short or damaged`,
    )
  }
}
