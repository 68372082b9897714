import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRoute } from '@hono/zod-openapi'
import { createApp } from '../server/app.ts'
import { contentValidators, versionTaggedBytes } from '../server/api/middleware/http-cache.ts'
import { NearbyStationsQuerySchema } from '../server/domain/queries.ts'
import { SqliteStore } from '../server/db/sqlite/sqlite-store.ts'
import { startHttpServer } from '../server/http-server.ts'
import { readSettings } from '../server/settings.ts'

/**
 * The HTTP benchmark's reference, run as a process of its own: the product app (createApp, so
 * every middleware a nearby answer passes through, by construction) over an empty store, plus
 * one route (REFERENCE_PATH) answering a fixed JSON body, the file REFERENCE_BODY_FILE (the bench
 * writes a real nearby answer of the median size there: gzipped per request as nearby answers
 * are, its bytes must compress as theirs do), tagged as nearby answers are (versionTaggedBytes).
 * Until 2026-12 it hashed its body back out of the Response on every request
 * (contentValidators), which nearby never did: that cost it more than half of its CPU and
 * flattered every ratio to it about twofold; and its body was a run of one letter, which gzip
 * would have made nothing of. Served by the server's own startHttpServer with the same
 * settings. The route lives here and not behind a flag in server/: no deployment can expose it
 * by a stray variable.
 *
 * `${REFERENCE_PATH}/nearby` is nearby's floor: the same fixed body behind everything a nearby
 * answer passes before it searches (its route, its query schema and validation, its validators
 * middleware), so a run shows how much of the reference's rate is left for the search and the
 * body themselves.
 */

const route = process.env.REFERENCE_PATH ?? '/api/reference'
const bodyFile = process.env.REFERENCE_BODY_FILE
if (!bodyFile) throw new Error('REFERENCE_BODY_FILE must name the fixed body to answer')
const bodyBytes = fs.readFileSync(bodyFile)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-reference-'))
const store = await SqliteStore.open(path.join(dir, 'empty.sqlite'))
const app = createApp(store)
// Tagged as nearby answers are (their tag comes from the data version and the request): a fixed
// body's version never moves.
app.get(route, (c) => versionTaggedBytes(c, bodyBytes, 0))
const floor = `${route}/nearby`
app.use(floor, contentValidators())
app.openapi(
  createRoute({
    method: 'get',
    path: floor,
    request: { query: NearbyStationsQuerySchema },
    responses: { 200: { description: 'The fixed body' } },
  }),
  (c) => {
    c.req.valid('query')
    return versionTaggedBytes(c, bodyBytes, 0)
  },
)
const server = await startHttpServer(app.fetch, readSettings(process.env))
console.log(`reference on port ${server.address.port}, ${bodyBytes.length} bytes`)

const stop = async () => {
  await server.stop(1000)
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
