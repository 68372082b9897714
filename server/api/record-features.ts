import type { Station } from '../domain/station.ts'
import type { Trust } from '../domain/report.ts'
import type { ChildcareClass } from '../domain/childcare-class.ts'
import { hoursSummary } from '../domain/opening-hours.ts'
import { pointFeature } from './nearby-fields.ts'

/** One station as the API answers it: a Feature with its hours at `now` and its trust signal. */
export const stationFeature = (s: Station, now: Date, trust: Trust) =>
  pointFeature(s, { hours: hoursSummary(s.openingHours, now), ...trust })

/** One class as the API answers it: a Feature with its seats left and its schedule at `now`. */
export const classFeature = (c: ChildcareClass, now: Date) =>
  pointFeature(c, {
    seatsLeft: Math.max(0, c.capacity - c.enrolled),
    hours: hoursSummary(c.schedule, now),
  })
