import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { ReportInputSchema, ReportSchema } from '../domain/report.ts'
import { textParam } from '../domain/params.ts'
import { createRouter } from './env.ts'
import { clientAddress } from './middleware/client-address.ts'
import { RateLimiter, type RateRule } from './middleware/rate-limiter.ts'
import { notFound, parameterProblem, problemResponse } from './problem.ts'
import { notFoundResponse, problem, problemResponses } from './responses.ts'

/** Per client: a few check-ins on a walk, not a flood. */
export const REPORT_RATE_RULES: readonly RateRule[] = [
  { max: 5, windowMs: 60_000 },
  { max: 50, windowMs: 86_400_000 },
]
/** A report is a type, an amenity and 200 characters: a few KB is ample even escaped. */
export const REPORT_MAX_BODY_BYTES = 4096

export interface ReportsApiOptions {
  limiter: RateLimiter
  /** See clientAddress. */
  trustedProxies: ReadonlySet<string>
  /** The clock reports are dated by. */
  now: () => Date
}

/** The options a server runs with; tests pass a fake clock, which the limiter shares. */
export function reportsApiOptions({
  now = () => new Date(),
  trustedProxies = [],
}: { now?: () => Date; trustedProxies?: readonly string[] } = {}): ReportsApiOptions {
  return {
    limiter: new RateLimiter(REPORT_RATE_RULES, { now: () => now().getTime() }),
    trustedProxies: new Set(trustedProxies),
    now,
  }
}

const route = createRoute({
  method: 'post',
  path: '/api/stations/{id}/reports',
  summary: 'A worker checks in at a station, or reports a problem with it',
  description:
    'No account. `amenity` is required for `amenity_missing` and refused otherwise; `note` is ' +
    'plain text (at most 200 characters), shown as text. Not an edit: the data version, the ' +
    "indexes and coverage stay as they were, and the station answers' `lastConfirmedAt` and " +
    '`openReports` change at once. Rate-limited per client address (behind a reverse proxy: ' +
    `the one WAYSTATION_TRUSTED_PROXIES names): ${REPORT_RATE_RULES[0]!.max} a minute and ` +
    `${REPORT_RATE_RULES[1]!.max} a day. Body at most ${REPORT_MAX_BODY_BYTES} bytes of JSON.`,
  request: {
    params: z.object({ id: textParam(100) }),
    body: { required: true, content: { 'application/json': { schema: ReportInputSchema } } },
  },
  responses: {
    201: {
      description: 'The stored report',
      content: { 'application/json': { schema: ReportSchema } },
    },
    ...problemResponses,
    ...notFoundResponse,
    413: problem(`The body is larger than ${REPORT_MAX_BODY_BYTES} bytes`),
    415: problem('The body is not sent as application/json'),
    429: problem('Too many reports from this client; `Retry-After` says when to try again'),
  },
})

export function reportsApi({ limiter, trustedProxies, now }: ReportsApiOptions) {
  const router = createRouter()
  // Before anything is read: the limit, the media type (a cross-site form cannot send JSON
  // without a CORS preflight, which this API never grants), the size, then the JSON itself.
  router.post(
    route.getRoutingPath(),
    async (c, next) => {
      const decision = limiter.hit(clientAddress(c, trustedProxies))
      if (!decision.allowed) {
        const res = problemResponse(
          429,
          `too many reports from this address; try again in ${decision.retryAfterS} s`,
          { title: 'Too many requests' },
        )
        res.headers.set('retry-after', String(decision.retryAfterS))
        return res
      }
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        return problemResponse(415, 'send the report as application/json', {
          title: 'Unsupported media type',
          parameter: 'content-type',
        })
      }
      await next()
    },
    bodyLimit({
      maxSize: REPORT_MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, {
          res: problemResponse(413, `the body is larger than ${REPORT_MAX_BODY_BYTES} bytes`, {
            title: 'Content too large',
            parameter: 'body',
          }),
        })
      },
    }),
    async (c, next) => {
      try {
        await c.req.json()
      } catch {
        return parameterProblem([{ parameter: 'body', detail: 'is not valid JSON' }])
      }
      await next()
    },
  )
  return router.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const report = await c.var.store.addReport(id, c.req.valid('json'), now())
    if (!report) throw notFound(`no station with id ${id}`)
    return c.json(report, 201)
  })
}
