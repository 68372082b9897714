import fs from 'node:fs'
import path from 'node:path'
import { threadId } from 'node:worker_threads'
import {
  GRID_FORMAT_VERSION,
  gridFileBytes,
  gridFromFileBytes,
  type GridBuffers,
} from './grid-codec.ts'

/**
 * County grids on disk, one file per (boundary geometry hash, H3 resolution, format version).
 * Written to a temporary file and renamed, so a reader never sees half a file; a file that is
 * truncated or corrupt anyway (a crash mid-write, a bad disk) fails its checksum and is rebuilt.
 */

/** `key`: the service's name for a grid, `county-<geometry hash>-r<res>`. */
export function gridFileName(key: string): string {
  return `${key}-v${GRID_FORMAT_VERSION}.grid`
}

/** The grid stored in `file`, or null when it is missing or unusable. */
export function readGridFile(file: string): GridBuffers | null {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch {
    return null
  }
  return gridFromFileBytes(bytes)
}

export function writeGridFile(file: string, grid: GridBuffers): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}-${threadId}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, gridFileBytes(grid))
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}
