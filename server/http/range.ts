/** What to send for a request's Range header (RFC 9110 §14), against a `size`-byte body. */
export type RangeChoice =
  | { kind: 'full' }
  | { kind: 'unsatisfiable' }
  /** Bytes `start` to `end`, both inclusive. */
  | { kind: 'partial'; start: number; end: number }

const FULL: RangeChoice = { kind: 'full' }
const UNSATISFIABLE: RangeChoice = { kind: 'unsatisfiable' }

/**
 * The one Range parser, for every file the server sends. A single byte range is honoured;
 * whatever a server may ignore is ignored (a full 200): other units, malformed or invalid
 * specs such as `bytes=10-5`, and several ranges (multipart answers help no client of ours).
 * A range starting at or beyond the end, or a zero-length suffix, is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeChoice {
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header?.trim() ?? '')
  if (!match || size === 0) return FULL
  const [, first = '', last = ''] = match
  if (first === '') {
    if (last === '') return FULL
    const suffix = Number(last)
    return suffix === 0
      ? UNSATISFIABLE
      : { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? Infinity : Number(last)
  if (end < start) return FULL
  if (start >= size) return UNSATISFIABLE
  return { kind: 'partial', start, end: Math.min(end, size - 1) }
}
