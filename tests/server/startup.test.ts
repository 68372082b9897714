import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { spawnMain } from '../e2e/harness.ts'
import { makeDataset } from '../fixtures/dataset.ts'
import { writeWithCorruptCounties } from './db/corrupt-sqlite.ts'

// The server must refuse to start, fast, with one line saying why and a non-zero exit, when
// it cannot use its data directory or database (it used to hang forever on /proc/x).

// Generous: a loaded 2-core machine takes ~20 s just to start Node with tsx; a hang is forever.
const STARTUP_LIMIT_MS = 60_000

async function runToExit(env: Record<string, string>, as: { uid?: number; gid?: number } = {}) {
  const { child, output, exited } = spawnMain({ PORT: '1', ...env }, as)
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STARTUP_LIMIT_MS))
  const code = await Promise.race([exited, timeout])
  if (code === 'timeout') child.kill('SIGKILL')
  return { code, lines: output().trim().split('\n') }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-startup-'))

it.each([
  [
    'under /proc, where mkdir fails below a directory that exists',
    () => '/proc/waystation-x/var',
    /cannot create \/proc\/waystation-x: ENOENT/,
  ],
  [
    'that is a file',
    () => {
      const file = path.join(tempDir(), 'not-a-dir')
      fs.writeFileSync(file, '')
      return file
    },
    /not-a-dir exists but is not a directory/,
  ],
])('exits with a message for a data dir %s', { timeout: 90_000 }, async (_, dir, message) => {
  const { code, lines } = await runToExit({ WAYSTATION_DATA_DIR: dir() })
  expect(code).toBe(1)
  expect(lines).toEqual([expect.stringMatching(message)])
})

it('exits with a message for a data dir it cannot write', { timeout: 90_000 }, async () => {
  const dir = tempDir()
  fs.chmodSync(dir, 0o555)
  // Permissions do not bind root: run the server as nobody then.
  const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  const { code, lines } = await runToExit({ WAYSTATION_DATA_DIR: dir }, as)
  expect(code).toBe(1)
  expect(lines).toEqual([expect.stringMatching(/is not writable: EACCES/)])
})

it(
  'refuses to start on a database whose county pages are corrupt',
  { timeout: 90_000 },
  async () => {
    const dir = tempDir()
    await writeWithCorruptCounties(path.join(dir, 'waystation.sqlite'), makeDataset())
    const { code, lines } = await runToExit({ WAYSTATION_DATA_DIR: dir })
    expect(code).toBe(1)
    expect(lines).toEqual([
      expect.stringMatching(/waystation\.sqlite is damaged \(PRAGMA quick_check: .+\); restore/),
    ])
  },
)
