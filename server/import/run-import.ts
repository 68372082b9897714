import { randomBytes } from 'node:crypto'
import type { AuditActor, Store } from '../db/store.ts'
import { ImportRefusedError } from '../db/store.ts'
import type { ImportReport } from '../domain/import-report.ts'
import { buildReport } from './build-report.ts'
import { planImport } from './plan.ts'
import { ImportOutOfScopeError, outOfScope } from './import-scope.ts'
import { readRegister } from './read-register.ts'
import type { ImportMode, ReadOptions, RegisterFile } from './register.ts'

export interface RunImportOptions extends ReadOptions {
  mode: ImportMode
  dryRun: boolean
  /** Most entries in each list of the report (counts stay exact). */
  listLimit: number
  /** Who the batch is recorded as in the audit log. */
  actor: AuditActor
  /** An editor's counties: a plan touching any other is refused, dry run or not. */
  scope?: readonly string[]
  /** Told what is happening, stage by stage, with times (the CLI prints it on stderr). */
  onProgress?: (message: string) => void
}

/**
 * Read → plan → write, the one import path of the CLI and `POST /api/import`. Answers the
 * report; nothing is written on a dry run, or when no row could be taken, or when the store
 * moved while planning (the report's `refused` says why). A file that cannot be read at all
 * throws RegisterFileError, and a plan outside `scope` ImportOutOfScopeError; nothing is
 * written either.
 */
export async function runImport(
  store: Store,
  files: readonly RegisterFile[],
  options: RunImportOptions,
): Promise<ImportReport> {
  const { layer, mode, dryRun, listLimit, onProgress = () => {} } = options
  const clock = stopwatch()
  const read = await readRegister(files, options, await store.listCounties())
  const rows = read.files.reduce((n, f) => n + f.rows, 0)
  onProgress(`read ${rows} rows from ${files.length} file(s) in ${clock()} s`)

  const snapshot = await store.layerSnapshot(layer)
  const createdAt = new Date()
  const batchId = newBatchId(createdAt)
  const plan = planImport({ layer, mode, drafts: read.drafts, existing: snapshot.records, batchId })
  onProgress(
    `planned against ${snapshot.records.length} stored ${layer} in ${clock()} s: ` +
      `add ${plan.add.length}, update ${plan.update.length}, remove ${plan.remove.length}`,
  )
  if (options.scope !== undefined) {
    const outside = outOfScope(plan, options.scope)
    if (outside.length > 0) throw new ImportOutOfScopeError(outside)
  }
  const context = { layer, mode, source: options.source, dryRun, listLimit }
  const report = (batch: string | null, refused: string | null) =>
    buildReport(read, plan, { ...context, batchId: batch, refused })

  const taken = plan.add.length + plan.update.length + plan.unchanged.length
  if (taken === 0) {
    return report(null, rows === 0 ? 'the files hold no rows' : 'no row could be imported')
  }
  // Nothing to write (every row as stored): no batch, which would only be an empty undo.
  if (dryRun || plan.add.length + plan.update.length + plan.remove.length === 0) {
    return report(null, null)
  }
  const { counts } = report(null, null)
  onProgress(
    `writing ${plan.add.length + plan.update.length + plan.remove.length} records in one transaction`,
  )
  try {
    const change = {
      batch: {
        id: batchId,
        layer,
        source: options.source,
        mode,
        files: read.files.map(({ name, sha256, rows }) => ({ name, sha256, rows })),
        counts,
        createdAt: createdAt.toISOString(),
      },
      basedOn: snapshot.dataVersion,
      add: plan.add.map((a) => a.record),
      update: plan.update.map(({ before, after }) => ({ before, after })),
      remove: plan.remove,
    }
    await store.applyImport(change, options.actor)
  } catch (err) {
    if (err instanceof ImportRefusedError) return report(null, err.message)
    throw err
  }
  onProgress(`wrote batch ${batchId} in ${clock()} s`)
  return report(batchId, null)
}

/** Sortable by time, unique enough: 20261130-070412-9f3a1c. */
function newBatchId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

/** Seconds since the previous call (or since made), to one decimal. */
function stopwatch(): () => string {
  let last = performance.now()
  return () => {
    const now = performance.now()
    const s = ((now - last) / 1000).toFixed(1)
    last = now
    return s
  }
}
