import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { afterAll, beforeAll, expect } from 'vitest'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { freePort } from './free-port.ts'
import type { Browser, BrowserContext, Page } from 'playwright-core'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface RunningServer {
  baseUrl: string
  port: number
  dataDir: string
  child: ChildProcess
  /** Everything the server has written to stdout and stderr so far. */
  output: () => string
  /** SIGTERM, wait for the exit, resolve to its code; removes the data dir unless given. */
  stop: () => Promise<number | null>
}

/** server/main.ts as a child process, with `env` over this process's environment. */
export function spawnMain(
  env: Record<string, string>,
  as: { uid?: number; gid?: number } = {},
): {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, WAYSTATION_BASEMAP_STYLE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  })
  let log = ''
  child.stdout?.on('data', (d) => (log += String(d)))
  child.stderr?.on('data', (d) => (log += String(d)))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return { child, output: () => log, exited }
}

/**
 * The real server (server/main.ts) on `port` or a free one, over `dataDir` or a fresh temporary
 * one; resolves once /api/health answers 200 on 127.0.0.1.
 */
export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort())
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-e2e-'))
  const { child, output, exited } = spawnMain({
    PORT: String(port),
    WAYSTATION_DATA_DIR: dataDir,
    ...options.env,
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 45_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`)
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill()
      throw new Error(`server did not start in time:\n${output()}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    baseUrl,
    port,
    dataDir,
    child,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true })
      return code
    },
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface BrowserSuite {
  server: RunningServer
  browser: Browser
  /** GET an API path on the suite's server; asserts 200 and returns the JSON body. */
  api<T>(url: string): Promise<T>
}

/**
 * Call inside a describe: starts the real server and Chromium once for the suite (the web app
 * is built once per run by global-setup.ts), and stops both afterwards. Fields are set by the
 * time the tests run.
 */
export function browserSuite(): BrowserSuite {
  const suite = {
    async api<T>(url: string): Promise<T> {
      const res = await fetch(`${suite.server.baseUrl}${url}`)
      expect(res.status, url).toBe(200)
      return (await res.json()) as T
    },
  } as BrowserSuite
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[suite.server, suite.browser] = await Promise.all([startServer(), launchBrowser()])
  }, 120_000)
  afterAll(async () => {
    await suite.browser?.close()
    await suite.server?.stop()
  })
  return suite
}

/**
 * Aborts every request that leaves this machine, as on a phone with no network; returns the
 * list of what was blocked, so a test can assert that nothing needed it.
 */
export async function blockNonLocal(
  ctx: BrowserContext,
  blocked: string[] = [],
): Promise<string[]> {
  await ctx.route('**', (route) => {
    const url = new URL(route.request().url())
    if (
      ['127.0.0.1', 'localhost'].includes(url.hostname) ||
      url.protocol === 'blob:' ||
      url.protocol === 'data:'
    ) {
      return route.continue()
    }
    blocked.push(url.href)
    return route.abort()
  })
  return blocked
}

/** A full-viewport screenshot into tests/e2e/screenshots/<name>.png. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })

/** A query parameter of the page's current URL. */
export const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key)
