import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { parameterProblem } from '../problem.ts'

type OpenAPIRegistry = OpenAPIHono['openAPIRegistry']

/**
 * Every route accepts only the query parameters it declares, so a typo such as `raduis` is a
 * 400 rather than a silent default. The declared names are the keys of the route's query
 * schema in the OpenAPI registry; a route outside it (basemap, docs, the OpenAPI document)
 * declares none. One check for every route, present and future, instead of a strict schema
 * per route. Requests no route answers are left to the 404.
 */
export function declaredQueryOnly(registry: OpenAPIRegistry): MiddlewareHandler {
  // Read on first use: routes are registered after the middleware.
  let declared: Map<string, Set<string>> | undefined
  return async (c, next) => {
    declared ??= declaredQueryNames(registry)
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    if (!route) return next()
    const names = declared.get(`${route.method} ${route.path}`)
    const unknown = Object.keys(c.req.queries()).filter((name) => !names?.has(name))
    if (unknown.length > 0) {
      return parameterProblem(
        unknown.map((parameter) => ({ parameter, detail: 'unknown parameter' })),
      )
    }
    return next()
  }
}

/** `GET /api/coverage/:adcode/gaps` → its query parameter names, for each documented route. */
function declaredQueryNames(registry: OpenAPIRegistry): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const d of registry.definitions) {
    if (d.type !== 'route') continue
    const { method, path, request } = d.route
    const query = request?.query
    const names = query && 'shape' in query ? Object.keys(query.shape) : []
    out.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, new Set(names))
  }
  return out
}
