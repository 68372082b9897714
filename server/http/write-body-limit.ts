import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { problemResponse } from '../api/problem.ts'

/**
 * Caps the body of every request that has one (a write), by its Content-Length up front or, when
 * chunked, as it streams in: 413 problem+json naming `parameter` beyond `maxBytes`, before any
 * route reads it. GET and HEAD pass untouched: the server gives them no body to read, and asking
 * hono for one built a whole fetch Request per read (~20 µs of a nearby answer's CPU).
 */
export function writeBodyLimit(maxBytes: number, parameter = 'body'): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HTTPException(413, {
        res: problemResponse(413, `the body is larger than ${maxBytes} bytes`, {
          title: 'Content too large',
          parameter,
        }),
      })
    },
  })
  return (c, next) => (BODILESS.has(c.req.method) ? next() : limit(c, next))
}

const BODILESS = new Set(['GET', 'HEAD'])
