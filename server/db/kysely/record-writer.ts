import type { ImportLayer } from '../../import/register.ts'
import type { StationInput } from '../../domain/station.ts'
import type { ChildcareClassInput } from '../../domain/childcare-class.ts'
import type { ParkInput } from '../../domain/park.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { ImportBatchRecordTable } from '../schema.ts'

export type LayerInput = StationInput | ChildcareClassInput | ParkInput

/** The table holding each layer's records. */
export const LAYER_TABLES = {
  stations: 'stations',
  classes: 'childcare_classes',
  parks: 'parks',
} as const satisfies Record<ImportLayer, string>

/**
 * How a store writes whole records inside a transaction it holds open: the shared write paths
 * (imports, rollbacks, edits) call this, and each engine writes the rows its fastest way.
 */
export interface RecordWriter {
  insertCounties(counties: readonly CountyFeature[]): Promise<void>
  /** Whole records (stations with their amenity rows); `importBatch`, when given, marks each. */
  insertRecords(
    layer: ImportLayer,
    records: readonly LayerInput[],
    importBatch?: string,
  ): Promise<void>
  /** Rewrites a stored record in place; a station's amenity rows are replaced. */
  updateRecord(layer: ImportLayer, record: LayerInput): Promise<void>
  /** Deletes records by id; a station's amenity rows go with it. */
  deleteRecords(layer: ImportLayer, ids: readonly string[]): Promise<void>
  /** Deletes every record of the layer still marked with this import batch. */
  deleteBatch(layer: ImportLayer, batchId: string): Promise<void>
  /** The before-images of a batch. */
  insertBatchRecords(rows: readonly ImportBatchRecordTable[]): Promise<void>
}
