import type { StationDraft } from './register.ts'
import { readDate } from './cell-values.ts'
import type { RowReader } from './row-reader.ts'
import {
  readAccess,
  readAmenities,
  readKind,
  readStationHost,
  readStatus,
  readTier,
} from './station-values.ts'
import { ACCESS_NOTE_MAX } from '../domain/station.ts'

/**
 * A station draft from one row. Words we cannot read for kind, tier, host or status fall back to
 * the defaults (an outdoor-worker station, a station, an enterprise, active) with a warning;
 * without a 类型 column the kind is read from the name (小哥驿站, 货车司机之家).
 */
export function readStationRow(r: RowReader, source: string): StationDraft {
  const name = r.required('name')
  const place = r.place()
  return {
    id: r.optional('id'),
    name,
    kind: kindOf(r, name),
    tier: word(r, 'tier', readTier) ?? 'station',
    host: hostOf(r),
    address: r.raw('address'),
    ...place,
    ...amenitiesOf(r),
    ...hoursOf(r),
    phone: r.optional('phone'),
    status: word(r, 'status', readStatus) ?? 'active',
    verifiedOn: verifiedOn(r),
    sample: false,
    source,
    sourceRef: r.optional('sourceRef'),
    hostName: r.optional('hostName'),
    ...accessOf(r),
  }
}

/** A word read by `read`; null when empty, or unreadable (warned). */
function word<T>(
  r: RowReader,
  field: 'kind' | 'tier' | 'host' | 'status',
  read: (t: string) => T | null,
): T | null {
  const text = r.raw(field)
  if (text === '') return null
  const value = read(text)
  if (value === null) r.warn('unknown_value', field, 'unknown_word', { field, text })
  return value
}

function kindOf(r: RowReader, name: string) {
  return (
    word(r, 'kind', readKind) ??
    (r.raw('kind') === '' ? readKind(name) : null) ??
    'outdoor_worker_station'
  )
}

function hostOf(r: RowReader) {
  return word(r, 'host', readStationHost) ?? readStationHost(r.raw('hostName')) ?? 'enterprise'
}

function amenitiesOf(r: RowReader) {
  const { amenities, unknown } = readAmenities(r.raw('amenities'))
  if (unknown.length > 0) {
    r.warn('unknown_service', 'amenities', 'unknown_services', { list: unknown.join('、') })
  }
  return { amenities }
}

/** Hours we can read become `opening_hours`; any other text is kept as written. */
function hoursOf(r: RowReader): { openingHours: string | null; hoursText: string | null } {
  // Our own exports write hours they could not read under hoursText, with openingHours empty.
  const field = r.raw('openingHours') === '' ? 'hoursText' : 'openingHours'
  const reading = r.hours(field)
  if (reading === null) return { openingHours: null, hoursText: null }
  if (reading.ok) return { openingHours: reading.value, hoursText: null }
  r.warn('hours_text', field, 'hours_kept_as_text', { why: reading.reason })
  return { openingHours: null, hoursText: r.raw(field) }
}

function verifiedOn(r: RowReader): string | null {
  const text = r.raw('verifiedOn')
  if (text === '') return null
  const date = readDate(text)
  if (date === null) r.warn('unknown_value', 'verifiedOn', 'date_left_empty', { text })
  return date
}

/**
 * 进入方式 as a way in; a cell saying more than its word (密码锁，密码请电话询问), or no word we
 * know (a warning), is kept as the access note unless the row has a note of its own.
 */
function accessOf(r: RowReader) {
  const text = r.raw('access')
  const { access, more } = text === '' ? { access: null, more: false } : readAccess(text)
  if (text !== '' && access === null) {
    r.warn('access_text', 'access', 'unknown_access', { text })
  }
  const note = r.optional('accessNote') ?? (more ? text : null)
  if (note === null || note.length <= ACCESS_NOTE_MAX) return { access, accessNote: note }
  const field = r.raw('accessNote') === '' ? 'access' : 'accessNote'
  r.warn('access_text', field, 'access_note_cut', { max: ACCESS_NOTE_MAX })
  return { access, accessNote: `${note.slice(0, ACCESS_NOTE_MAX - 1)}…` }
}
