import fs from 'node:fs'

/** Debian's PostgreSQL 15 programs and PostGIS 3's extension files. */
export const PG_BIN = '/usr/lib/postgresql/15/bin'
const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control'

/**
 * Why the PostgreSQL suites cannot run here, or null when they can: a server is given
 * (WAYSTATION_TEST_DATABASE_URL) or one can be started. Under CI they never skip: they run
 * anyway, so a missing PostgreSQL fails a test instead of passing silently. No imports beyond
 * node:fs: vite.config.ts reads it to decide whether the API suites also run on PostgreSQL.
 */
export const pgUnavailable: string | null =
  process.env.WAYSTATION_TEST_DATABASE_URL || process.env.CI === 'true'
    ? null
    : !fs.existsSync(`${PG_BIN}/initdb`)
      ? `PostgreSQL 15 is not installed (${PG_BIN}/initdb); apt-get install postgresql-15-postgis-3`
      : !fs.existsSync(POSTGIS_CONTROL)
        ? 'PostGIS 3 is not installed; apt-get install postgresql-15-postgis-3'
        : null
