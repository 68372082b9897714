const DAY_MS = 86_400_000

/** The calendar date `days` after the UTC midnight `fromMs`, as YYYY-MM-DD. */
export function isoDate(fromMs: number, days: number): string {
  return new Date(fromMs + days * DAY_MS).toISOString().slice(0, 10)
}
