import { gzipSync } from 'node:zlib'
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'vite'
import type { Rolldown } from 'vite'
import { report, round } from './bench-report.ts'

/**
 * What the finder page costs on the wire: the production build (vite.config.ts) made in memory,
 * then the JavaScript index.html loads before anything is lazily imported (the entry chunk and
 * its static imports), gzip level 9, with maplibre-gl's chunk counted apart as the reference.
 * Sizes are deterministic for a given lockfile, so a test can hold the line on them.
 */

/** The finder's first-load JavaScript beyond MapLibre may not exceed this many bytes gzip. */
export const FIRST_LOAD_BUDGET_BYTES = 90_000

export interface WebSize {
  /** gzip bytes of first-load JS other than maplibre-gl's chunk */
  firstLoadBytes: number
  /** gzip bytes of maplibre-gl's chunk */
  maplibreBytes: number
  /** gzip bytes of the CSS the page links */
  cssBytes: number
  /** first-load chunks (file name → gzip bytes), maplibre-gl's included */
  firstLoad: Record<string, number>
  /** everything loaded later, on demand */
  lazy: Record<string, number>
}

const gz = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length
const isMaplibre = (file: string) => /(^|\/)maplibre-gl-[\w-]+\.js$/.test(file)

/** Run with NODE_ENV unset or 'production' (vitest sets 'test': see measureWebSizeApart). */
export async function measureWebSize(): Promise<WebSize> {
  const bundle: Rolldown.OutputBundle = {}
  await build({
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
    plugins: [{ name: 'collect', generateBundle: (_, b) => void Object.assign(bundle, b) }],
  })
  const chunks = Object.values(bundle).filter((o) => o.type === 'chunk')
  const entry = chunks.find((c) => c.isEntry)
  if (!entry) throw new Error('the build has no entry chunk')
  const initial = new Set<string>()
  const stack = [entry.fileName]
  while (stack.length > 0) {
    const file = stack.pop()!
    if (initial.has(file)) continue
    initial.add(file)
    const chunk = bundle[file]
    if (chunk?.type === 'chunk') stack.push(...chunk.imports)
  }
  const sizes = Object.fromEntries(chunks.map((c) => [c.fileName, gz(c.code)]))
  const maplibre = [...initial].filter(isMaplibre)
  if (maplibre.length !== 1) throw new Error(`expected one maplibre-gl chunk, got ${maplibre}`)
  const cssFiles = new Set(
    [...initial].flatMap((f) => {
      const chunk = bundle[f]
      return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : []
    }),
  )
  const css = [...cssFiles].map((f) => {
    const asset = bundle[f]
    return asset?.type === 'asset' ? gz(asset.source) : 0
  })
  const entries = (pick: (file: string) => boolean) =>
    Object.fromEntries(Object.entries(sizes).filter(([f]) => pick(f)))
  return {
    firstLoadBytes: [...initial]
      .filter((f) => !isMaplibre(f))
      .reduce((sum, f) => sum + sizes[f]!, 0),
    maplibreBytes: sizes[maplibre[0]!]!,
    cssBytes: css.reduce((a, b) => a + b, 0),
    firstLoad: entries((f) => initial.has(f)),
    lazy: entries((f) => !initial.has(f)),
  }
}

/**
 * measureWebSize in a process of its own with NODE_ENV=production: inside vitest (NODE_ENV=test)
 * Vite and the React plugin would build the development JSX runtime, which is not what ships.
 */
export function measureWebSizeApart(): WebSize {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  )
  if (child.status !== 0) throw new Error(`web-size build failed: ${child.stderr}`)
  return JSON.parse(child.stdout) as WebSize
}

const kB = (bytes: number) => round(bytes / 1000, 1)

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href
if (isMain && process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(await measureWebSize()))
} else if (isMain) {
  const s = await measureWebSize()
  report(
    'web-size',
    [
      { what: 'finder first load, JS beyond maplibre-gl', gzipKB: kB(s.firstLoadBytes) },
      { what: 'budget', gzipKB: kB(FIRST_LOAD_BUDGET_BYTES) },
      { what: 'reference: maplibre-gl chunk', gzipKB: kB(s.maplibreBytes) },
      { what: 'first-load CSS (maplibre-gl.css included)', gzipKB: kB(s.cssBytes) },
      ...Object.entries(s.lazy).map(([file, bytes]) => ({
        what: `on demand: ${file.replace(/^assets\//, '')}`,
        gzipKB: kB(bytes),
      })),
    ],
    { gzipLevel: 9, firstLoad: s.firstLoad, lazy: s.lazy },
  )
}
