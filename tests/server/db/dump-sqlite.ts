import Database from 'better-sqlite3'

/** Every row of every table of a SQLite file, in a fixed order: equal dumps, equal data. */
export function dumpSqlite(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true })
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[]
    return Object.fromEntries(
      tables.map((t) => {
        const columns = (db.prepare(`SELECT * FROM "${t}" LIMIT 0`).columns() as { name: string }[])
          .map((c) => `"${c.name}"`)
          .join(', ')
        return [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns}`).all()]
      }),
    )
  } finally {
    db.close()
  }
}
