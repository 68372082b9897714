/**
 * Why an import refused a row or took it with a warning: a stable code and its parameters,
 * which the admin renders in its own language (web/i18n), and the English sentence the CLI
 * prints and the API sends beside them. Parameters are cells as written, numbers, field names
 * (ours, as in the API) and, for hours, the reader's own reason (see HOURS_REASON_CODES).
 */

export type ReasonParams = Readonly<Record<string, string | number>>

/** A refusal or warning as the report carries it. */
export interface RowReason {
  code: RowReasonCode
  params: ReasonParams
}

const p = (params: ReasonParams, key: string) => String(params[key] ?? '')

/** Each code's English sentence. */
export const ROW_REASONS_EN = {
  // Refusals: the row is not taken.
  cells_beyond_header: (x: ReasonParams) =>
    `${p(x, 'cells')} cells where the header has ${p(x, 'width')}: a delimiter inside an unquoted cell?`,
  formula: (x: ReasonParams) => `"${p(x, 'text')}" looks like a spreadsheet formula, not a value`,
  empty: () => 'is empty',
  no_column: (x: ReasonParams) =>
    x.field === 'lon'
      ? 'no longitude column'
      : x.field === 'lat'
        ? 'no latitude column'
        : `no ${p(x, 'field')} column`,
  unknown_crs: (x: ReasonParams) => `"${p(x, 'text')}" is not a coordinate system we know`,
  swapped: () => 'longitude and latitude look swapped',
  outside_counties: (x: ReasonParams) =>
    `the point ${p(x, 'point')} (${p(x, 'crs')}) lies outside every county`,
  not_lon_lat: (x: ReasonParams) => `"${p(x, 'text')}" is not a "lon,lat" pair`,
  not_number: (x: ReasonParams) => `"${p(x, 'text')}" is not a number`,
  not_age_range: (x: ReasonParams) => `"${p(x, 'text')}" is not an age range such as 3-12岁`,
  not_year: (x: ReasonParams) => `"${p(x, 'text')}" is not a year`,
  term_not_two_dates: (x: ReasonParams) =>
    `"${p(x, 'text')}": expected two dates, a start and an end`,
  term_no_year: (x: ReasonParams) =>
    `"${p(x, 'text')}": the dates have no year, and the file gives none (add a 年份 column)`,
  term_not_date: (x: ReasonParams) => `"${p(x, 'text')}": not a calendar date`,
  term_backwards: (x: ReasonParams) => `"${p(x, 'text')}": the term ends before it starts`,
  no_term_start: () => 'no start date',
  no_term_end: () => 'no end date',
  not_date: (x: ReasonParams) => `"${p(x, 'text')}" is not a date`,
  no_schedule: () => 'no daily schedule (托管时间)',
  schedule_unreadable: (x: ReasonParams) =>
    `"${p(x, 'text')}" cannot be read as hours: ${p(x, 'why')}`,
  no_count: (x: ReasonParams) => `no ${p(x, 'field')}`,
  not_whole_number: (x: ReasonParams) => `"${p(x, 'text')}" is not a whole number`,
  no_fee: () => 'no fee (收费; 免费 for none)',
  not_fee: (x: ReasonParams) => `"${p(x, 'text')}" is not an amount such as 300元 or 免费`,
  not_direction: (x: ReasonParams) =>
    `"${p(x, 'text')}" is not a direction: degrees from north, 0–360 (90 is east), or 东/东南/…`,
  invalid_field: (x: ReasonParams) => `${p(x, 'field')}: ${p(x, 'message')}`,
  same_as_row: (x: ReasonParams) => `same ${p(x, 'column')} as row ${p(x, 'row')}`,
  // Warnings: the row is taken.
  unknown_word: (x: ReasonParams) =>
    `"${p(x, 'text')}" is not a ${p(x, 'field')} we know; the default was used`,
  unknown_services: (x: ReasonParams) => `left out, not in our vocabulary: ${p(x, 'list')}`,
  hours_kept_as_text: (x: ReasonParams) => `kept as text: ${p(x, 'why')}`,
  date_left_empty: (x: ReasonParams) => `"${p(x, 'text')}" is not a date; left empty`,
  unknown_access: (x: ReasonParams) =>
    `"${p(x, 'text')}" is not a way in we know; kept as the access note`,
  access_note_cut: (x: ReasonParams) => `the access note was cut to ${p(x, 'max')} characters`,
  county_unknown: (x: ReasonParams) =>
    `names "${p(x, 'text')}", not a county we know; the point lies in ${p(x, 'county')}`,
  county_elsewhere: (x: ReasonParams) =>
    `names ${p(x, 'named')} (${p(x, 'namedCode')}), but the point lies in ${p(x, 'county')} (${p(x, 'countyCode')})`,
} as const satisfies Record<string, (x: ReasonParams) => string>

export type RowReasonCode = keyof typeof ROW_REASONS_EN
export const ROW_REASON_CODES = Object.keys(ROW_REASONS_EN) as RowReasonCode[]

/** The English sentence of a refusal or warning. */
export const reasonText = (r: RowReason): string => ROW_REASONS_EN[r.code](r.params)
