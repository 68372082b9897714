import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { expect, it } from 'vitest'
import { ROOT } from './e2e/harness.ts'

// Browser suites skip without Chromium on a developer's machine; under CI=true the run must
// fail instead (tests/e2e/global-setup.ts), or a CI image without the browser passes green.

function runBrowserSuite(env: Record<string, string | undefined>) {
  // A clean environment for the inner vitest: no variables of the run this test is part of.
  const outer = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CI'),
  )
  const res = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/e2e/planner.test.ts'],
    {
      cwd: ROOT,
      env: { ...outer, NODE_ENV: 'test', CHROMIUM_PATH: '/nonexistent/chromium', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  return { status: res.status, output: `${res.stdout}${res.stderr}` }
}

it('fails a CI run whose machine has no Chromium', { timeout: 90_000 }, () => {
  const { status, output } = runBrowserSuite({ CI: 'true' })
  expect(output).toContain('CI=true but there is no Chromium at /nonexistent/chromium')
  expect(status).not.toBe(0)
})

it('skips, and passes, outside CI', { timeout: 90_000 }, () => {
  const { status, output } = runBrowserSuite({})
  expect(output).toMatch(/skipped/)
  expect(status).toBe(0)
})
