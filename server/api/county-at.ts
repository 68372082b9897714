import type { Store } from '../db/store.ts'
import type { LonLat } from '../domain/geojson.ts'
import { createCountyLocator, type CountyLocator } from '../import/county-locator.ts'

/** Per store, the importer's county locator, rebuilt when the data version moves. */
const locators = new WeakMap<Store, { version: number; locator: Promise<CountyLocator> }>()

/** The adcode of the county a WGS-84 point lies in, as the importer places records; null outside. */
export async function countyAt(store: Store, lonLat: LonLat): Promise<string | null> {
  const version = await store.dataVersion()
  let entry = locators.get(store)
  if (entry?.version !== version) {
    entry = { version, locator: store.listCounties().then(createCountyLocator) }
    locators.set(store, entry)
  }
  return (await entry.locator).countyAt(lonLat)?.adcode ?? null
}
