import { z } from 'zod'
import { RecordRefSchema } from '../domain/import-report.ts'
import type { ImportPlan } from './plan.ts'

/** A record an import would write in a county the importing editor does not hold. */
export const OutOfScopeSchema = RecordRefSchema.extend({ adcode: z.string() })
export type OutOfScope = z.infer<typeof OutOfScopeSchema>

/** The import touches records outside the editor's counties: nothing is written. */
export class ImportOutOfScopeError extends Error {
  override name = 'ImportOutOfScopeError'
  constructor(readonly records: OutOfScope[]) {
    const shown = records.slice(0, 5).map((r) => `${r.name} (${r.adcode})`)
    const more = records.length > shown.length ? ` and ${records.length - shown.length} more` : ''
    super(
      `the files touch ${records.length} record(s) outside your counties: ${shown.join(', ')}${more}`,
    )
  }
}

type Placed = { id: string; name: string; adcode: string }

/**
 * What a plan would add, change (before or after: a move counts in both counties) or remove
 * outside `counties`.
 */
export function outOfScope<T extends Placed>(
  plan: ImportPlan<T>,
  counties: readonly string[],
): OutOfScope[] {
  const allowed = new Set(counties)
  const out: OutOfScope[] = []
  const check = (file: string | null, row: number | null, r: Placed) => {
    if (!allowed.has(r.adcode)) out.push({ file, row, id: r.id, name: r.name, adcode: r.adcode })
  }
  for (const a of plan.add) check(a.at.file, a.at.row, a.record)
  for (const u of plan.update) {
    check(u.at.file, u.at.row, u.before)
    if (u.after.adcode !== u.before.adcode) check(u.at.file, u.at.row, u.after)
  }
  for (const r of plan.remove) check(null, null, r)
  return out
}
