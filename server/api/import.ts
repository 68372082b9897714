import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ImportReportSchema } from '../domain/import-report.ts'
import { ImportQuerySchema, type ImportQuery } from '../domain/import-query.ts'
import { ProblemSchema } from '../domain/problem.ts'
import type { Importer } from '../import/importer.ts'
import type { RegisterFile } from '../import/register.ts'
import { createRouter, type AppEnv } from './env.ts'
import { writeBodyLimit } from '../http/write-body-limit.ts'
import { actorOf } from '../auth/actors.ts'
import { forbidden, signedIn } from '../auth/authenticate.ts'
import { OutOfScopeSchema } from '../import/import-scope.ts'
import { z } from 'zod'
import { badParameter, PROBLEM_MEDIA_TYPE, problemResponse } from './problem.ts'
import { jsonResponse, problemResponses } from './responses.ts'

/** Rows one upload may hold, all files together (the CLI allows more). */
export const API_IMPORT_MAX_ROWS = 200_000
/** Entries in each list of the answered report; counts are always exact. */
const REPORT_LIST_LIMIT = 500

export interface ImportApiOptions {
  /** Null: the route is off (403). */
  importer: Importer | null
  maxBytes: number
}

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
})

const route = (maxBytes: number) =>
  createRoute({
    method: 'post',
    path: '/api/import',
    summary: 'Import a register (CSV, XLSX, GeoJSON, JSON lines), or see what it would do',
    description:
      'The same import as `npm run import`: files as `multipart/form-data` (any number of ' +
      '`file` parts) or one file as the raw body with `filename`. Needs an admin (any county) ' +
      'or an editor, whose files may touch only their own counties (403 naming the records ' +
      "outside them, on a dry run too): `Authorization: Bearer <token>` (an account's, or " +
      '`WAYSTATION_ADMIN_TOKEN`), or the session cookie with `X-CSRF-Token`. ' +
      `At most ${maxBytes} bytes and ${API_IMPORT_MAX_ROWS} rows. All or nothing: a committed ` +
      'import is one batch, undone with `npm run import -- --rollback BATCH`.',
    request: { query: ImportQuerySchema },
    responses: {
      ...jsonResponse(ImportReportSchema, 'The report: what was (or, on a dry run, would be) done'),
      ...problemResponses,
      401: problem('No token or session, or not a valid one'),
      403: {
        description:
          'Import over the API is off on this server; or the files touch records outside the ' +
          "editor's counties (`records` lists them); or a cookie write without X-CSRF-Token",
        content: {
          [PROBLEM_MEDIA_TYPE]: {
            schema: ProblemSchema.extend({ records: z.array(OutOfScopeSchema).optional() }),
          },
        },
      },
      409: problem('Another import is running, or the data changed while planning; try again'),
      413: problem('The body is larger than the limit'),
      422: problem('A file cannot be read, or no row could be imported (`report` says why)'),
    },
  })

export function importApi({ importer, maxBytes }: ImportApiOptions) {
  const router = createRouter()
  router.use(
    '/api/import',
    async (_c, next) => {
      if (importer === null) throw forbidden('import over the API is off on this server')
      await next()
    },
    // Before the body is read: nobody uploads 64 MB without an account.
    signedIn(),
    writeBodyLimit(maxBytes, 'file'),
  )
  return router.openapi(route(maxBytes), async (c) => {
    const q = c.req.valid('query')
    const { user } = c.var
    const files = await uploadedFiles(c, q)
    const outcome = await importer!.run(files, {
      layer: q.layer,
      mode: q.mode,
      crs: q.crs,
      dryRun: q.dryRun,
      encoding: q.encoding,
      sheet: q.sheet,
      source: q.source ?? files[0]!.name,
      maxRows: API_IMPORT_MAX_ROWS,
      listLimit: REPORT_LIST_LIMIT,
      actor: actorOf(user),
      scope: user.role === 'admin' ? undefined : user.counties,
    })
    switch (outcome.kind) {
      case 'report':
        if (outcome.report.refused === null) return c.json(outcome.report, 200)
        throw unprocessable(outcome.report.refused, { report: outcome.report })
      case 'bad-file':
        throw unprocessable(outcome.message, { parameter: 'file' })
      case 'refused':
        throw conflict(outcome.message)
      case 'out-of-scope':
        throw new HTTPException(403, {
          res: problemResponse(403, outcome.message, {
            title: 'Forbidden',
            ...({ records: outcome.records } as Record<string, unknown>),
          }),
        })
      case 'busy':
        throw conflict('another import is running; try again when it has finished')
    }
  })
}

/** The files of a multipart body (every part that is a file), or the raw body as one file. */
async function uploadedFiles(c: Context<AppEnv>, q: ImportQuery): Promise<RegisterFile[]> {
  const type = c.req.header('content-type') ?? ''
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw badParameter('file', 'the multipart body cannot be read')
    })
    const parts = Object.values(form).flat()
    const files = await Promise.all(
      parts
        .filter((p): p is File => p instanceof File)
        .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    )
    if (files.length === 0) throw badParameter('file', 'the multipart body holds no file part')
    return files
  }
  if (q.filename === undefined) {
    throw badParameter(
      'filename',
      'a raw body needs its file name (its extension tells the format)',
    )
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  if (bytes.length === 0) throw badParameter('file', 'the body is empty')
  return [{ name: q.filename, bytes }]
}

function unprocessable(detail: string, extra: Record<string, unknown>): HTTPException {
  const res = problemResponse(422, detail, { title: 'Unprocessable content', ...extra })
  return new HTTPException(422, { res })
}

function conflict(detail: string): HTTPException {
  return new HTTPException(409, { res: problemResponse(409, detail) })
}
