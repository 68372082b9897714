import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Hono } from 'hono'
import type { AppEnv } from './env.ts'
import { notFound } from './problem.ts'

// Swagger UI served from the swagger-ui-dist package, so the docs work offline.
const distDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waystation API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' })</script></body></html>`

export const docsApi = new Hono<AppEnv>()
  .get('/api/docs', (c) => c.html(PAGE))
  .get('/api/docs/:asset', (c) => {
    const asset = c.req.param('asset')
    const type = ASSETS[asset]
    if (!type) throw notFound(`no docs asset ${asset}`)
    const body = fs.readFileSync(path.join(distDir, asset))
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
