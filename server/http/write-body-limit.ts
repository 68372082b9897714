import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { problemResponse } from '../api/problem.ts'

/**
 * Caps the body of every request that has one (a write), by its Content-Length up front or, when
 * chunked, as it streams in: 413 problem+json naming `parameter` beyond `maxBytes`, before any
 * route reads it.
 */
export function writeBodyLimit(maxBytes: number, parameter = 'body'): MiddlewareHandler {
  return bodyLimit({
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
}
