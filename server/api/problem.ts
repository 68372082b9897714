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

/** One parameter at fault and what is wrong with it. */
export interface ParameterError {
  parameter: string
  detail: string
}

/** A 400 naming every parameter at fault, the first one as `parameter`. */
export function parameterProblem(errors: readonly ParameterError[]): Response {
  const detail = errors.map((e) => `${e.parameter}: ${e.detail}`).join('; ')
  return problemResponse(400, detail, { parameter: errors[0]?.parameter, errors: [...errors] })
}

/** Throw from a handler to answer with a problem naming the parameter at fault. */
export function badParameter(parameter: string, detail: string): HTTPException {
  return new HTTPException(400, { res: parameterProblem([{ parameter, detail }]) })
}

export function notFound(detail: string): HTTPException {
  return new HTTPException(404, { res: problemResponse(404, detail) })
}

/** What is wrong, said from the raw value where zod's own message would be vague. */
function describeIssue(message: string, raw: unknown): string {
  if (raw === undefined) return 'is required'
  if (Array.isArray(raw)) return 'is given more than once'
  if (typeof raw === 'string' && raw.trim() === '') return 'is empty'
  return message
}

/**
 * zod issues → one 400 naming every bad parameter once. `input` holds the raw values, an
 * array where a parameter was repeated.
 */
export function validationProblem(error: ZodError, input: Record<string, unknown>): Response {
  const errors = new Map<string, string>()
  for (const issue of error.issues) {
    const parameter = String(issue.path[0] ?? 'query')
    if (!errors.has(parameter))
      errors.set(parameter, describeIssue(issue.message, input[parameter]))
  }
  return parameterProblem([...errors].map(([parameter, detail]) => ({ parameter, detail })))
}

/** Hook for @hono/zod-openapi: validation failures become problem+json. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined
  if (result.target === 'json') return bodyProblem(result.error)
  return validationProblem(result.error, result.target === 'param' ? c.req.param() : rawQuery(c))
}

/** zod issues in a JSON body → one 400 naming each field at fault by its path: added[2].lon. */
export function bodyProblem(error: ZodError): Response {
  const errors = new Map<string, string>()
  for (const issue of error.issues) {
    // An unknown key is named by itself, not by the object holding it.
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]
    for (const path of keys) {
      const field =
        path.reduce<string>(
          (out, key) =>
            typeof key === 'number'
              ? `${out}[${key}]`
              : out
                ? `${out}.${String(key)}`
                : String(key),
          '',
        ) || 'body'
      if (!errors.has(field))
        errors.set(field, issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message)
    }
  }
  return parameterProblem([...errors].map(([parameter, detail]) => ({ parameter, detail })))
}

/** The query as the validator saw it: one value per name, or all of them when repeated. */
function rawQuery(c: Context): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]),
  )
}
