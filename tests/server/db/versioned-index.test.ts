import { describe, expect, it } from 'vitest'
import { VersionedIndex } from '../../../server/db/versioned-index.ts'

type Columns = { version: number }

/** An index thread whose builds return the versions queued, each when released. */
function fakeThread(versions: (number | Error)[]) {
  const calls: (() => void)[] = []
  const thread = {
    builds: 0,
    build(): Promise<Columns> {
      thread.builds++
      const next = versions.shift() ?? new Error('no build queued')
      return new Promise((resolve, reject) => {
        calls.push(() => (next instanceof Error ? reject(next) : resolve({ version: next })))
      })
    },
    close: async () => {},
    /** Lets every build started so far finish. */
    release: async () => {
      for (const done of calls.splice(0)) done()
      await new Promise((r) => setImmediate(r))
    },
  }
  return thread
}

const made = (c: Columns) => `index@${c.version}`

describe('VersionedIndex', () => {
  it('holds nothing before the first build', () => {
    const index = new VersionedIndex(fakeThread([]), made)
    expect(index.index).toBeNull()
    expect(index.version).toBe(-1)
  })

  it('shares a build in flight between callers', async () => {
    const thread = fakeThread([3])
    const index = new VersionedIndex(thread, made)
    const both = Promise.all([index.rebuild(), index.rebuild()])
    await thread.release()
    await both
    expect(thread.builds).toBe(1)
    expect(index.index).toBe('index@3')
  })

  it('keeps the newer index when a build read an older version', () => {
    const index = new VersionedIndex(fakeThread([]), made)
    index.install({ version: 5 })
    index.install({ version: 4 })
    expect([index.index, index.version]).toEqual(['index@5', 5])
    index.install({ version: 6 })
    expect([index.index, index.version]).toEqual(['index@6', 6])
  })

  it('waits for a second build when the one in flight read before the version asked for', async () => {
    const thread = fakeThread([1, 2])
    const index = new VersionedIndex(thread, made)
    const early = index.rebuild() // started before the write that made version 2
    const fresh = index.fresh(2)
    await thread.release()
    await early
    await thread.release()
    await fresh
    expect(thread.builds).toBe(2)
    expect(index.version).toBe(2)
  })

  it('gives up after two builds instead of looping while the version keeps moving', async () => {
    const thread = fakeThread([1, 1, 1])
    const index = new VersionedIndex(thread, made)
    const fresh = index.fresh(9)
    await thread.release()
    await thread.release()
    await fresh
    expect(thread.builds).toBe(2)
    expect(index.version).toBe(1)
  })

  it('does not build when the index is at the version asked for or later', async () => {
    const thread = fakeThread([])
    const index = new VersionedIndex(thread, made)
    index.install({ version: 7 })
    await index.fresh(7)
    await index.fresh(6)
    expect(thread.builds).toBe(0)
  })

  it('answers a failed build with its error, and the next call builds again', async () => {
    const thread = fakeThread([new Error('disk on fire'), 4])
    const index = new VersionedIndex(thread, made)
    const failed = index.fresh(4)
    const caught = failed.catch((err: Error) => err.message)
    await thread.release()
    expect(await caught).toBe('disk on fire')
    expect(index.index).toBeNull()
    const retried = index.fresh(4)
    await thread.release()
    await retried
    expect(thread.builds).toBe(2)
    expect(index.index).toBe('index@4')
  })
})
