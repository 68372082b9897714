import type { Generated } from 'kysely'

/** Tables as Kysely sees them; row types derive from here. Booleans are 0/1 integers. */
export interface Database {
  counties: CountyTable
  stations: StationTable
  station_amenities: StationAmenityTable
  childcare_classes: ChildcareClassTable
  parks: ParkTable
  meta: MetaTable
  import_batches: ImportBatchTable
  import_batch_records: ImportBatchRecordTable
  station_reports: StationReportTable
  users: UserTable
  sessions: SessionTable
  audit_log: AuditLogTable
}

export interface CountyTable {
  adcode: string
  name: string
  city: string
  city_adcode: string
  population: number | null
  urban_population: number | null
  children: number | null
  area_km2: number
  note: string | null
  /** GeoJSON geometry as text (WGS-84). */
  geometry: string
}

export interface StationTable {
  id: string
  name: string
  kind: string
  tier: string
  host: string
  address: string
  adcode: string
  lon: number
  lat: number
  opening_hours: string | null
  phone: string | null
  status: string
  verified_on: string | null
  sample: number
  host_name: string | null
  hours_text: string | null
  source: string | null
  source_ref: string | null
  import_batch: string | null
  access: string | null
  access_note: string | null
}

/** Where an imported row came from (migration 0002); null on sample rows. */
export type ProvenanceColumns = Pick<StationTable, 'source' | 'source_ref' | 'import_batch'>

/** One row per (station, amenity): portable across SQL dialects and indexable. */
export interface StationAmenityTable {
  station_id: string
  amenity: string
}

export interface ChildcareClassTable {
  id: string
  name: string
  host: string
  address: string
  adcode: string
  lon: number
  lat: number
  age_min: number
  age_max: number
  term_start: string
  term_end: string
  schedule: string
  capacity: number
  enrolled: number
  fee_cny: number
  contact_name: string
  contact_phone: string
  sample: number
  source: string | null
  source_ref: string | null
  import_batch: string | null
}

export interface ParkTable {
  id: string
  name: string
  address: string
  adcode: string
  lon: number
  lat: number
  facing_deg: number
  sample: number
  source: string | null
  source_ref: string | null
  import_batch: string | null
}

export interface MetaTable {
  key: string
  value: string
}

export interface ImportBatchTable {
  id: string
  seq: number
  layer: string
  source: string
  mode: string
  /** JSON: [{name, sha256, rows}]. */
  files: string
  /** JSON: ImportCounts. */
  counts: string
  created_at: string
  rolled_back_at: string | null
}

/** A record a batch touched, and its image (JSON) from before the batch; null when added. */
export interface ImportBatchRecordTable {
  batch_id: string
  record_id: string
  action: 'added' | 'updated' | 'removed'
  before: string | null
}

/** A worker's check-in or report (migration 0006); never an edit of the station. */
export interface StationReportTable {
  id: string
  station_id: string
  /** The station's county when the report was made. */
  adcode: string
  type: string
  amenity: string | null
  note: string | null
  /** ISO 8601, UTC. */
  created_at: string
  status: Generated<string>
  closed_at: string | null
  closed_by: string | null
  resolution: string | null
}

export interface UserTable {
  id: Generated<number>
  name: string
  role: string
  /** JSON array of county adcodes; [] for an admin. */
  counties: string
  /** Hex SHA-256 of the bearer token. */
  token_hash: string
  created_at: string
  revoked_at: string | null
}

export interface SessionTable {
  /** Hex SHA-256 of the session cookie's secret. */
  id_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  actor: string
  action: string
  layer: string
  record_id: string | null
  batch_id: string | null
  /** JSON array of the counties the entry touched. */
  adcodes: string
  /** The record as JSON before and after; null where it did not exist. */
  before: string | null
  after: string | null
  /** The entry this one undid. */
  undoes: number | null
}
