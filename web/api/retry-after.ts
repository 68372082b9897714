import { ApiError } from './client.ts'

/** Waits at most this many times in a row before giving up (the page then offers a retry). */
export const MAX_BUSY_RETRIES = 20
/** A server's Retry-After is honoured within these bounds, seconds. */
const MIN_WAIT_S = 1
const MAX_WAIT_S = 60

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `run`; while the server answers 503 with a Retry-After (its work queue is full), waits as
 * long as it asks and runs it again. `onBusy` hears the wait in seconds, then null when the next
 * attempt starts. Any other failure, a 503 without Retry-After, or too many waits is thrown.
 */
export async function withRetryAfter<T>(
  run: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
  onBusy: (retryInS: number | null) => void,
  maxRetries = MAX_BUSY_RETRIES,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(signal)
    } catch (e) {
      const busy = e instanceof ApiError && e.status === 503 && e.retryAfterS !== null
      if (!busy || attempt >= maxRetries || signal.aborted) throw e
      const waitS = Math.min(Math.max(e.retryAfterS!, MIN_WAIT_S), MAX_WAIT_S)
      onBusy(waitS)
      await sleep(waitS * 1000, signal)
      onBusy(null)
    }
  }
}
