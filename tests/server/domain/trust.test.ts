import { describe, expect, it } from 'vitest'
import { hasOpenProblem, NO_TRUST, trustOf } from '../../../server/domain/trust.ts'
import type { ReportType } from '../../../server/domain/vocabularies.ts'
import { OpenReports } from '../../../server/db/open-reports.ts'

const NOW = new Date('2026-07-31T12:00:00.000Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString()
const r = (type: ReportType, days: number) => ({
  id: `${type}-${days}`,
  type,
  createdAt: daysAgo(days),
})

describe('trustOf', () => {
  it('is empty without reports', () => {
    expect(trustOf([], NOW)).toEqual(NO_TRUST)
  })

  it('dates the newest confirmation and counts nothing open after it', () => {
    expect(trustOf([r('confirmed_open', 5), r('confirmed_open', 2)], NOW)).toEqual({
      lastConfirmedAt: daysAgo(2),
      openReports: {},
      latestReport: null,
    })
  })

  it('lets a confirmation settle the door problems before it, but not a missing amenity', () => {
    const trust = trustOf(
      [r('locked', 3), r('not_found', 4), r('amenity_missing', 3), r('confirmed_open', 1)],
      NOW,
    )
    expect(trust).toEqual({
      lastConfirmedAt: daysAgo(1),
      openReports: { amenity_missing: 1 },
      latestReport: { type: 'amenity_missing', createdAt: daysAgo(3) },
    })
    expect(hasOpenProblem(trust)).toBe(false)
  })

  it('lets a later problem supersede the confirmation', () => {
    const trust = trustOf([r('confirmed_open', 3), r('locked', 1), r('locked', 0.5)], NOW)
    expect(trust).toEqual({
      lastConfirmedAt: null,
      openReports: { locked: 2 },
      latestReport: { type: 'locked', createdAt: daysAgo(0.5) },
    })
    expect(hasOpenProblem(trust)).toBe(true)
  })

  it('gives a tie to the problem report', () => {
    expect(trustOf([r('closed', 1), r('confirmed_open', 1)], NOW).openReports).toEqual({
      closed: 1,
    })
  })

  it('ages reports out after 30 days', () => {
    expect(trustOf([r('closed', 30.01), r('confirmed_open', 31)], NOW)).toEqual(NO_TRUST)
    expect(trustOf([r('closed', 29.99)], NOW).openReports).toEqual({ closed: 1 })
  })

  it('counts other notes and missing amenities as open but not as problems', () => {
    const trust = trustOf([r('other', 1), r('amenity_missing', 2), r('other', 3)], NOW)
    expect(trust.openReports).toEqual({ other: 2, amenity_missing: 1 })
    expect(hasOpenProblem(trust)).toBe(false)
  })
})

describe('OpenReports', () => {
  it('answers each station in the order asked and forgets what aged out', () => {
    const book = new OpenReports()
    book.add('a', r('locked', 40))
    book.add('a', r('confirmed_open', 1))
    book.add('b', r('not_found', 2))
    const [a, missing, b] = book.trust(['a', 'x', 'b'], NOW)
    expect(a!.lastConfirmedAt).toBe(daysAgo(1))
    expect(missing).toEqual(NO_TRUST)
    expect(b!.openReports).toEqual({ not_found: 1 })
    // A month later everything has aged out.
    const later = new Date(NOW.getTime() + 31 * 86_400_000)
    expect(book.trust(['a', 'b'], later)).toEqual([NO_TRUST, NO_TRUST])
  })

  it('tags the reports it holds: the same set the same tag, however it came about', () => {
    const tagOf = (steps: (book: OpenReports) => void) => {
      const book = new OpenReports()
      steps(book)
      return book.tag
    }
    const empty = tagOf(() => {})
    const ab = tagOf((book) => {
      book.add('a', r('locked', 1))
      book.add('b', r('not_found', 2))
    })
    // Another order, a report heard twice, one added and taken out again: the same two held.
    const ba = tagOf((book) => {
      book.add('b', r('not_found', 2))
      book.add('a', r('other', 3))
      book.add('a', r('locked', 1))
      book.add('a', r('locked', 1))
      book.remove('a', r('other', 3).id)
      book.remove('a', 'not-held')
    })
    expect(ba).toBe(ab)
    expect(ab).not.toBe(empty)
    expect(tagOf((book) => book.add('a', r('locked', 1)))).not.toBe(ab)
    expect(tagOf((book) => book.add('a', r('locked', 1)))).not.toBe(empty)
    // Emptied by closing each, or at once: as new.
    expect(
      tagOf((book) => {
        book.add('a', r('locked', 1))
        book.remove('a', r('locked', 1).id)
      }),
    ).toBe(empty)
    expect(
      tagOf((book) => {
        book.add('a', r('locked', 1))
        book.clear()
      }),
    ).toBe(empty)
    // A report that aged out is dropped from the tag as from the signal: the book that dropped
    // it and one that never held it agree.
    const aged = tagOf((book) => {
      book.add('a', r('locked', 40))
      book.add('b', r('not_found', 2))
      book.trust(['a'], NOW)
    })
    expect(aged).toBe(tagOf((book) => book.add('b', r('not_found', 2))))
  })
})
