import type { Context, Env, Hono } from 'hono'
import { problemResponse } from '../api/problem.ts'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * The answer when no route matched (RFC 9110 §15.5.6): 405 with an Allow header when the path
 * has routes for other methods (a POST to a GET route), else a problem+json 404. Middleware
 * (`app.use`) is registered for every method and does not count as a route. Handlers call
 * this too when the resource they serve is missing.
 */
export function routeNotFound<E extends Env>(app: Hono<E>) {
  return (c: Context): Response => {
    const allowed = METHODS.filter((method) =>
      app.router.match(method, c.req.path)[0].some(([[, route]]) => route.method === method),
    )
    // A route for this very method exists when a handler found no such resource (a missing file).
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
    if (allowed.length === 0 || allowed.some((m) => m === method)) {
      return problemResponse(404, `no route for ${c.req.path}`)
    }
    const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ')
    const res = problemResponse(
      405,
      `${c.req.method} is not allowed on ${c.req.path}; use ${allow}`,
    )
    res.headers.set('allow', allow)
    return res
  }
}
