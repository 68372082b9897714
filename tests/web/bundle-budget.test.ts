import { describe, expect, test } from 'vitest'
import { FIRST_LOAD_BUDGET_BYTES, measureWebSizeApart } from '../../bench/web-size.ts'

// A phone on mobile data pays for every byte before the finder's first screen: hold the line.
// The production build is made in memory (vite.config.ts), so this measures what ships.

describe('the finder first load', () => {
  test(`is at most ${FIRST_LOAD_BUDGET_BYTES / 1000} kB of JavaScript gzip beyond MapLibre`, () => {
    const size = measureWebSizeApart()
    const report = JSON.stringify(size.firstLoad, null, 2)
    expect(size.firstLoadBytes, `first-load chunks (gzip bytes): ${report}`).toBeLessThanOrEqual(
      FIRST_LOAD_BUDGET_BYTES,
    )
    // What must stay out of it: the parser lives on the server; planner and card load on demand
    // (hours-text, the card's and the childcare panel's hours in words, is no parser).
    const lazy = Object.keys(size.lazy).join(' ')
    expect(lazy).toMatch(/planner-app-/)
    expect(lazy).toMatch(/station-card-/)
    expect(Object.keys(size.firstLoad).join(' ')).not.toMatch(/hours(?!-text-)|opening/)
    // Among lazy chunks only the admin's (/admin) validates opening_hours in the browser.
    expect(lazy).toMatch(/admin-app-/)
    expect(lazy.replace(/assets\/opening-hours-\S+/, '')).not.toMatch(/hours(?!-text-)|opening/)
  }, 120_000)
})
