import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import type { Context, MiddlewareHandler, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import type { Store } from '../../db/store.ts'
import type { CachedAnswer, ResponseCache } from './response-cache.ts'
import type { AppEnv } from '../env.ts'

/**
 * HTTP validators and compress-once caching for data answers. Handlers know nothing of it:
 * app.ts puts these in front of the routes whose answers they suit.
 *
 * Answers carry `Cache-Control: no-cache` (use, but revalidate first) and a strong ETag, so a
 * client that has the body gets a bodiless 304. Every committed write bumps the store's data
 * version, and the version is part of every tag that depends on it, so nothing stale is
 * ever confirmed.
 */

const CACHE_CONTROL = 'no-cache'
/** Below this, gzip's header and the CPU cost more than the bytes saved. */
const MIN_GZIP_BYTES = 1024
/**
 * gzip level for answers made per request (nearby: ~26 KB at k 20 in a city at national scale,
 * 3.7 KB gzipped): 1, nginx's default, within ~20 % of level 6's bytes for a fraction of its
 * CPU. On this thread: ~30 µs for such a body alone (~65 in a server under load), where zlib's
 * asynchronous call spent more than that on this thread just setting up its stream, and ~4× the
 * CPU in all. Kept answers are gzipped once at the default level (ResponseCache).
 */
const PER_REQUEST_GZIP = { level: 1 }
/** Bodies that are compressed already (an XLSX file is a zip): gzip would only cost CPU. */
const COMPRESSED_TYPE = /^application\/(zip|vnd\.openxmlformats-)/

type Encoding = 'gzip' | 'identity'
/** HEAD runs the GET handler (hono drops the body), so it gets the same validators. */
const READS = new Set(['GET', 'HEAD'])

/**
 * The stored answers of bulky routes: made once per (path, normalised query, data version),
 * gzipped once, served as kept. `etag: 'version'` for answers that are a function of the data
 * version, path and query: a matching If-None-Match is answered before any work. `'content'`
 * hashes the body instead, for answers that outlive most writes (the basemap's county shapes).
 */
export function cachedAnswers(options: {
  store: Store
  cache: ResponseCache
  etag: 'version' | 'content'
  /** The answer also depends on the time (open now, today's hours): keep it for its minute. */
  perMinute?: boolean
  /**
   * The answer carries stations' trust, which a worker's report moves without moving the data
   * version: keyed on the store's reports tag as well, and neither kept nor tagged without one.
   */
  trust?: boolean
}): MiddlewareHandler<AppEnv> {
  const { store, cache } = options
  return async (c, next) => {
    if (!READS.has(c.req.method)) return next()
    const version = await store.dataVersion()
    let key = options.perMinute ? minuteKey(c) : requestKey(c)
    if (options.trust) {
      const reports = await store.reportsTag()
      if (reports === null) return next()
      key = `${key}#${reports}`
    }
    const encoding: Encoding = acceptsGzip(c.req.header('accept-encoding')) ? 'gzip' : 'identity'
    const versionTag = tagOf(version, key)
    if (options.etag === 'version' && matches(c, variantTag(versionTag, encoding))) {
      return respond(c, notModified(variantTag(versionTag, encoding)))
    }
    let ranHandler = false
    const answer = await (cache.get(version, key) ??
      cache.make(version, key, async () => {
        ranHandler = true
        await next()
        return answerOf(c.res, (bytes) =>
          options.etag === 'version' ? versionTag : hashTag(bytes),
        )
      }))
    if (answer) return respond(c, await send(c, cache, key, answer, encoding))
    // Not cacheable (an error, say): this request's own handler answers.
    if (!ranHandler) await next()
  }
}

/**
 * For answers too big to keep (a whole layer's export runs to 47 MB at 150,000 stations, the
 * size of the whole cache): the tag comes from the data version as for stored answers, so a
 * revisit is a 304 before any work, and the body streams out as the handler makes it, gzipped
 * on the way (zlib works off the event loop) unless it is compressed already. Nothing is
 * buffered: the handler's stream is read only as fast as the client takes it.
 */
export function streamedAnswers(options: { store: Store }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!READS.has(c.req.method)) return next()
    const version = await options.store.dataVersion()
    const wanted: Encoding = acceptsGzip(c.req.header('accept-encoding')) ? 'gzip' : 'identity'
    const versionTag = tagOf(version, requestKey(c))
    if (matches(c, variantTag(versionTag, wanted))) {
      return respond(c, notModified(variantTag(versionTag, wanted)))
    }
    await next()
    const res = c.res
    if (res.status !== 200 || !res.body || res.headers.has('content-encoding')) return
    const compressed = COMPRESSED_TYPE.test(res.headers.get('content-type') ?? '')
    const encoding = compressed ? 'identity' : wanted
    const headers = new Headers(res.headers)
    headers.set('etag', variantTag(versionTag, encoding))
    headers.set('cache-control', CACHE_CONTROL)
    headers.set('vary', 'accept-encoding')
    headers.delete('content-length')
    if (encoding === 'identity') return respond(c, new Response(res.body, { headers }))
    headers.set('content-encoding', 'gzip')
    respond(c, new Response(res.body.pipeThrough(new CompressionStream('gzip')), { headers }))
  }
}

/**
 * Validators for answers that are not stored, when the handler did not tag its answer itself
 * (versionTaggedBytes and validatedJson do, cheaper): a content hash, and gzip per request.
 */
export function contentValidators(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (!READS.has(c.req.method) || c.res.status !== 200 || c.res.headers.has('etag')) return
    const body = new Uint8Array(await c.res.arrayBuffer())
    const sent = representation(c, body, hashTag(body))
    const headers = new Headers(c.res.headers)
    headers.set('etag', sent.etag)
    headers.set('cache-control', CACHE_CONTROL)
    headers.set('vary', 'accept-encoding')
    headers.delete('content-length')
    if (sent.gzip) headers.set('content-encoding', 'gzip')
    respond(c, sent.body === null ? notModified(sent.etag) : new Response(sent.body, { headers }))
  }
}

/**
 * What contentValidators does after the fact, done by the handler from the JSON text itself: the
 * same tag, without reading the body back out of a Response (at 150,000 stations that re-read
 * cost a nearby answer ~10 % of its CPU). With a record's `version` (record-version.ts) the tag
 * is `"<version>.<digest>"`: If-Match compares the version, a cache the whole. Typed as c.json's
 * answer, for the typed client.
 */
export function validatedJson<T>(c: Context, value: T, version?: string) {
  // Encoded once: hashed and sent as the same bytes (a string would be encoded twice more).
  const bytes = Buffer.from(JSON.stringify(value))
  const etag = version === undefined ? hashTag(bytes) : `"${version}.${hash(bytes)}"`
  return taggedBytes<T>(c, bytes, etag)
}

/**
 * For a handler whose answer is a function of the data version, path, query, minute (as
 * cachedAnswers' perMinute answers are) and `variant` — what else it depends on that moves no
 * data version, said in few bytes — but too varied to store: tagged from those, without hashing
 * the body (a nearby answer's 26 KB cost it ~30 µs).
 */
export function versionTaggedBytes<T>(
  c: Context<AppEnv>,
  bytes: Uint8Array<ArrayBuffer>,
  version: number,
  variant = '',
) {
  return taggedBytes<T>(c, bytes, tagOf(version, `${minuteKey(c)}#${variant}`))
}

/** `bytes` (JSON) with `etag`, gzipped when the client accepts it, or a bodiless 304. */
function taggedBytes<T>(c: Context, bytes: Uint8Array<ArrayBuffer>, etag: string) {
  const sent = representation(c, bytes, etag)
  const headers = { etag: sent.etag, 'cache-control': CACHE_CONTROL, vary: 'accept-encoding' }
  const res: Response =
    sent.body === null
      ? c.body(null, 304, headers)
      : c.body(sent.body, 200, {
          ...headers,
          'content-type': 'application/json',
          ...(sent.gzip ? { 'content-encoding': 'gzip' } : {}),
        })
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>
}

/**
 * What to send of an answer made for this request: gzipped for a client that accepts it when
 * big enough to gain, under its own tag (each encoding is its own representation); a null body
 * when If-None-Match names that tag (a 304).
 */
function representation(
  c: Context,
  bytes: Uint8Array<ArrayBuffer>,
  identityTag: string,
): { etag: string; body: Uint8Array<ArrayBuffer> | null; gzip: boolean } {
  const gzip = bytes.byteLength >= MIN_GZIP_BYTES && acceptsGzip(c.req.header('accept-encoding'))
  const etag = variantTag(identityTag, gzip ? 'gzip' : 'identity')
  if (matches(c, etag)) return { etag, body: null, gzip }
  if (!gzip) return { etag, body: bytes, gzip }
  return { etag, body: zlib.gzipSync(bytes, PER_REQUEST_GZIP), gzip }
}

async function answerOf(
  res: Response,
  etagOf: (bytes: Uint8Array) => string,
): Promise<CachedAnswer | null> {
  if (res.status !== 200 || res.headers.has('content-encoding')) return null
  const identity = new Uint8Array(await res.arrayBuffer())
  const headers: Record<string, string> = {}
  res.headers.forEach((value, name) => {
    if (name !== 'content-length') headers[name] = value
  })
  return { etag: etagOf(identity), headers, identity }
}

async function send(
  c: Context,
  cache: ResponseCache,
  key: string,
  answer: CachedAnswer,
  wanted: Encoding,
): Promise<Response> {
  const encoding = answer.identity.byteLength < MIN_GZIP_BYTES ? 'identity' : wanted
  const etag = variantTag(answer.etag, encoding)
  if (matches(c, etag)) return notModified(etag)
  const headers = {
    ...answer.headers,
    etag,
    'cache-control': CACHE_CONTROL,
    vary: 'accept-encoding',
  }
  if (encoding === 'identity') return new Response(answer.identity, { headers })
  const body = await cache.gzip(key, answer)
  return new Response(body, { headers: { ...headers, 'content-encoding': 'gzip' } })
}

function notModified(etag: string): Response {
  return new Response(null, {
    status: 304,
    headers: { etag, 'cache-control': CACHE_CONTROL, vary: 'accept-encoding' },
  })
}

/** Replaces the answer outright: hono would otherwise carry the old one's headers over. */
function respond(c: Context, res: Response) {
  c.res = undefined
  c.res = res
}

/**
 * Path and query with parameters in a fixed order, so `?a=1&b=2` and `?b=2&a=1` share: sorted
 * by name (stably: a repeated name keeps its values' order), as sent. Not decoded: a key need
 * only tell different queries apart, and parsing the URL was ~2 % of a nearby answer's CPU.
 */
function requestKey(c: Context): string {
  const url = c.req.url
  const start = url.indexOf('?')
  if (start < 0) return `${c.req.path}?`
  const params = url
    .slice(start + 1)
    .split('&')
    .filter((p) => p !== '')
  const name = (p: string) => {
    const eq = p.indexOf('=')
    return eq < 0 ? p : p.slice(0, eq)
  }
  params.sort((a, b) => {
    const na = name(a)
    const nb = name(b)
    return na < nb ? -1 : na > nb ? 1 : 0
  })
  return `${c.req.path}?${params.join('&')}`
}

/** requestKey at the request's minute (the `now` open-now and trust are evaluated at). */
const minuteKey = (c: Context<AppEnv>) => `${requestKey(c)}@${c.get('now').getTime()}`

/** The tag of an answer that is a function of the data version and `key`. */
const tagOf = (version: number, key: string) => `"v${version}-${hash(key)}"`

const hash = (data: string | Uint8Array) =>
  createHash('sha1').update(data).digest('base64url').slice(0, 16)
const hashTag = (data: string | Uint8Array) => `"${hash(data)}"`

/** Each encoding is its own representation, so its own strong tag. */
const variantTag = (etag: string, encoding: Encoding) =>
  encoding === 'gzip' ? `${etag.slice(0, -1)}-gzip"` : etag

/** If-None-Match names this tag (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function matches(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match')
  if (!header) return false
  return header.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag.replace(/^W\//, '') === etag
  })
}

/** True when Accept-Encoding lists gzip without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (name !== 'gzip') continue
    const q = params.find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}
