import path from 'node:path'
import type { Env, Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'

/**
 * Serves the built web app from `webDir`: its files as they are, and index.html for the
 * client-side routes (/, /planner, …). API paths and missing files (anything with an
 * extension) are left to the API's problem+json 404, never answered with the page.
 */
export function serveWebApp<E extends Env>(app: Hono<E>, webDir: string): void {
  const root = path.relative(process.cwd(), webDir)
  const index = serveStatic({ root, path: 'index.html' })
  app.use('/*', serveStatic({ root }))
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/') || path.extname(c.req.path) !== '') return next()
    return index(c, next)
  })
}
