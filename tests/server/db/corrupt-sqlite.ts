import fs from 'node:fs'
import Database from 'better-sqlite3'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import type { Dataset } from '../../../server/db/store.ts'

/**
 * Writes `dataset` to a new SQLite file, closes it (folding the WAL into the file), then
 * overwrites every b-tree page of the counties table with a fixed byte pattern, as a failing
 * disk would. Reproducible: the pages come from SQLite's own dbstat listing. The index that
 * `count(*)` reads stays intact, so counting counties still works, as it did in the field.
 * Returns the damaged page numbers.
 */
export async function writeWithCorruptCounties(file: string, dataset: Dataset): Promise<number[]> {
  const store = await SqliteStore.open(file)
  await store.replaceDataset(dataset)
  await store.close()
  const db = new Database(file, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'counties' AND pagetype != 'overflow'")
    .pluck()
    .all() as number[]
  db.close()
  const fd = fs.openSync(file, 'r+')
  for (const page of pages)
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  fs.closeSync(fd)
  return pages
}
