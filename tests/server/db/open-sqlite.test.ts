import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite/open-sqlite.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-open-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

it('opens the write path durable: WAL, and every commit synced (synchronous = FULL)', async () => {
  const { db, sqlite } = await openSqlite(path.join(dir, 'w.sqlite'), () => {})
  try {
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    // 2 is FULL; NORMAL (1) may lose the last commits on a power cut in WAL mode.
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
  } finally {
    await db.destroy()
  }
})
