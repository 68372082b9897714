import fs from 'node:fs'
import path from 'node:path'

/** Why a data directory cannot be used, in one line for the operator. */
export class DataDirError extends Error {}

const reason = (err: unknown) =>
  (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))

/**
 * Makes sure `dir` is a directory this process can write, creating it and any missing parents.
 * Creates one level at a time: Node's recursive mkdir never returns under /proc, where mkdir
 * fails with ENOENT below a directory that exists.
 */
export function prepareDataDir(dir: string): void {
  const missing: string[] = []
  let existing = dir
  for (;;) {
    try {
      if (!fs.statSync(existing).isDirectory()) {
        throw new DataDirError(`${existing} exists but is not a directory`)
      }
      break
    } catch (err) {
      if (err instanceof DataDirError) throw err
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new DataDirError(`cannot use ${existing}: ${reason(err)}`)
      }
      missing.push(existing)
      existing = path.dirname(existing)
    }
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d)
    } catch (err) {
      throw new DataDirError(`cannot create ${d}: ${reason(err)}`)
    }
  }
  // access(W_OK) says yes to root on a read-only mount or in /proc; writing a file is the test.
  const probe = path.join(dir, `.write-test-${process.pid}`)
  try {
    fs.writeFileSync(probe, '')
    fs.rmSync(probe)
  } catch (err) {
    throw new DataDirError(`${dir} is not writable: ${reason(err)}`)
  }
}
