import type { CountyFacts } from '../domain/county.ts'
import type { CrsName } from '../domain/crs.ts'
import { normalizeCell } from './cell-values.ts'
import type { ClassField, ColumnMapping, ParkField, StationField } from './columns.ts'
import { crsFromText, parseDegrees, parseLonLatPair, placePoint } from './coordinates.ts'
import type { CountyLocator } from './county-locator.ts'
import type { HoursReading } from './chinese-hours.ts'
import type { RegisterFormat, RowAt, RowWarning, WarningKind } from './register.ts'
import type { TableRow } from './table.ts'
import { reasonText } from '../domain/import-reasons.ts'
import type { ReasonParams, RowReason, RowReasonCode } from '../domain/import-reasons.ts'

/** Why a row is not taken: its column's field (null: the row as a whole) and the reason. */
export class RowRejected extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: RowReason,
  ) {
    super(reasonText(reason))
  }
}

/** A field of any layer. */
type Field = StationField | ClassField | ParkField

/** What stays the same for every row of a file. */
export interface FileContext {
  file: string
  format: RegisterFormat
  header: readonly string[]
  mapping: ColumnMapping<Field>
  /** options.crs, else the headers' declaration; a row's 坐标系 cell comes in between. */
  crs: CrsName | undefined
  locator: CountyLocator
  readHours: (text: string) => HoursReading
  warnings: RowWarning[]
}

/** Cells that registers write for "nothing here". */
const PLACEHOLDERS = new Set(['-', '—', '/', '无', '暂无', 'n/a', 'null'])
/** What a spreadsheet would run as a formula; +86… is a phone number, -120.5 a number. */
const FORMULA_LIKE = /^(?:[=@]|[+-][A-Za-z(])/

/** One row's cells read by field, with the helpers both layers share. */
export class RowReader {
  readonly at: RowAt

  constructor(
    readonly ctx: FileContext,
    private readonly row: TableRow,
  ) {
    this.at = { file: ctx.file, row: row.row }
    const width = ctx.header.length
    if (row.cells.slice(width).some((c) => c.trim() !== '')) {
      throw new RowRejected(null, {
        code: 'cells_beyond_header',
        params: { cells: row.cells.length, width },
      })
    }
  }

  /** The header of a field's column, as the file writes it. */
  column(field: Field | null): string | null {
    const i = field === null ? undefined : this.ctx.mapping.index[field]
    return i === undefined ? null : (this.ctx.header[i] ?? null)
  }

  has(field: Field): boolean {
    return this.ctx.mapping.index[field] !== undefined
  }

  /** The cell's text, trimmed; '' when the column is absent or holds a placeholder (-, 无). */
  raw(field: Field): string {
    const text = this.text(field)
    return text.length <= 4 && PLACEHOLDERS.has(text.toLowerCase()) ? '' : text
  }

  /** The cell's text trimmed, placeholders included. */
  text(field: Field): string {
    const i = this.ctx.mapping.index[field]
    const text = i === undefined ? '' : (this.row.cells[i] ?? '').trim()
    if (this.ctx.format === 'csv' && FORMULA_LIKE.test(text)) {
      this.reject(field, 'formula', { text: text.slice(0, 20) })
    }
    return text
  }

  /** The cell's text; the row is refused when it is empty or the column is absent. */
  required(field: Field): string {
    return (
      this.raw(field) ||
      (this.has(field) ? this.reject(field, 'empty') : this.reject(null, 'no_column', { field }))
    )
  }

  /** The cell's text, or null when empty. */
  optional(field: Field): string | null {
    return this.raw(field) || null
  }

  reject(field: Field | null, code: RowReasonCode, params: ReasonParams = {}): never {
    throw new RowRejected(field, { code, params })
  }

  warn(kind: WarningKind, field: Field | null, code: RowReasonCode, params: ReasonParams): void {
    const reason = { code, params }
    this.ctx.warnings.push({
      at: this.at,
      column: this.column(field),
      kind,
      ...reason,
      reason: reasonText(reason),
    })
  }

  /**
   * The row's WGS-84 point and the county it lies in, from lon and lat or one coordinates
   * cell; a county the row names that is not that one is a warning.
   */
  place(): { lon: number; lat: number; adcode: string } {
    const lonLat = this.lonLat()
    const crsText = this.raw('crs')
    const rowCrs = crsText === '' ? null : crsFromText(crsText)
    if (crsText !== '' && rowCrs === null) this.reject('crs', 'unknown_crs', { text: crsText })
    const crs = this.ctx.crs ?? rowCrs ?? this.ctx.mapping.crs ?? 'wgs84'
    const placed = placePoint(lonLat, crs, (p) => this.ctx.locator.countyAt(p))
    const where = this.has('coordinates') ? 'coordinates' : 'lat'
    if (!placed.ok && placed.reason === 'swapped') this.reject(where, 'swapped')
    if (!placed.ok) this.reject(where, 'outside_counties', { point: lonLat.join(', '), crs })
    this.checkNamedCounty(placed.county)
    return { lon: placed.lonLat[0], lat: placed.lonLat[1], adcode: placed.county.adcode }
  }

  private lonLat(): [number, number] {
    if (!this.has('lon') && !this.has('lat') && this.has('coordinates')) {
      const text = this.raw('coordinates')
      if (text === '') this.reject('coordinates', 'empty')
      return parseLonLatPair(text) ?? this.reject('coordinates', 'not_lon_lat', { text })
    }
    const degrees = (field: 'lon' | 'lat') => {
      if (!this.has(field)) this.reject(null, 'no_column', { field })
      const text = this.raw(field)
      if (text === '') this.reject(field, 'empty')
      return parseDegrees(text) ?? this.reject(field, 'not_number', { text })
    }
    return [degrees('lon'), degrees('lat')]
  }

  private checkNamedCounty(county: CountyFacts): void {
    const text = this.raw('county')
    if (text === '') return
    const named = this.ctx.locator.countyNamed(text)
    if (named === null) {
      this.warn('county_mismatch', 'county', 'county_unknown', { text, county: county.name })
    } else if (named.adcode !== county.adcode) {
      this.warn('county_mismatch', 'county', 'county_elsewhere', {
        named: `${named.city}${named.name}`,
        namedCode: named.adcode,
        county: `${county.city}${county.name}`,
        countyCode: county.adcode,
      })
    }
  }

  /** A station's hours or a class's schedule; null when the cell is empty. */
  hours(field: Field): HoursReading | null {
    const text = normalizeCell(this.raw(field))
    return text === '' ? null : this.ctx.readHours(text)
  }
}
