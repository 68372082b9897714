import { z } from 'zod'
import { ProblemSchema } from '../domain/problem.ts'
import { PROBLEM_MEDIA_TYPE } from './problem.ts'

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
