import { useCallback, useEffect, useState } from 'react'
import { parseUrlState, serializeUrlState } from './url-state.ts'
import type { FinderState } from './url-state.ts'

/** FinderState mirrored into the address bar (replaceState: panning must not flood history). */
export function useUrlState(): [FinderState, (patch: Partial<FinderState>) => void] {
  const [state, setState] = useState(() => parseUrlState(window.location.search))
  useEffect(() => {
    const onPop = () => setState(parseUrlState(window.location.search))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  useEffect(() => {
    const query = serializeUrlState(state)
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(null, '', url)
    }
  }, [state])
  const update = useCallback(
    (patch: Partial<FinderState>) => setState((s) => ({ ...s, ...patch })),
    [],
  )
  return [state, update]
}
