import { useEffect, useState } from 'react'

// opening_hours (with every country's holidays) is most of the bundle: load it after the map.
type HoursModule = typeof import('./hours-text.ts')
let loading: Promise<HoursModule> | null = null
export const loadHours = () => (loading ??= import('./hours-text.ts'))

/** The opening-hours helpers, or null while their chunk loads (or until `start`). */
export function useHours(start = true): HoursModule | null {
  const [mod, setMod] = useState<HoursModule | null>(null)
  useEffect(() => {
    if (!start) return
    let live = true
    void loadHours().then((m) => live && setMod(m))
    return () => {
      live = false
    }
  }, [start])
  return mod
}
