import path from 'node:path'
import type { Context } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { acceptedCodings } from './accept-encoding.ts'
import { sendFile, statFile } from './send-file.ts'
import type { FileBody } from './send-file.ts'

/**
 * The files under `dir`, for a route `<prefix>/*`, with their precompressed `.br`/`.gz`
 * variants chosen by Accept-Encoding (tools/vite-precompress.ts writes them at build time).
 *
 * Our own rather than @hono/node-server's serveStatic, which answers 500 to an inverted or
 * out-of-bounds Range, sends the first bytes for a suffix range (`bytes=-5`), reads any unit
 * as bytes, and has neither ETag/If-None-Match nor q-value negotiation of variants.
 * Answers null for anything that is not a regular file under `dir` (dotfiles included).
 */
export function staticDir(dir: string, prefix: string, cacheControl: string) {
  const root = path.resolve(dir)
  return async (c: Context): Promise<Response | null> => {
    const segments = new URL(c.req.url).pathname.slice(prefix.length + 1).split('/')
    const names = segments.map(decodeSegment)
    if (names.some((name) => name === null)) return null
    const file = path.join(root, ...(names as string[]))
    const stats = await statFile(file)
    if (!stats) return null
    const type = getMimeType(file) ?? 'application/octet-stream'
    // A range applies to the plain file: with one, send that rather than a compressed variant.
    let body: FileBody = { path: file, stats }
    if (!c.req.header('range')) {
      for (const coding of acceptedCodings(c.req.header('accept-encoding'))) {
        if (coding === 'identity') break
        const variant = `${file}.${coding === 'br' ? 'br' : 'gz'}`
        const variantStats = await statFile(variant)
        if (variantStats) {
          body = { path: variant, stats: variantStats, encoding: coding }
          break
        }
      }
    }
    return sendFile(c.req.raw, body, {
      'content-type': type,
      'cache-control': cacheControl,
      vary: 'accept-encoding',
    })
  }
}

/** A path segment as a file name, or null for one that could leave the folder or is hidden. */
function decodeSegment(segment: string): string | null {
  let name: string
  try {
    name = decodeURIComponent(segment)
  } catch {
    return null
  }
  return name === '' || name.startsWith('.') || /[/\\\0]/.test(name) ? null : name
}
