import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Context, Env, Hono } from 'hono'
import { KIOSK_SW, PAGE_PATHS } from './domain/pages.ts'
import { isNotModified } from './http/conditional.ts'
import { routeNotFound } from './http/not-found.ts'
import { sendFile, statFile } from './http/send-file.ts'
import { staticDir } from './http/static-dir.ts'

/** Built assets carry a content hash in their names, so a copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Serves the built web app from `webDir`: index.html for the app's pages (PAGE_PATHS, with or
 * without a trailing slash), the hashed files under /assets/, and the favicon. Any other path
 * is a 404: a browser asking for a page-like path gets the app with status 404, so the app
 * shows its not-found page; everything else gets the API's problem+json 404 (or 405).
 */
export function serveWebApp<E extends Env>(app: Hono<E>, webDir: string): void {
  const page = appPage(path.join(webDir, 'index.html'))
  const assets = staticDir(path.join(webDir, 'assets'), '/assets', IMMUTABLE)
  const notFound = routeNotFound(app)

  for (const route of Object.values(PAGE_PATHS)) {
    app.get(route, (c) => page(c, 200))
    if (route !== '/') app.get(`${route}/`, (c) => page(c, 200))
  }
  app.get('/assets/*', async (c) => (await assets(c)) ?? notFound(c))
  app.get(
    '/favicon.svg',
    fixedFile(path.join(webDir, 'favicon.svg'), 'image/svg+xml', 'public, max-age=86400', notFound),
  )
  // The kiosk's service worker (tools/vite-kiosk-sw.ts): browsers check it for updates anyway,
  // and no-cache keeps a proxy from holding an old one.
  app.get(
    `/${KIOSK_SW.file}`,
    fixedFile(
      path.join(webDir, KIOSK_SW.file),
      'text/javascript; charset=utf-8',
      'no-cache',
      notFound,
    ),
  )
  // Browsers ask for /favicon.ico on pages without an icon link (the API docs, a JSON answer).
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))
  app.notFound((c) => (wantsPage(c) ? page(c, 404) : notFound(c)))
}

/** A file at a fixed URL, 404 when the build has none. */
function fixedFile(
  file: string,
  contentType: string,
  cacheControl: string,
  notFound: (c: Context) => Response | Promise<Response>,
) {
  return async (c: Context) => {
    const stats = await statFile(file)
    if (!stats) return notFound(c)
    return sendFile(
      c.req.raw,
      { path: file, stats },
      { 'content-type': contentType, 'cache-control': cacheControl },
    )
  }
}

/** A browser navigating to a path that could be a page: no extension, no dotfile, not the API. */
function wantsPage(c: Context): boolean {
  const p = c.req.path
  return (
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    !p.startsWith('/api/') &&
    !p.split('/').some((segment) => segment.startsWith('.')) &&
    path.posix.extname(p) === '' &&
    (c.req.header('accept') ?? '').includes('text/html')
  )
}

/**
 * index.html, revalidated on every visit (no-cache) against an ETag of its content: a
 * rebuild that changes no asset keeps the tag, so revisits stay 304s. Re-read when the
 * file's size or mtime changes.
 */
function appPage(file: string) {
  let cached: { key: string; html: Buffer; etag: string; mtime: Date } | undefined
  return async (c: Context, status: 200 | 404): Promise<Response> => {
    const stats = await fs.promises.stat(file)
    const key = `${stats.size}:${stats.mtimeMs}`
    if (cached?.key !== key) {
      const html = await fs.promises.readFile(file)
      const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`
      cached = { key, html, etag, mtime: stats.mtime }
    }
    const { html, etag, mtime } = cached
    const headers: Record<string, string> = { 'cache-control': 'no-cache' }
    if (status === 200) {
      Object.assign(headers, { etag, 'last-modified': mtime.toUTCString() })
      if (isNotModified(c.req.raw.headers, etag, mtime))
        return new Response(null, { status: 304, headers })
    }
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(html), {
      status,
      headers: {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(html.length),
      },
    })
  }
}
