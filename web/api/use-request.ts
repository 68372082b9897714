import { useCallback, useEffect, useState } from 'react'

export type RequestState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  /** `key`: the request the data answers, so callers can tell fresh data from stale. */
  | { status: 'ok'; data: T; key: string }
  | { status: 'error'; error: Error }

/**
 * Runs `run` whenever `key` changes (null: do nothing), aborting the previous call, and exposes
 * loading, data and error plus a retry. `run` must only depend on what `key` encodes.
 */
export function useRequest<T>(
  key: string | null,
  run: (signal: AbortSignal) => Promise<T>,
): RequestState<T> & { retry: () => void } {
  const [state, setState] = useState<RequestState<T>>({ status: 'idle' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' })
      return
    }
    const ctrl = new AbortController()
    setState({ status: 'loading' })
    run(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: 'ok', data, key })
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) {
          setState({
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          })
        }
      },
    )
    return () => ctrl.abort()
    // Deliberately keyed on `key` alone: it encodes everything `run` reads.
  }, [key, attempt])
  const retry = useCallback(() => setAttempt((a) => a + 1), [])
  return { ...state, retry }
}
