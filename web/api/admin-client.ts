import type { z } from 'zod'
import type { SessionSchema } from '../../server/domain/account.ts'
import type { AuditEntry } from '../../server/domain/audit.ts'
import type { InboxReport, ReportPage } from '../../server/domain/report-inbox.ts'
import type { ReportStatus } from '../../server/domain/report.ts'
import type { ReportType } from '../../server/domain/vocabularies.ts'
import type { ImportReport } from '../../server/domain/import-report.ts'
import type { Problem } from '../../server/domain/problem.ts'
import type {
  ClassCreate,
  ClassPatch,
  EditLayer,
  StationCreate,
  StationPatch,
} from '../../server/domain/edits.ts'
import type { ChildcareClass, ClassFeature } from '../../server/domain/childcare-class.ts'
import type { Station, StationFeature } from '../../server/domain/station.ts'
import type { CrsName } from '../../server/domain/crs.ts'
import type { ImportLayer, ImportMode } from '../../server/import/register.ts'

/**
 * The web admin's requests: sessions, the editing API, history and undo, imports, the reports
 * inbox and the audit log. Apart from
 * client.ts (whose typed GETs are all the finder needs) because these write, with the session
 * cookie and its CSRF header, and must keep the problem+json the server refuses with.
 */

export type Session = z.infer<typeof SessionSchema>

/** A refused request, with the server's problem+json (or a stand-in when it sent none). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  constructor(readonly problem: Problem & { report?: ImportReport }) {
    super(problem.detail)
  }
  get status(): number {
    return this.problem.status
  }
}

/** A record as read or written, with the version a write must send as If-Match. */
export interface Tagged<T> {
  value: T
  etag: string
}

let csrfToken: string | null = null

async function request<T>(
  path: string,
  init: RequestInit & { ifMatch?: string } = {},
): Promise<Tagged<T>> {
  const headers = new Headers(init.headers)
  if (init.method !== undefined && init.method !== 'GET' && csrfToken !== null) {
    headers.set('x-csrf-token', csrfToken)
  }
  if (init.ifMatch !== undefined) headers.set('if-match', init.ifMatch)
  if (typeof init.body === 'string') headers.set('content-type', 'application/json')
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' })
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null)
  if (!res.ok) {
    const p = body as Partial<Problem> | null
    throw new ProblemError({
      type: 'about:blank',
      title: p?.title ?? `HTTP ${res.status}`,
      ...p,
      status: res.status,
      detail: typeof p?.detail === 'string' ? p.detail : `HTTP ${res.status}`,
    })
  }
  return { value: body as T, etag: res.headers.get('etag') ?? '' }
}

const remember = (s: Session) => {
  csrfToken = s.csrfToken
  return s
}

export const fetchSession = async () => remember((await request<Session>('/api/session')).value)

export const signIn = async (token: string) =>
  remember(
    (
      await request<Session>('/api/session', {
        method: 'POST',
        body: JSON.stringify({ token }),
      })
    ).value,
  )

export async function signOut(): Promise<void> {
  await request('/api/session', { method: 'DELETE' })
  csrfToken = null
}

/** The records each layer the admin edits holds, and the bodies its writes take. */
export interface EditRecords {
  stations: Station
  classes: ChildcareClass
}
export interface EditBodies {
  stations: { create: StationCreate; patch: StationPatch }
  classes: { create: ClassCreate; patch: ClassPatch }
}
type Feature<L extends EditLayer> = L extends 'stations' ? StationFeature : ClassFeature

/** A layer's records whose name or address matches `q`, in `adcode` when given. */
export async function searchRecords<L extends EditLayer>(
  layer: L,
  q: string,
  adcode: string | null,
): Promise<EditRecords[L][]> {
  const query = new URLSearchParams({ limit: '50' })
  if (q.trim() !== '') query.set('q', q.trim())
  if (adcode !== null) query.set('adcode', adcode)
  const page = await request<{ features: Feature<L>[] }>(`/api/${layer}?${query}`)
  return page.value.features.map((f) => recordOf<L>(f))
}

/** The feature as the record: its properties less what is derived for display. */
function recordOf<L extends EditLayer>(f: Feature<L>): EditRecords[L] {
  const props: Record<string, unknown> = { ...f.properties }
  delete props.hours
  delete props.seatsLeft
  const [lon, lat] = f.geometry.coordinates
  return { ...props, lon, lat } as EditRecords[L]
}

const recordPath = (layer: EditLayer, id: string) => `/api/${layer}/${encodeURIComponent(id)}`

const tagged = <L extends EditLayer>({ value, etag }: Tagged<Feature<L>>) => ({
  value: recordOf<L>(value),
  etag,
})

export const fetchRecord = async <L extends EditLayer>(
  layer: L,
  id: string,
): Promise<Tagged<EditRecords[L]>> => tagged<L>(await request<Feature<L>>(recordPath(layer, id)))

export const createRecord = async <L extends EditLayer>(
  layer: L,
  body: EditBodies[L]['create'],
): Promise<Tagged<EditRecords[L]>> =>
  tagged<L>(
    await request<Feature<L>>(`/api/${layer}`, { method: 'POST', body: JSON.stringify(body) }),
  )

export const patchRecord = async <L extends EditLayer>(
  layer: L,
  id: string,
  patch: EditBodies[L]['patch'],
  etag: string,
): Promise<Tagged<EditRecords[L]>> =>
  tagged<L>(
    await request<Feature<L>>(recordPath(layer, id), {
      method: 'PATCH',
      body: JSON.stringify(patch),
      ifMatch: etag,
    }),
  )

/** A station closed (as now stored), or null: a class is removed. */
export async function deleteRecord<L extends EditLayer>(
  layer: L,
  id: string,
  etag: string,
): Promise<Tagged<EditRecords[L]> | null> {
  const res = await request<Feature<L> | null>(recordPath(layer, id), {
    method: 'DELETE',
    ifMatch: etag,
  })
  return res.value === null ? null : tagged<L>({ value: res.value, etag: res.etag })
}

/** A record's history, newest first (a station's with the moderation of its reports). */
export async function fetchHistory(layer: EditLayer, id: string): Promise<AuditEntry[]> {
  const page = await request<{ entries: AuditEntry[] }>(`${recordPath(layer, id)}/history`)
  return page.value.entries
}

/**
 * Undoes an audit entry of the record whose current version is `etag`; null when the record
 * does not exist now (undoing a class's removal).
 */
export const undoEntry = async (entryId: number, etag: string | null) =>
  (
    await request<AuditEntry>(`/api/audit/${entryId}/undo`, {
      method: 'POST',
      ...(etag === null ? { headers: { 'if-none-match': '*' } } : { ifMatch: etag }),
    })
  ).value

export interface ImportChoice {
  file: File
  layer: ImportLayer
  mode: ImportMode
  crs: CrsName | null
  dryRun: boolean
}

/** POST /api/import: the report, or a ProblemError (a 422's carries the report too). */
export async function runImport(c: ImportChoice): Promise<ImportReport> {
  const query = new URLSearchParams({ layer: c.layer, mode: c.mode, dryRun: String(c.dryRun) })
  if (c.crs !== null) query.set('crs', c.crs)
  const form = new FormData()
  form.append('file', c.file)
  return (await request<ImportReport>(`/api/import?${query}`, { method: 'POST', body: form })).value
}

export interface InboxFilter {
  status: ReportStatus
  type: ReportType | null
}

/** A page of the inbox, newest first; `before` is the previous page's nextBefore. */
export async function fetchReports(f: InboxFilter, before: string | null): Promise<ReportPage> {
  const query = new URLSearchParams({ status: f.status, limit: '30' })
  if (f.type !== null) query.set('type', f.type)
  if (before !== null) query.set('before', before)
  return (await request<ReportPage>(`/api/reports?${query}`)).value
}

/** Resolves (naming the edit it led to, if any) or dismisses an open report. */
export async function closeReport(
  id: string,
  action: 'resolve' | 'dismiss',
  auditEntryId: number | null,
): Promise<InboxReport> {
  const init: RequestInit = { method: 'POST' }
  if (auditEntryId !== null) init.body = JSON.stringify({ auditEntryId })
  const path = `/api/reports/${encodeURIComponent(id)}/${action}`
  return (await request<{ report: InboxReport }>(path, init)).value.report
}

/** A page of the whole audit log (admins), newest first. */
export async function fetchAudit(
  before: number | null,
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const query = new URLSearchParams({ limit: '50' })
  if (before !== null) query.set('before', String(before))
  return (
    await request<{ entries: AuditEntry[]; nextBefore: number | null }>(`/api/audit?${query}`)
  ).value
}
