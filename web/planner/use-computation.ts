import { useEffect, useState } from 'react'
import { withRetryAfter } from '../api/retry-after.ts'
import { useRequest } from '../api/use-request.ts'

/** Whole seconds since `key` last became non-null, ticking once a second; 0 while null. */
export function useElapsedS(key: string | null): number {
  const [since, setSince] = useState<{ key: string; startMs: number } | null>(null)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (key === null) return
    const startMs = Date.now()
    setSince({ key, startMs })
    setNow(startMs)
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [key])
  return key !== null && since?.key === key
    ? Math.max(0, Math.floor((now - since.startMs) / 1000))
    : 0
}

/**
 * A coverage request as the planner shows it: loading, data or error (useRequest), plus the
 * seconds it has been computing and, while the server's queue is full, how long until the retry
 * it asked for. Only what was measured is shown: no estimate of how long is left.
 */
export function useComputation<T>(key: string | null, run: (signal: AbortSignal) => Promise<T>) {
  const [busy, setBusy] = useState<{ key: string; untilMs: number } | null>(null)
  const req = useRequest(key, (signal) =>
    withRetryAfter(run, signal, (retryInS) =>
      setBusy(retryInS === null ? null : { key: key!, untilMs: Date.now() + retryInS * 1000 }),
    ),
  )
  const loading = req.status === 'loading'
  const elapsedS = useElapsedS(loading ? key : null)
  return {
    ...req,
    elapsedS,
    /** Seconds left of the wait the server asked for (counting down); null when not waiting. */
    retryInS:
      loading && busy?.key === key
        ? Math.max(0, Math.ceil((busy.untilMs - Date.now()) / 1000))
        : null,
  }
}
