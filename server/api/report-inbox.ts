import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { mayEdit, type User } from '../domain/account.ts'
import { AuditEntrySchema } from '../domain/audit.ts'
import { textParam } from '../domain/params.ts'
import {
  InboxReportSchema,
  ReportPageSchema,
  ReportQuerySchema,
  ResolveInputSchema,
  type ClosedStatus,
} from '../domain/report-inbox.ts'
import { inArea, ReportClosedError, type ReportKey } from '../db/store.ts'
import { actorOf } from '../auth/actors.ts'
import { forbidden, requireUser } from '../auth/authenticate.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { createRouter, type AppEnv } from './env.ts'
import { badParameter, notFound, problemResponse } from './problem.ts'
import {
  authResponses,
  jsonResponse,
  notFoundResponse,
  problem,
  problemResponses,
} from './responses.ts'

// The editors' inbox: workers' reports on the stations of their counties (all, for admins),
// newest first; each is resolved (naming the edit it led to) or dismissed once. Closing one
// is moderation, not an edit: it appends an audit entry and takes the report out of the trust
// signal at once, but leaves the data version, the indexes and coverage alone.

const MODERATION =
  'Needs `Authorization: Bearer <token>`, or the session cookie with `X-CSRF-Token`; an ' +
  "editor moderates only the reports of their counties (the station's county when reported). " +
  'Appends an audit entry (layer `reports`) and the report stops counting in the trust ' +
  'signal at once; the data version stays.'

const listRoute = createRoute({
  method: 'get',
  path: '/api/reports',
  summary: "Workers' reports, newest first: an editor's counties, or all for admins",
  request: { query: ReportQuerySchema },
  responses: {
    ...jsonResponse(ReportPageSchema, 'A page of reports; `nextBefore` asks for the next'),
    ...problemResponses,
    ...authResponses,
  },
})

const closeResponses = {
  200: {
    description: 'The report as closed, and the audit entry that says so',
    content: {
      'application/json': {
        schema: z.object({ report: InboxReportSchema, entry: AuditEntrySchema }),
      },
    },
  },
  ...problemResponses,
  ...authResponses,
  ...notFoundResponse,
  409: problem('The report is no longer open (already resolved or dismissed)'),
}
const idParam = z.object({ id: textParam(100) })

const resolveRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/resolve',
  summary: 'Resolve an open report, optionally naming the edit it led to',
  description:
    `${MODERATION} \`auditEntryId\`, when sent, must name an existing audit entry about the ` +
    "report's station (400 naming it otherwise). The body may be left out.",
  request: {
    params: idParam,
    body: { required: false, content: { 'application/json': { schema: ResolveInputSchema } } },
  },
  responses: closeResponses,
})

const dismissRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/dismiss',
  summary: 'Dismiss an open report (not true, or spam)',
  description: MODERATION,
  request: { params: idParam },
  responses: closeResponses,
})

const conflict = (detail: string) => new HTTPException(409, { res: problemResponse(409, detail) })

/** `nextBefore` is opaque: the list's key (time, then id) of the page's last report. */
const encodeKey = (key: ReportKey) => encodeCursor(`${key.createdAt} ${key.id}`)
function decodeKey(cursor: string): ReportKey {
  const [createdAt, id, ...rest] = decodeCursor(cursor)?.split(' ') ?? []
  if (createdAt === undefined || id === undefined || rest.length > 0) {
    throw badParameter('before', "is not a cursor this API issued (pass a page's nextBefore)")
  }
  return { createdAt, id }
}

/** The counties an account may read reports of within `area` (undefined: every county). */
function readableCounties(user: User, area: string | undefined): string[] | undefined {
  if (user.role === 'admin') return undefined
  const counties = user.counties.filter((a) => area === undefined || inArea(a, area))
  if (counties.length === 0) throw forbidden(`${user.name} may not read the reports of ${area}`)
  return counties
}

async function close(
  c: Context<AppEnv>,
  id: string,
  status: ClosedStatus,
  auditEntryId: number | null,
) {
  const user = await requireUser(c)
  const { store } = c.var
  const report = await store.getReport(id)
  if (!report) throw notFound(`no report ${id}`)
  if (!mayEdit(user, report.adcode)) {
    throw forbidden(`${user.name} may not moderate the reports of county ${report.adcode}`)
  }
  if (report.status !== 'open') throw conflict(`report ${id} is already ${report.status}`)
  if (auditEntryId !== null) {
    const entry = await store.getAuditEntry(auditEntryId)
    if (entry?.layer !== 'stations' || entry.recordId !== report.stationId) {
      throw badParameter('auditEntryId', `names no edit of station ${report.stationId}`)
    }
  }
  try {
    const at = new Date().toISOString()
    return await store.closeReport({ id, status, auditEntryId, actor: actorOf(user), at })
  } catch (err) {
    // Closed by someone else between the read and the write.
    if (err instanceof ReportClosedError) throw conflict(err.message)
    throw err
  }
}

export const reportInboxApi = createRouter()
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const user = await requireUser(c)
    const page = await c.var.store.listReports({
      counties: readableCounties(user, q.adcode),
      area: q.adcode,
      status: q.status,
      type: q.type,
      before: q.before === undefined ? undefined : decodeKey(q.before),
      limit: q.limit,
    })
    return c.json(
      { reports: page.reports, nextBefore: page.next === null ? null : encodeKey(page.next) },
      200,
    )
  })
  .openapi(resolveRoute, async (c) => {
    const body = c.req.valid('json') as { auditEntryId?: number } | undefined
    const closed = await close(c, c.req.valid('param').id, 'resolved', body?.auditEntryId ?? null)
    return c.json(closed, 200)
  })
  .openapi(dismissRoute, async (c) => {
    return c.json(await close(c, c.req.valid('param').id, 'dismissed', null), 200)
  })
