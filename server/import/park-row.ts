import type { ParkDraft } from './register.ts'
import { readFacingDeg } from './park-values.ts'
import type { RowReader } from './row-reader.ts'

/**
 * A logistics-park draft from one row. The screen's facing turns every arrow a kiosk draws, so
 * a row without one that can be read is refused rather than given a default.
 */
export function readParkRow(r: RowReader, source: string): ParkDraft {
  const name = r.required('name')
  const place = r.place()
  const facing = r.required('facingDeg')
  return {
    id: r.optional('id'),
    name,
    address: r.raw('address'),
    ...place,
    facingDeg: readFacingDeg(facing) ?? r.reject('facingDeg', 'not_direction', { text: facing }),
    sample: false,
    source,
    sourceRef: r.optional('sourceRef'),
  }
}
