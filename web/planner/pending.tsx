import type { ReactNode } from 'react'
import { usePlannerT } from '../i18n/i18n.ts'
import { Loading } from '../ui/status.tsx'

/** What the planner knows of a computation in progress (see useComputation). */
export interface Progress {
  elapsedS: number
  retryInS: number | null
}

/**
 * "Computing…, 12 s so far" and, while the server's queue is full, when it will be asked again:
 * only measured time, never an estimate of what is left.
 */
export function Pending({ req, children }: { req: Progress; children: ReactNode }) {
  const p = usePlannerT().planner
  return (
    <Loading>
      {children}
      {req.retryInS !== null && (
        <span className="pending-busy" data-retry-in={req.retryInS}>
          {' '}
          {p.busy(req.retryInS)}
        </span>
      )}
      {req.elapsedS > 0 && (
        <span className="muted small" data-elapsed={req.elapsedS}>
          {' '}
          {p.elapsed(req.elapsedS)}
        </span>
      )}
    </Loading>
  )
}
