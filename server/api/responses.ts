import { z } from 'zod'
import { ProblemSchema } from '../domain/problem.ts'
import { PROBLEM_MEDIA_TYPE } from './problem.ts'

/** An OpenAPI response entry for a problem+json answer. */
export const problem = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
})

/** OpenAPI response entries shared by the routes. */
export const problemResponses = {
  400: problem(
    'A parameter is missing, empty, repeated, malformed, out of range or unknown; `parameter` ' +
      'names it. Numbers are plain decimals: an optional sign, digits, an optional fraction.',
  ),
}
export const notFoundResponse = { 404: problem('No such resource') }
export const unavailableResponse = (description: string) => ({ 503: problem(description) })

export const jsonResponse = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
})

/** What every route needing an account may answer besides its own. */
export const authResponses = {
  401: problem(
    'No credentials, or a token or session that is unknown, revoked or expired; the answer ' +
      'carries `WWW-Authenticate: Bearer`',
  ),
  403: problem(
    "Outside the account's counties (or role), or a cookie-authenticated write without " +
      'X-CSRF-Token',
  ),
}

/** What every write of an existing record may answer besides its own. */
export const preconditionResponses = {
  412: problem('If-Match names an older version of the record; the answer carries its ETag'),
  428: problem('If-Match is missing (or If-None-Match: * where the record no longer exists)'),
}
