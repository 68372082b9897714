import type BetterSqlite from 'better-sqlite3'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { ChildcareClassTable } from '../schema.ts'
import type { Selectable } from 'kysely'
import { AMENITY_MASK_SQL } from '../amenity-mask-sql.ts'
import { kdData, unitVectors, type PointColumns } from '../../geo/spatial-index.ts'
import { classFromRow } from '../rows.ts'
import { columnBuffers, stringColumn, type StringColumn } from './string-column.ts'

/**
 * What the nearby filters need of every active station, as columns: typed arrays (moved, not
 * copied, out of a worker thread) and codes into small dictionaries for the repetitive text
 * (kind, county, opening hours), so that a rebuild hands over a few buffers instead of
 * 150,000 objects, and the filter tests numbers.
 */
export interface StationColumns extends PointColumns {
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

/** The stations' (in id order) and classes' index data at one data version. */
export interface IndexColumns {
  version: number
  stations: StationColumns
  classes: ChildcareClass[]
}

const STATIONS = `SELECT s.id, s.lon, s.lat, s.kind, s.adcode, s.opening_hours,
  lower(s.name) || char(10) || lower(s.address), ${AMENITY_MASK_SQL}
  FROM stations s WHERE s.status = 'active' ORDER BY s.id`

/**
 * Reads the index data in one read transaction (so it matches the version it is marked with),
 * with raw row arrays rather than row objects, and builds the stations' kd-tree. Runs in the
 * index thread on rebuilds, and on the event loop once at start, before the server listens.
 */
export function readIndexColumns(sqlite: BetterSqlite.Database): IndexColumns {
  return sqlite.transaction(() => {
    const version = Number(
      sqlite.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() ?? 0,
    )
    const rows = sqlite.prepare(STATIONS).raw().all() as StationRow[]
    const classes = (
      sqlite.prepare('SELECT * FROM childcare_classes').all() as Selectable<ChildcareClassTable>[]
    ).map(classFromRow)
    return { version, stations: stationColumns(rows), classes }
  })()
}

/** The buffers to move with a posted IndexColumns. */
export function transferables({ stations }: IndexColumns): ArrayBuffer[] {
  const { coords, unit, kd, amenityMasks, kinds, adcodes, hours, ids, texts } = stations
  const buffers = [coords, unit, amenityMasks, kinds, adcodes, hours]
    .map((a) => a.buffer as ArrayBuffer)
    .concat(columnBuffers(ids), columnBuffers(texts))
  return kd === null ? buffers : [...buffers, kd]
}

type StationRow = [string, number, number, string, string, string | null, string, number]

function stationColumns(rows: StationRow[]): StationColumns {
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
    amenityMasks[i] = mask
    kinds[i] = kindCode.code(kind)
    adcodes[i] = adcodeCode.code(adcode)
    hours[i] = hoursCode.code(openingHours)
  })
  return {
    ids: stringColumn(ids),
    texts: stringColumn(texts),
    coords,
    unit: unitVectors(coords),
    kd: kdData(coords),
    amenityMasks,
    kinds,
    kindNames: kindCode.values,
    adcodes,
    adcodeNames: adcodeCode.values,
    hours,
    hoursNames: hoursCode.values,
  }
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
