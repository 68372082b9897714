import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { textParam } from '../domain/params.ts'
import { StationFeatureSchema, type Station } from '../domain/station.ts'
import { ClassFeatureSchema, type ChildcareClass } from '../domain/childcare-class.ts'
import {
  ClassCreateSchema,
  ClassPatchSchema,
  classRangeProblems,
  StationCreateSchema,
  StationPatchSchema,
} from '../domain/edits.ts'
import { requireUser } from '../auth/authenticate.ts'
import { createRouter, type AppEnv } from './env.ts'
import { notFound, parameterProblem } from './problem.ts'
import { HTTPException } from 'hono/http-exception'
import {
  authResponses,
  notFoundResponse,
  preconditionResponses,
  problemResponses,
} from './responses.ts'
import { checkPrecondition, recordTag } from './record-version.ts'
import { classFeature, stationFeature } from './record-features.ts'
import {
  authorise,
  editorProvenance,
  newRecordId,
  placedIn,
  readRecord,
  saveRecord,
} from './record-writes.ts'

// The editing API: create, change and delete stations and classes. Every write needs an
// account (401), is authorised by county before and after (403: an editor can neither touch
// another county's record nor move one in or out), needs If-Match on an existing record
// (428/412), and is written with its audit entry in one transaction, bumping the data version
// (tiles, coverage and cached pages follow). A refused write changes nothing.

const WRITE_AUTH =
  'Needs `Authorization: Bearer <token>`, or the session cookie with `X-CSRF-Token`. ' +
  'An editor writes only in their counties; the county (`adcode`) follows the point.'

const idParam = z.object({ id: textParam(100) })
const json = <T extends z.ZodTypeAny>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
})
const answer = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
  headers: { ETag: { schema: { type: 'string' as const }, description: "The record's version" } },
})

function writeRoutes<S extends z.ZodTypeAny, C extends z.ZodTypeAny, P extends z.ZodTypeAny>(
  path: '/api/stations' | '/api/classes',
  noun: string,
  feature: S,
  create: C,
  patch: P,
  deleted: { status: 200 | 204; description: string },
) {
  const common = { ...problemResponses, ...authResponses }
  return {
    create: createRoute({
      method: 'post',
      path,
      summary: `Create a ${noun}`,
      description: `${WRITE_AUTH} The new record is real (\`sample: false\`), its \`source\` the editor's name.`,
      request: { body: json(create) },
      responses: {
        201: {
          ...answer(feature, `The new ${noun}; Location names it`),
        },
        ...common,
      },
    }),
    patch: createRoute({
      method: 'patch',
      path: `${path}/{id}`,
      summary: `Change some fields of a ${noun}`,
      description: `${WRITE_AUTH} Send If-Match with the ETag of \`GET ${path}/{id}\`.`,
      request: { params: idParam, body: json(patch) },
      responses: {
        200: answer(feature, `The ${noun} as now stored`),
        ...common,
        ...notFoundResponse,
        ...preconditionResponses,
      },
    }),
    remove: createRoute({
      method: 'delete',
      path: `${path}/{id}`,
      summary: `Delete a ${noun} (undoable: POST /api/audit/{id}/undo)`,
      description: `${WRITE_AUTH} Send If-Match. ${deleted.description}`,
      request: { params: idParam },
      responses: {
        ...(deleted.status === 200
          ? { 200: answer(feature, `The ${noun}, now closed`) }
          : { 204: { description: `The ${noun} is gone` } }),
        ...common,
        ...notFoundResponse,
        ...preconditionResponses,
      },
    }),
  }
}

const stationRoutes = writeRoutes(
  '/api/stations',
  'station',
  StationFeatureSchema,
  StationCreateSchema,
  StationPatchSchema,
  { status: 200, description: 'Soft: the station stays, with `status: closed`.' },
)
const classRoutes = writeRoutes(
  '/api/classes',
  'class',
  ClassFeatureSchema,
  ClassCreateSchema,
  ClassPatchSchema,
  {
    status: 204,
    description:
      'Classes have no status: the record is removed, its last state kept in the audit log.',
  },
)

/** The record as stored now, or 404; then 403 outside the user's counties, then If-Match. */
async function editable<L extends 'stations' | 'classes'>(
  c: Context<AppEnv>,
  layer: L,
  id: string,
) {
  const user = await requireUser(c)
  const current = await readRecord(c.var.store, layer, id)
  if (current === null) throw notFound(`no ${layer === 'stations' ? 'station' : 'class'} ${id}`)
  authorise(user, layer, [current.adcode])
  checkPrecondition(c, current)
  return { user, current }
}

/** A class whose age range or term runs backwards: 400 naming the field. */
function checkClass(klass: ChildcareClass): void {
  const problems = classRangeProblems(klass)
  if (problems.length > 0) throw new HTTPException(400, { res: parameterProblem(problems) })
}

const tagged = (c: Context, record: object) => c.header('etag', recordTag(record))

/** A written station as GET /api/stations/{id} answers it, trust signal included. */
async function stationAnswer(c: Context<AppEnv>, station: Station) {
  const [trust] = await c.var.store.trust([station.id], c.var.now)
  return stationFeature(station, c.var.now, trust!)
}

export const editsApi = createRouter()
  .openapi(stationRoutes.create, async (c) => {
    const body = c.req.valid('json')
    const user = await requireUser(c)
    const adcode = await placedIn(c.var.store, body.lon, body.lat)
    authorise(user, 'stations', [adcode])
    const station: Station = {
      ...body,
      id: newRecordId('stations'),
      adcode,
      ...editorProvenance(user),
    }
    await saveRecord(c, user, {
      layer: 'stations',
      id: station.id,
      current: null,
      next: station,
      action: 'create',
    })
    tagged(c, station)
    c.header('location', `/api/stations/${station.id}`)
    return c.json(await stationAnswer(c, station), 201)
  })
  .openapi(stationRoutes.patch, async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const { user, current } = await editable(c, 'stations', id)
    const next: Station = { ...current, ...patch }
    if (patch.lon !== undefined || patch.lat !== undefined) {
      next.adcode = await placedIn(c.var.store, next.lon, next.lat)
      authorise(user, 'stations', [next.adcode])
    }
    await saveRecord(c, user, { layer: 'stations', id, current, next, action: 'update' })
    tagged(c, next)
    return c.json(await stationAnswer(c, next), 200)
  })
  .openapi(stationRoutes.remove, async (c) => {
    const { id } = c.req.valid('param')
    const { user, current } = await editable(c, 'stations', id)
    const next: Station = { ...current, status: 'closed' }
    await saveRecord(c, user, { layer: 'stations', id, current, next, action: 'delete' })
    tagged(c, next)
    return c.json(await stationAnswer(c, next), 200)
  })
  .openapi(classRoutes.create, async (c) => {
    const body = c.req.valid('json')
    const user = await requireUser(c)
    const adcode = await placedIn(c.var.store, body.lon, body.lat)
    authorise(user, 'classes', [adcode])
    const klass: ChildcareClass = {
      ...body,
      id: newRecordId('classes'),
      adcode,
      ...editorProvenance(user),
    }
    checkClass(klass)
    await saveRecord(c, user, {
      layer: 'classes',
      id: klass.id,
      current: null,
      next: klass,
      action: 'create',
    })
    tagged(c, klass)
    c.header('location', `/api/classes/${klass.id}`)
    return c.json(classFeature(klass, c.var.now), 201)
  })
  .openapi(classRoutes.patch, async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const { user, current } = await editable(c, 'classes', id)
    const next: ChildcareClass = { ...current, ...patch }
    if (patch.lon !== undefined || patch.lat !== undefined) {
      next.adcode = await placedIn(c.var.store, next.lon, next.lat)
      authorise(user, 'classes', [next.adcode])
    }
    checkClass(next)
    await saveRecord(c, user, { layer: 'classes', id, current, next, action: 'update' })
    tagged(c, next)
    return c.json(classFeature(next, c.var.now), 200)
  })
  .openapi(classRoutes.remove, async (c) => {
    const { id } = c.req.valid('param')
    const { user, current } = await editable(c, 'classes', id)
    await saveRecord(c, user, { layer: 'classes', id, current, next: null, action: 'delete' })
    return c.body(null, 204)
  })
