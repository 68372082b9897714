import fs from 'node:fs'
import { problemResponse } from '../api/problem.ts'
import type { Coding } from './accept-encoding.ts'
import { ifRangeHolds, isNotModified } from './conditional.ts'
import { fileRangeStream } from './file-range-stream.ts'
import { parseRange } from './range.ts'

/** A file on disk to send: the representation itself, or a precompressed variant of it. */
export interface FileBody {
  path: string
  stats: fs.Stats
  /** Set when `path` holds the representation compressed with this coding. */
  encoding?: Coding
}

/** The file's stats when `file` is a regular file, else null. */
export async function statFile(file: string): Promise<fs.Stats | null> {
  const stats = await fs.promises.stat(file).catch(() => null)
  return stats?.isFile() ? stats : null
}

/**
 * Answers a GET or HEAD with a file, streamed from disk (never read whole into memory):
 * 304 when the client's validators match, 206 for one satisfiable byte range of an
 * unencoded file, 416 for an unsatisfiable one, else 200. `headers` carries the
 * Content-Type, Cache-Control and Vary the caller chose. The ETag (size, mtime, coding)
 * is strong: the same bytes are sent under it every time.
 */
export function sendFile(req: Request, body: FileBody, headers: Record<string, string>): Response {
  const { size, mtime } = body.stats
  const coding = body.encoding ? `-${body.encoding}` : ''
  const etag = `"${size.toString(36)}-${Math.floor(mtime.getTime()).toString(36)}${coding}"`
  const validators: Record<string, string> = {
    ...headers,
    etag,
    'last-modified': mtime.toUTCString(),
  }
  if (isNotModified(req.headers, etag, mtime)) {
    delete validators['content-type']
    return new Response(null, { status: 304, headers: validators })
  }
  const common = {
    ...validators,
    ...(body.encoding ? { 'content-encoding': body.encoding } : { 'accept-ranges': 'bytes' }),
  }
  const range =
    body.encoding === undefined && ifRangeHolds(req.headers, etag, mtime)
      ? parseRange(req.headers.get('range') ?? undefined, size)
      : ({ kind: 'full' } as const)
  if (range.kind === 'unsatisfiable') {
    const detail = `range ${req.headers.get('range')} lies outside the ${size} bytes`
    const res = problemResponse(416, detail, { parameter: 'Range' })
    res.headers.set('content-range', `bytes */${size}`)
    return res
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1]
  const stream = req.method === 'HEAD' || size === 0 ? null : fileRangeStream(body.path, start, end)
  return new Response(stream, {
    status: range.kind === 'partial' ? 206 : 200,
    headers: {
      ...common,
      'content-length': String(end - start + 1),
      ...(range.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    },
  })
}
