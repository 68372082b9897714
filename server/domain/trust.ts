import type { Trust } from './report.ts'
import { PROBLEM_TYPES, type ProblemType, type ReportType } from './vocabularies.ts'

// Pure and free of zod: the web app imports it.

/** A report older than this no longer counts in the trust signal. */
export const REPORT_MAX_AGE_DAYS = 30
export const REPORT_MAX_AGE_MS = REPORT_MAX_AGE_DAYS * 86_400_000

const isProblemType = (t: ReportType): t is ProblemType =>
  (PROBLEM_TYPES as readonly string[]).includes(t)

/** What the trust signal needs of an open report. */
export interface TrustReport {
  type: ReportType
  /** ISO 8601 in UTC (`toISOString`), so that text order is time order. */
  createdAt: string
}

export const NO_TRUST: Trust = { lastConfirmedAt: null, openReports: {}, latestReport: null }

/**
 * A station's trust signal at `now` from its open reports (any order: those an editor has not
 * resolved or dismissed). Among them, "unresolved" means:
 * - a report counts for REPORT_MAX_AGE_DAYS, then ages out;
 * - a confirmed_open settles the locked / not_found / closed reports made before it (someone
 *   got in since), but not amenity_missing or other (the station may be open and still lack a
 *   microwave);
 * - a confirmation is superseded by a problem report made after it: `lastConfirmedAt` is null
 *   while the newest word about the door is a problem.
 * Ties (the same millisecond) go to the problem report.
 */
export function trustOf(reports: readonly TrustReport[], now: Date): Trust {
  const since = new Date(now.getTime() - REPORT_MAX_AGE_MS).toISOString()
  const recent = reports.filter((r) => r.createdAt > since)
  let confirmedAt: string | null = null
  for (const r of recent) {
    if (r.type === 'confirmed_open' && (confirmedAt === null || r.createdAt > confirmedAt)) {
      confirmedAt = r.createdAt
    }
  }
  const open = recent.filter(
    (r) =>
      r.type !== 'confirmed_open' &&
      (!isProblemType(r.type) || confirmedAt === null || r.createdAt >= confirmedAt),
  )
  if (open.length === 0 && confirmedAt === null) return NO_TRUST
  const openReports: Trust['openReports'] = {}
  let latest: TrustReport | null = null
  let superseded = false
  for (const r of open) {
    openReports[r.type] = (openReports[r.type] ?? 0) + 1
    if (latest === null || r.createdAt > latest.createdAt) latest = r
    if (isProblemType(r.type)) superseded = true
  }
  return {
    lastConfirmedAt: superseded ? null : confirmedAt,
    openReports,
    latestReport: latest && { type: latest.type, createdAt: latest.createdAt },
  }
}

/**
 * The unresolved locked / not_found / closed report a station is marked with (it sorts below
 * its neighbours): the newest report's type when it is one, else the first such type; or null.
 */
export function openProblemOf(trust: Trust): ProblemType | null {
  const latest = trust.latestReport?.type
  if (latest !== undefined && isProblemType(latest)) return latest
  return PROBLEM_TYPES.find((t) => (trust.openReports[t] ?? 0) > 0) ?? null
}

export const hasOpenProblem = (trust: Trust): boolean => openProblemOf(trust) !== null
