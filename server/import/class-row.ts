import type { ClassDraft } from './register.ts'
import { normalizeCell, readCount, readDate } from './cell-values.ts'
import { readAgeRange, readClassHost, readFee, readTerm, readYear } from './class-values.ts'
import type { RowReader } from './row-reader.ts'

/**
 * A childcare-class draft from one row. Ages, term, schedule, capacity and fee are what a
 * parent decides by, so a row is refused when any of them cannot be read; the host kind comes
 * from the host's name, else the class's name (上城区总工会…托班), else enterprise.
 */
export function readClassRow(r: RowReader, source: string, fileYear: number | null): ClassDraft {
  const name = r.required('name')
  const place = r.place()
  return {
    id: r.optional('id'),
    name,
    host:
      readClassHost(r.raw('host')) ??
      readClassHost(r.raw('hostName')) ??
      readClassHost(name) ??
      'enterprise',
    address: r.raw('address'),
    ...place,
    ...ages(r),
    ...term(r, fileYear),
    schedule: schedule(r),
    capacity: count(r, 'capacity', null),
    enrolled: count(r, 'enrolled', 0),
    feeCny: fee(r),
    contactName: r.raw('contactName'),
    contactPhone: r.raw('contactPhone'),
    sample: false,
    source,
    sourceRef: r.optional('sourceRef'),
  }
}

function ages(r: RowReader): { ageMin: number; ageMax: number } {
  if (r.has('age')) {
    const text = r.raw('age')
    return (
      readAgeRange(text) ??
      (text === '' ? r.reject('age', 'empty') : r.reject('age', 'not_age_range', { text }))
    )
  }
  return { ageMin: count(r, 'ageMin', null), ageMax: count(r, 'ageMax', null) }
}

function term(r: RowReader, fileYear: number | null): { termStart: string; termEnd: string } {
  if (r.has('term')) {
    const text = r.raw('term')
    if (text === '') r.reject('term', 'empty')
    const yearText = r.raw('year')
    const year =
      yearText === ''
        ? fileYear
        : (readYear(yearText) ?? r.reject('year', 'not_year', { text: yearText }))
    const reading = readTerm(text, year)
    return reading.ok ? reading : r.reject('term', reading.code, { text })
  }
  const date = (field: 'termStart' | 'termEnd') => {
    const text = r.raw(field)
    if (text === '')
      r.reject(r.has(field) ? field : null, field === 'termStart' ? 'no_term_start' : 'no_term_end')
    return readDate(text) ?? r.reject(field, 'not_date', { text })
  }
  return { termStart: date('termStart'), termEnd: date('termEnd') }
}

function schedule(r: RowReader): string {
  const reading = r.hours('schedule')
  if (reading === null) return r.reject(r.has('schedule') ? 'schedule' : null, 'no_schedule')
  return reading.ok
    ? reading.value
    : r.reject('schedule', 'schedule_unreadable', { text: r.raw('schedule'), why: reading.reason })
}

function count(
  r: RowReader,
  field: 'capacity' | 'enrolled' | 'ageMin' | 'ageMax',
  empty: number | null,
): number {
  const text = r.raw(field)
  if (text === '' && empty !== null) return empty
  if (text === '') return r.reject(r.has(field) ? field : null, 'no_count', { field })
  return readCount(text) ?? r.reject(field, 'not_whole_number', { text })
}

function fee(r: RowReader): number {
  const text = normalizeCell(r.text('feeCny'))
  if (text === '') return r.reject(r.has('feeCny') ? 'feeCny' : null, 'no_fee')
  return readFee(text) ?? r.reject('feeCny', 'not_fee', { text })
}
