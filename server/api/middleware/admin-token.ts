import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { problemResponse } from '../problem.ts'

const digest = (s: string) => createHash('sha256').update(s).digest()

/**
 * Admits a request carrying `Authorization: Bearer <token>`; `token` null turns the routes off
 * (403) rather than open. Compared in constant time on digests, so neither the token's bytes
 * nor its length leak through timing.
 */
export function adminToken(token: string | null): MiddlewareHandler {
  const expected = token === null ? null : digest(token)
  return async (c, next) => {
    if (expected === null) {
      throw new HTTPException(403, {
        res: problemResponse(403, 'this is off: the server has no WAYSTATION_ADMIN_TOKEN set', {
          title: 'Forbidden',
        }),
      })
    }
    const given = /^Bearer +(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      const res = problemResponse(
        401,
        given === undefined ? 'send Authorization: Bearer <token>' : 'the token is not valid',
        { title: 'Unauthorized' },
      )
      res.headers.set('www-authenticate', 'Bearer realm="waystation"')
      throw new HTTPException(401, { res })
    }
    await next()
  }
}
