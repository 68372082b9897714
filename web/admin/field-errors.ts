import type { ZodError } from 'zod'
import type { ProblemError } from '../api/admin-client.ts'

/** Messages by field: the first for each, `body` for the body as a whole. */
export type FieldErrors = Partial<Record<string, string>>

/** The shared schema's issues by field, worded as the API words them (its bodyProblem). */
export function schemaErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'body'
    out[field] ??= issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message
  }
  return out
}

/** The fields a 400 problem+json names (its `errors`, else its `parameter`). */
export function problemErrors(err: ProblemError): FieldErrors {
  const out: FieldErrors = {}
  const { errors, parameter, detail } = err.problem
  for (const e of errors ?? (parameter === undefined ? [] : [{ parameter, detail }])) {
    out[e.parameter.split(/[.[]/)[0]!] ??= e.detail
  }
  return out
}
