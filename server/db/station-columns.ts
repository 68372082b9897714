import { pointColumnsOf, type PointColumns } from '../geo/spatial-index.ts'
import { AMENITY_MASK_SQL } from './amenity-mask-sql.ts'
import { columnBuffers, stringColumn, type StringColumn } from './string-column.ts'

/**
 * What the nearby filters need of every active station, as columns: typed arrays (moved, not
 * copied, out of a worker thread) and codes into small dictionaries for the repetitive text
 * (kind, county, opening hours), so that a rebuild hands over a few buffers instead of
 * 150,000 objects, and the filter tests numbers. Both stores build them with the same query.
 */
export interface StationColumns extends PointColumns {
  /** In id order by code point (SQLite's BINARY, PostgreSQL's "C"), as stationIndexSql sorts. */
  ids: StringColumn
  /** Lower-cased `name\naddress`, for the text filter (a query cannot hold a newline). */
  texts: StringColumn
  amenityMasks: Uint32Array
  kinds: Uint8Array
  kindNames: string[]
  adcodes: Uint16Array
  adcodeNames: string[]
  hours: Uint32Array
  hoursNames: (string | null)[]
}

/** id, lon, lat, kind, adcode, opening_hours, text, amenity mask (a bigint's text on PostgreSQL). */
export type StationRow = [
  string,
  number,
  number,
  string,
  string,
  string | null,
  string,
  number | string,
]

/** The rows stationColumns takes, in a dialect's spelling of a newline and a byte-order sort. */
export function stationIndexSql(dialect: 'sqlite' | 'postgres'): string {
  const newline = dialect === 'sqlite' ? 'char(10)' : 'chr(10)'
  const byCodePoint = dialect === 'sqlite' ? 's.id' : 's.id COLLATE "C"'
  return `SELECT s.id, s.lon, s.lat, s.kind, s.adcode, s.opening_hours,
    lower(s.name) || ${newline} || lower(s.address), ${AMENITY_MASK_SQL}
    FROM stations s WHERE s.status = 'active' ORDER BY ${byCodePoint}`
}

export function stationColumns(rows: readonly StationRow[]): StationColumns {
  const n = rows.length
  const coords = new Float64Array(2 * n)
  const amenityMasks = new Uint32Array(n)
  const kinds = new Uint8Array(n)
  const adcodes = new Uint16Array(n)
  const hours = new Uint32Array(n)
  const kindCode = dictionary<string>()
  const adcodeCode = dictionary<string>()
  const hoursCode = dictionary<string | null>()
  const ids: string[] = new Array(n)
  const texts: string[] = new Array(n)
  rows.forEach(([id, lon, lat, kind, adcode, openingHours, text, mask], i) => {
    ids[i] = id
    texts[i] = text
    coords[2 * i] = lon
    coords[2 * i + 1] = lat
    amenityMasks[i] = Number(mask)
    kinds[i] = kindCode.code(kind)
    adcodes[i] = adcodeCode.code(adcode)
    hours[i] = hoursCode.code(openingHours)
  })
  return {
    ids: stringColumn(ids),
    texts: stringColumn(texts),
    ...pointColumnsOf(coords),
    amenityMasks,
    kinds,
    kindNames: kindCode.values,
    adcodes,
    adcodeNames: adcodeCode.values,
    hours,
    hoursNames: hoursCode.values,
  }
}

/** The buffers to move with posted StationColumns. */
export function stationBuffers(stations: StationColumns): ArrayBuffer[] {
  const { coords, unit, kd, amenityMasks, kinds, adcodes, hours, ids, texts } = stations
  const buffers = [coords, unit, amenityMasks, kinds, adcodes, hours]
    .map((a) => a.buffer as ArrayBuffer)
    .concat(columnBuffers(ids), columnBuffers(texts))
  return kd === null ? buffers : [...buffers, kd]
}

function dictionary<V>() {
  const codes = new Map<V, number>()
  const values: V[] = []
  return {
    values,
    code(value: V): number {
      let code = codes.get(value)
      if (code === undefined) {
        code = values.push(value) - 1
        codes.set(value, code)
      }
      return code
    },
  }
}
