import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Runs once per vitest run, before any browser suite (the `browser` project in vite.config.ts):
// one `vite build` for all suites, where each suite building its own could race two builds
// into one dist/web. Plain Node: vitest loads this outside the test workers.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function newestMtimeMs(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** Runs `vite build` when dist/web is missing or older than the code it is built from. */
function buildIfStale(): void {
  const index = path.join(ROOT, 'dist/web/index.html')
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0
  const sources = Math.max(
    ...['web', 'server/domain', 'server/geo'].map((d) => newestMtimeMs(path.join(ROOT, d))),
  )
  if (built > sources) return
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  })
}

export default function setup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(chromium)) {
    // Suites skip without a browser on a developer's machine; in CI that would pass silently.
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but there is no Chromium at ${chromium}: browser suites must run`)
    }
    return
  }
  buildIfStale()
}
