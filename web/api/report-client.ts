import type { Report, ReportInput } from '../../server/domain/report.ts'
import { ApiError, parseRetryAfter } from './client.ts'

/**
 * `POST /api/stations/{id}/reports`: the finder's one write, loaded with the report form. The
 * typed client (typed-get.ts) only reads, so this is a plain fetch typed by the domain's schema.
 */
export async function postReport(stationId: string, input: ReportInput): Promise<Report> {
  const res = await fetch(`/api/stations/${encodeURIComponent(stationId)}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body: unknown = await res.json().catch(() => null)
  if (res.status !== 201 || body === null) {
    const detail = (body as { detail?: unknown } | null)?.detail
    throw new ApiError(
      res.status,
      typeof detail === 'string' ? detail : `HTTP ${res.status}`,
      parseRetryAfter(res.headers.get('retry-after')),
    )
  }
  return body as Report
}
