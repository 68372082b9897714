import path from 'node:path'
import { createRequire } from 'node:module'
import { Hono } from 'hono'
import type { AppEnv } from './env.ts'
import { notFound } from './problem.ts'
import { sendFile, statFile } from '../http/send-file.ts'

// Swagger UI served from the swagger-ui-dist package, so the docs work offline.
const distDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
// A Map, not an object: an asset name such as `constructor` must not find Object.prototype's.
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
])

// Swagger UI's start-up as a file of its own: the Content-Security-Policy allows no inline
// script. No validator: it would send our document to validator.swagger.io.
const INIT = `SwaggerUIBundle({ url: document.getElementById('ui').dataset.url, dom_id: '#ui', validatorUrl: null })\n`

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waystation API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui" data-url="/api/openapi.json"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script>
</body></html>`

export const docsApi = new Hono<AppEnv>()
  .get('/api/docs', (c) => c.html(PAGE))
  .get('/api/docs/init.js', (c) =>
    c.body(INIT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  )
  .get('/api/docs/:asset', async (c) => {
    const asset = c.req.param('asset')
    const type = ASSETS.get(asset)
    const file = path.join(distDir, asset)
    const stats = type === undefined ? null : await statFile(file)
    if (!type || !stats) throw notFound(`no docs asset ${asset}`)
    return sendFile(
      c.req.raw,
      { path: file, stats },
      {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      },
    )
  })
