import type pg from 'pg'
import {
  stationColumns,
  stationIndexSql,
  type StationColumns,
  type StationRow,
} from '../station-columns.ts'

/** The stations' index data at one data version. */
export interface StationIndexData {
  version: number
  stations: StationColumns
}

const STATIONS = stationIndexSql('postgres')

/**
 * Reads the version and the active stations in one snapshot (so the columns are those of the
 * version they are marked with), rows as arrays, and builds the columns and kd-tree.
 */
export async function readStationIndex(client: pg.Client): Promise<StationIndexData> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const meta = await client.query<{ value: string }>(
      `SELECT value FROM meta WHERE key = 'data_version'`,
    )
    const rows = await client.query<StationRow>({ text: STATIONS, rowMode: 'array' })
    return { version: Number(meta.rows[0]?.value ?? 0), stations: stationColumns(rows.rows) }
  } finally {
    await client.query('COMMIT')
  }
}
