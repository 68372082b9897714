import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import type { Problem } from '../domain/problem.ts'

// The one place that writes errors to the wire as application/problem+json.

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  416: 'Range not satisfiable',
  500: 'Internal server error',
}

export function problemResponse(
  status: ContentfulStatusCode,
  detail: string,
  extra: Partial<Problem> = {},
): Response {
  const body: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': `${PROBLEM_MEDIA_TYPE}; charset=utf-8` },
  })
}

/** Throw from a handler to answer with a problem naming the parameter at fault. */
export function badParameter(parameter: string, detail: string): HTTPException {
  return new HTTPException(400, {
    res: problemResponse(400, `${parameter}: ${detail}`, { parameter }),
  })
}

export function notFound(detail: string): HTTPException {
  return new HTTPException(404, { res: problemResponse(404, detail) })
}

/** zod issues → one 400 naming every bad parameter (the first one as `parameter`). */
export function validationProblem(error: ZodError, input: Record<string, unknown>): Response {
  const errors = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ parameter: key, detail: 'unknown parameter' }))
    }
    const parameter = String(issue.path[0] ?? 'query')
    const missing = input[parameter] === undefined || input[parameter] === ''
    return [{ parameter, detail: missing ? 'is required' : issue.message }]
  })
  const detail = errors.map((e) => `${e.parameter}: ${e.detail}`).join('; ')
  return problemResponse(400, detail, { parameter: errors[0]?.parameter, errors })
}

/** Hook for @hono/zod-openapi: validation failures become problem+json. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined
  const input: Record<string, unknown> =
    result.target === 'param' ? c.req.param() : result.target === 'query' ? c.req.query() : {}
  return validationProblem(result.error, input)
}
