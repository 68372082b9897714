import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { calendarCandidates } from '../../fixtures/calendar-days.ts'
import { parseUrlState } from '../../../web/map/url-state.ts'
import { makeTestApp } from './test-app.ts'

// The API and the web app's URL state parse `date` with one schema: a link the page accepts
// is one the API answers, and a day the API refuses never reaches it from a link.

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(makeDataset())
})
afterAll(() => t.close())

it('answers real calendar days and refuses the rest with a problem naming date', async () => {
  for (const { date, real } of calendarCandidates()) {
    const { status, body } = await t.get(`/api/classes/nearby?lat=30.25&lon=120.15&date=${date}`)
    expect(status, date).toBe(real ? 200 : 400)
    if (!real) expect(body.parameter, date).toBe('date')
    expect(parseUrlState(`?date=${date}`).date !== null, date).toBe(real)
  }
})
