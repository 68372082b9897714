/**
 * True when a GET's validators show the client's copy is current, so a 304 will do
 * (RFC 9110 §13.1.2–3): If-None-Match when present (weak comparison), else If-Modified-Since
 * against the modification time in whole seconds, as Last-Modified carries it.
 */
export function isNotModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
    return (
      ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => opaque(t) === opaque(etag))
    )
  }
  const since = Date.parse(headers.get('if-modified-since') ?? '')
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
}

/**
 * True when an If-Range header, if any, still names this representation, so a Range applies
 * (RFC 9110 §13.1.5): an entity tag compared strongly, or the exact Last-Modified date.
 */
export function ifRangeHolds(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifRange = headers.get('if-range')?.trim()
  if (ifRange === undefined) return true
  if (ifRange.startsWith('"')) return ifRange === etag
  return ifRange === lastModified.toUTCString()
}
