/** Start-up failures are the operator's to fix: one line saying what failed, no stack trace. */
export function fail(what: string, err?: unknown): never {
  const why = err === undefined ? '' : `: ${err instanceof Error ? err.message : String(err)}`
  console.error(`${what}${why}`)
  process.exit(1)
}
