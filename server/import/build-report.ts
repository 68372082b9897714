import type { ImportReport, RecordRef } from '../domain/import-report.ts'
import type { ImportPlan } from './plan.ts'
import type { ImportLayer, ImportMode, RegisterRead, RowAt } from './register.ts'

export interface ReportContext {
  layer: ImportLayer
  mode: ImportMode
  source: string
  dryRun: boolean
  /** Most entries kept in each list; the counts stay exact. */
  listLimit: number
  batchId: string | null
  refused: string | null
}

type Named = { id: string; name: string }

/** The report of an import from what was read and what the plan decided. */
export function buildReport<T extends Named>(
  read: RegisterRead<unknown>,
  plan: ImportPlan<T>,
  context: ReportContext,
): ImportReport {
  const { listLimit } = context
  const truncated: string[] = []
  /** The first listLimit entries of a list, shaped: an import of 150,000 rows shapes 1,000. */
  const cap = <U, V = U>(name: string, list: readonly U[], shape = (u: U) => u as unknown as V) => {
    if (list.length > listLimit) truncated.push(name)
    return list.slice(0, listLimit).map(shape)
  }
  const row = (at: RowAt, r: Named): RecordRef => ({ ...at, id: r.id, name: r.name })
  const rejected = [...read.rejected, ...plan.rejected]
  return {
    layer: context.layer,
    mode: context.mode,
    source: context.source,
    dryRun: context.dryRun,
    files: read.files.map((f) => ({
      name: f.name,
      sha256: f.sha256,
      rows: f.rows,
      format: f.format,
      encoding: f.encoding,
      sheet: f.sheet,
    })),
    counts: {
      read: read.files.reduce((n, f) => n + f.rows, 0),
      add: plan.add.length,
      update: plan.update.length,
      unchanged: plan.unchanged.length,
      remove: plan.remove.length,
      rejected: rejected.length,
      duplicates: plan.duplicates.length,
      warnings: read.warnings.length,
    },
    unknownColumns: read.files.flatMap((f) =>
      f.columns.filter((c) => c.field === null).map((c) => ({ file: f.name, header: c.header })),
    ),
    add: cap('add', plan.add, (a) => row(a.at, a.record)),
    update: cap('update', plan.update, (u) => row(u.at, u.after)),
    remove: cap('remove', plan.remove, (r) => ({ file: null, row: null, id: r.id, name: r.name })),
    rejected: cap('rejected', rejected, (p) => ({
      ...p.at,
      column: p.column,
      reason: p.reason,
      code: p.code,
      params: p.params,
    })),
    duplicates: cap('duplicates', plan.duplicates),
    warnings: cap('warnings', read.warnings, (w) => ({
      ...w.at,
      column: w.column,
      reason: w.reason,
      code: w.code,
      params: w.params,
      kind: w.kind,
    })),
    listLimit,
    truncated,
    batchId: context.batchId,
    refused: context.refused,
  }
}
