import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { mayEdit } from '../domain/account.ts'
import {
  AuditEntrySchema,
  AuditIdParamSchema,
  AuditPageSchema,
  AuditQuerySchema,
} from '../domain/audit.ts'
import { textParam } from '../domain/params.ts'
import type { RecordOf } from '../import/register.ts'
import type { EditLayer } from '../domain/edits.ts'
import { forbidden, requireAdmin, requireUser } from '../auth/authenticate.ts'
import { createRouter, type AppEnv } from './env.ts'
import { notFound, problemResponse } from './problem.ts'
import {
  authResponses,
  jsonResponse,
  notFoundResponse,
  preconditionResponses,
  problem,
  problemResponses,
} from './responses.ts'
import { checkPrecondition, recordTag } from './record-version.ts'
import { authorise, readRecord, saveRecord } from './record-writes.ts'

// The audit log: every write, import and rollback, who made it and the record before and
// after. Admins read all of it; editors a record's history in their counties; an entry of a
// record is undone by writing its before-image back, under the same rules as any write.

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'The audit log, newest first (admins only)',
  request: { query: AuditQuerySchema },
  responses: {
    ...jsonResponse(AuditPageSchema, 'A page of entries; `nextBefore` asks for the next'),
    ...problemResponses,
    ...authResponses,
  },
})

const HistoryQuerySchema = AuditQuerySchema.pick({ before: true, limit: true })
const historyRoute = (path: '/api/stations/{id}/history' | '/api/classes/{id}/history') =>
  createRoute({
    method: 'get',
    path,
    summary: `A ${path.includes('stations') ? 'station' : 'class'}'s history, newest first`,
    description:
      'Its edits and undos (imports are listed in /api/audit by batch)' +
      (path.includes('stations')
        ? ', and the moderation of its reports (layer `reports`: resolve, dismiss). '
        : '. ') +
      "For admins and the editors of the record's county (of any county it was in, once it is gone).",
    request: { params: z.object({ id: textParam(100) }), query: HistoryQuerySchema },
    responses: {
      ...jsonResponse(AuditPageSchema, 'A page of entries'),
      ...problemResponses,
      ...authResponses,
      ...notFoundResponse,
    },
  })

const undoRoute = createRoute({
  method: 'post',
  path: '/api/audit/{id}/undo',
  summary: "Undo an entry: write the record's before-image back",
  description:
    'The record must be writable by the account in its county now and in the restored one. ' +
    "Send If-Match with the current record's ETag, or `If-None-Match: *` when it does not " +
    "exist now (undoing a class's deletion). Undoing a creation removes the record. The undo " +
    'is itself an entry (`undoes` names this one), so it can be undone in turn. Imports are ' +
    'undone by rolling their batch back (`npm run import -- --rollback`), not here (409).',
  request: { params: AuditIdParamSchema },
  responses: {
    200: {
      description: "The new entry; ETag: the restored record's version (absent when removed)",
      content: { 'application/json': { schema: AuditEntrySchema } },
    },
    ...problemResponses,
    ...authResponses,
    ...notFoundResponse,
    ...preconditionResponses,
    409: problem(
      'An import, rollback or moderation entry, or the record is already as it was before',
    ),
  },
})

const conflict = (detail: string) => new HTTPException(409, { res: problemResponse(409, detail) })

async function history(
  c: Context<AppEnv>,
  layer: EditLayer,
  id: string,
  query: { before?: number; limit: number },
) {
  const user = await requireUser(c)
  const { store } = c.var
  const current = await readRecord(store, layer, id)
  const page = await store.listAudit({
    ...(layer === 'stations' ? { stationId: id } : { layer, recordId: id }),
    beforeId: query.before,
    limit: query.limit,
  })
  if (current === null && page.entries.length === 0 && query.before === undefined) {
    throw notFound(`no ${layer === 'stations' ? 'station' : 'class'} ${id}, and no history of one`)
  }
  if (user.role !== 'admin') {
    // Where it is now, or (gone) where it ever was: the first page's newest entry says.
    const newest =
      current === null
        ? (await store.listAudit({ layer, recordId: id, limit: 1 })).entries[0]
        : undefined
    const counties = current !== null ? [current.adcode] : (newest?.adcodes ?? [])
    if (!counties.some((a) => mayEdit(user, a))) {
      throw forbidden(`${user.name} may not read the history of ${id}`)
    }
  }
  return page
}

export const auditApi = createRouter()
  .openapi(auditRoute, async (c) => {
    const q = c.req.valid('query')
    await requireAdmin(c)
    const page = await c.var.store.listAudit({
      layer: q.layer,
      recordId: q.record,
      userId: q.user,
      beforeId: q.before,
      limit: q.limit,
    })
    return c.json(page, 200)
  })
  .openapi(historyRoute('/api/stations/{id}/history'), async (c) => {
    const page = await history(c, 'stations', c.req.valid('param').id, c.req.valid('query'))
    return c.json(page, 200)
  })
  .openapi(historyRoute('/api/classes/{id}/history'), async (c) => {
    const page = await history(c, 'classes', c.req.valid('param').id, c.req.valid('query'))
    return c.json(page, 200)
  })
  .openapi(undoRoute, async (c) => {
    const { id } = c.req.valid('param')
    const user = await requireUser(c)
    const { store } = c.var
    const entry = await store.getAuditEntry(id)
    if (!entry) throw notFound(`no audit entry ${id}`)
    const layer = entry.layer
    if (layer === 'reports') throw conflict(`entry ${id} moderates a report: it is not undone`)
    if (entry.recordId === null || layer === 'parks') {
      throw conflict(`entry ${id} is an ${entry.action}: roll its batch back instead`)
    }
    const current = await readRecord(store, layer, entry.recordId)
    const restored = entry.before as RecordOf<typeof layer> | null
    authorise(
      user,
      layer,
      [current, restored].flatMap((r) => (r ? [r.adcode] : [])),
    )
    checkPrecondition(c, current)
    const undone = await saveRecord(c, user, {
      layer,
      id: entry.recordId,
      current,
      next: restored,
      action: 'undo',
      undoes: entry.id,
    })
    if (undone === null) throw conflict(`${entry.recordId} is already as it was before entry ${id}`)
    if (restored !== null) c.header('etag', recordTag(restored))
    return c.json(undone, 200)
  })
