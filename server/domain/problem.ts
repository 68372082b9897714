import { z } from 'zod'

/** RFC 9457 problem details, as every API error is written. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** The query/path parameter at fault, when one is. */
  parameter: z.string().optional(),
  /** Every invalid parameter, when validation found several. */
  errors: z.array(z.object({ parameter: z.string(), detail: z.string() })).optional(),
})
export type Problem = z.infer<typeof ProblemSchema>
