import type BetterSqlite from 'better-sqlite3'
import type { Selectable } from 'kysely'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { ChildcareClassTable } from '../schema.ts'
import { classFromRow } from '../rows.ts'
import {
  stationColumns,
  stationIndexSql,
  type StationColumns,
  type StationRow,
} from '../station-columns.ts'

/** The stations' (in id order) and classes' index data at one data version. */
export interface IndexColumns {
  version: number
  stations: StationColumns
  classes: ChildcareClass[]
}

const STATIONS = stationIndexSql('sqlite')

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
