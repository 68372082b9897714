import type { Station } from '../domain/station.ts'
import type { ChildcareClass } from '../domain/childcare-class.ts'
import type { Park } from '../domain/park.ts'
import type { CrsName } from '../domain/crs.ts'
import type { RowReason } from '../domain/import-reasons.ts'

/**
 * The shapes that pass between the stages of an import: reading a union's register files
 * (server/import/read-*), planning the change against the store (plan), and writing it as one
 * batch (the store). Types only: each stage lives in its own module.
 */

export const IMPORT_LAYERS = ['stations', 'classes', 'parks'] as const
export type ImportLayer = (typeof IMPORT_LAYERS)[number]

/**
 * merge: upsert by our id, else by source reference (编号), else by name within 50 m;
 * replace-county: also remove what the file's counties hold and the file does not;
 * replace-all: also remove everything else in the layer.
 */
export const IMPORT_MODES = ['merge', 'replace-county', 'replace-all'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

export const REGISTER_FORMATS = ['csv', 'xlsx', 'geojson', 'jsonl'] as const
export type RegisterFormat = (typeof REGISTER_FORMATS)[number]

/** A file handed to the importer, whole. */
export interface RegisterFile {
  name: string
  bytes: Uint8Array
}

export interface ReadOptions {
  layer: ImportLayer
  /** The coordinates' system; undefined: what the file declares, else WGS-84. */
  crs?: CrsName
  /** Overrides encoding detection for CSV (an iconv-lite name such as gb18030). */
  encoding?: string
  /** XLSX sheet name; undefined: the first sheet. */
  sheet?: string
  /** Extra header → field names (`--map map.json`), consulted before the built-in headers. */
  columnMap?: Readonly<Record<string, string>>
  /** The register's name, stored on every record as `source`. */
  source: string
  /** More data rows than this (all files together) refuse the import. */
  maxRows: number
}

/** A row's place: the file, and its row number as a spreadsheet shows it (the header is 1). */
export interface RowAt {
  file: string
  row: number
}

/**
 * Why a row was not taken; `column` is the file's own header, null for the row as a whole;
 * `reason` is the English sentence of the code.
 */
export interface RowProblem extends RowReason {
  at: RowAt
  column: string | null
  reason: string
}

export const WARNING_KINDS = [
  'hours_text', // hours kept as text: no `opening_hours` reading was certain
  'unknown_service', // a 服务项目 entry outside our vocabulary, left out
  'county_mismatch', // the county the file names is not the one the point lies in
  'unknown_value', // a kind, host or status word we could not read; the default was used
  'access_text', // a 进入方式 we could not read as a way in, kept as the access note
] as const
export type WarningKind = (typeof WARNING_KINDS)[number]

/** A row that was taken, with something the importer could not take as written. */
export interface RowWarning extends RowProblem {
  kind: WarningKind
}

/** A record as read: no batch yet, and an id only when the file carries ours. */
export type StationDraft = Omit<Station, 'id' | 'importBatch'> & { id: string | null }
export type ClassDraft = Omit<ChildcareClass, 'id' | 'importBatch'> & { id: string | null }
export type ParkDraft = Omit<Park, 'id' | 'importBatch'> & { id: string | null }
export type DraftOf<L extends ImportLayer> = L extends 'stations'
  ? StationDraft
  : L extends 'classes'
    ? ClassDraft
    : ParkDraft

export interface Draft<T> {
  at: RowAt
  record: T
}

export interface FileSummary {
  name: string
  /** SHA-256 of the bytes, hex. */
  sha256: string
  format: RegisterFormat
  /** CSV only: the encoding used (detected or given). */
  encoding: string | null
  /** XLSX only: the sheet read. */
  sheet: string | null
  /** Data rows (not counting the header). */
  rows: number
  /** Each header and the field it was read as; null for a column we do not know (reported). */
  columns: { header: string; field: string | null }[]
}

export interface RegisterRead<T> {
  files: FileSummary[]
  drafts: Draft<T>[]
  rejected: RowProblem[]
  warnings: RowWarning[]
}

/** A file that cannot be read at all: nothing is imported, from it or any other file. */
export class RegisterFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`)
    this.name = 'RegisterFileError'
  }
}

/** A stored record of a layer, as the plan and the store's import batches handle it. */
export type RecordOf<L extends ImportLayer> = L extends 'stations'
  ? Station
  : L extends 'classes'
    ? ChildcareClass
    : Park
