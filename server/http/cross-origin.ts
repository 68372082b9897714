import type { Context, MiddlewareHandler } from 'hono'
import { problemResponse } from '../api/problem.ts'

/** Reads are public data: any origin may make them (never with credentials: no cookie rides). */
const READS = new Set(['GET', 'HEAD'])
const WRITE_METHODS = 'POST, PUT, PATCH, DELETE'
/** What a cross-origin client may read of an answer besides the CORS-safelisted headers. */
const EXPOSED = 'ETag, Location, Retry-After'
const PREFLIGHT_MAX_AGE_S = '600'

/**
 * CORS for the API. Reads answer `Access-Control-Allow-Origin: *`. A write, or its preflight,
 * from a browser page (it sends `Origin`) is let through only from our own origin (the Origin's
 * host is the request's Host: also right behind a TLS-terminating proxy that keeps Host) or
 * from `allowedOrigins`; any other origin gets a 403 problem+json and the route never runs. That
 * also stops the writes a browser sends without a preflight (a form's POST). Clients that send
 * no Origin (the CLI, curl, servers) are not browsers and pass; their tokens are checked by the
 * routes.
 */
export function crossOrigin({
  allowedOrigins,
}: {
  allowedOrigins: readonly string[]
}): MiddlewareHandler {
  const allowed = new Set(allowedOrigins)
  const mayWrite = (c: Context, origin: string) => allowed.has(origin) || sameHost(c, origin)
  const refuse = (origin: string) =>
    problemResponse(
      403,
      `pages from ${origin} may not write here (allowed: our own origin` +
        `${allowed.size > 0 ? `, ${[...allowed].join(', ')}` : ''}; see WAYSTATION_ALLOWED_ORIGINS)`,
      { parameter: 'Origin' },
    )

  return async function crossOriginMiddleware(c, next) {
    const origin = c.req.header('origin')
    const requested = c.req.header('access-control-request-method')?.toUpperCase()
    if (c.req.method === 'OPTIONS' && requested !== undefined && origin !== undefined) {
      const headers: Record<string, string> = {
        'access-control-max-age': PREFLIGHT_MAX_AGE_S,
        vary: 'Origin',
      }
      const asked = c.req.header('access-control-request-headers')
      if (asked) headers['access-control-allow-headers'] = asked
      if (READS.has(requested)) {
        return c.body(null, 204, {
          ...headers,
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, HEAD',
        })
      }
      if (!mayWrite(c, origin)) return refuse(origin)
      return c.body(null, 204, {
        ...headers,
        'access-control-allow-origin': origin,
        'access-control-allow-methods': WRITE_METHODS,
      })
    }
    if (READS.has(c.req.method)) {
      await next()
      c.res.headers.set('access-control-allow-origin', '*')
      c.res.headers.set('access-control-expose-headers', EXPOSED)
      return
    }
    if (origin === undefined) return next()
    if (!mayWrite(c, origin)) return refuse(origin)
    await next()
    c.res.headers.set('access-control-allow-origin', origin)
    c.res.headers.set('access-control-expose-headers', EXPOSED)
    c.res.headers.append('vary', 'Origin')
  }
}

/** `Origin: null` (sandboxed frames, files) and malformed values are no host of ours. */
function sameHost(c: Context, origin: string): boolean {
  try {
    return new URL(origin).host === c.req.header('host')
  } catch {
    return false
  }
}
