import { serveIndexBuilds } from '../../../server/db/index-thread.ts'

// An index thread for tests: each build answers how many builds this thread has made.

let builds = 0
serveIndexBuilds(
  () => ({ version: ++builds }),
  () => [],
)
