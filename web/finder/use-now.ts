import { useEffect, useState } from 'react'

/** The current time, refreshed every `everyMs`, so "open now" stays true as the clock moves. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs)
    return () => clearInterval(id)
  }, [everyMs])
  return now
}
