import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { problemResponse } from './problem.ts'

/**
 * Optimistic concurrency for the editing API (RFC 9110 §13.1.1, RFC 6585 §3). A record's
 * version is a digest of the record as stored, so every writer — the editing API, an import,
 * a rollback, an undo — moves it without keeping a counter, and a write that changed nothing
 * leaves it alone. `GET` of a record answers the ETag `"<version>.<digest of the body>"` (the
 * body also carries hours evaluated at the minute, so the whole tag changes each minute for
 * caches); a write answers `"<version>"`. If-Match compares the version part only, so a tag
 * read a minute ago still writes while the record is unchanged.
 */

/** A record's version: 16 hex digits of the SHA-256 of its fields, in name order. */
export function recordVersion(record: object): string {
  const canonical = JSON.stringify(record, Object.keys(record).sort())
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}

/** The ETag a write answers with. */
export const recordTag = (record: object) => `"${recordVersion(record)}"`

/**
 * Refuses the write unless its If-Match names the current record's version: 428 without the
 * header, 412 when it names another version (the answer carries the current ETag). With no
 * current record (recreating one a delete or undo removed), `If-None-Match: *` is the
 * precondition instead.
 */
export function checkPrecondition(c: Context, current: object | null): void {
  if (current === null) {
    if (c.req.header('if-none-match')?.trim() === '*') return
    throw preconditionRequired('the record does not exist now: send If-None-Match: *')
  }
  const ifMatch = c.req.header('if-match')
  if (ifMatch === undefined) {
    throw preconditionRequired(
      'send If-Match with the ETag of the record as you read it (GET it first)',
    )
  }
  const version = recordVersion(current)
  const tags = ifMatch.split(',').map((t) => t.trim())
  // Strong comparison: weak tags (W/"…") never match.
  const matches = tags.some(
    (t) => t === '*' || /^"([0-9a-f]{16})(\.[^"]*)?"$/.exec(t)?.[1] === version,
  )
  if (!matches) throw stale(current)
}

/** 412 for a record that is not as the writer read it, with its current ETag. */
export function stale(current: object | null): HTTPException {
  const res = problemResponse(
    412,
    'the record has changed since you read it; nothing was written (GET it again)',
    { title: 'Precondition failed' },
  )
  if (current !== null) res.headers.set('etag', recordTag(current))
  return new HTTPException(412, { res })
}

function preconditionRequired(detail: string): HTTPException {
  const res = problemResponse(428, detail, { title: 'Precondition required' })
  return new HTTPException(428, { res })
}
