import { useCallback, useEffect, useState } from 'react'
import { parsePlannerState, serializePlannerState } from './planner-state.ts'
import type { PlannerState } from './planner-state.ts'

/** PlannerState mirrored into the address bar (replaceState: every click must not add history). */
export function usePlannerUrlState(): [PlannerState, (patch: Partial<PlannerState>) => void] {
  const [state, setState] = useState(() => parsePlannerState(window.location.search))
  useEffect(() => {
    const onPop = () => setState(parsePlannerState(window.location.search))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  useEffect(() => {
    const query = serializePlannerState(state)
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(null, '', url)
    }
  }, [state])
  const update = useCallback(
    (patch: Partial<PlannerState>) => setState((s) => ({ ...s, ...patch })),
    [],
  )
  return [state, update]
}
